// SPDX-License-Identifier: MIT
// Every label of the interface, in Spanish (first) and English, and the number and date formats of each language.
// Texts that come with the data (place names, level labels, indicator labels from the server) are not here.

export type Lang = 'es' | 'en';

const es = {
  'site.name': 'Metrópoli',
  'site.tagline': 'Panorama común de COVID-19 de la Zona Metropolitana de La Laguna',
  'skip': 'Saltar al contenido',
  'nav.label': 'Secciones',
  'nav.overview': 'Panorama',
  'nav.places': 'Municipios',
  'lang.switch': 'English',
  'lang.switch.label': 'Switch to English',
  'loading': 'Cargando datos…',
  'error.title': 'No se pudieron cargar los datos',
  'error.config': 'No se encontró config.json junto a esta página: el sitio debe servirse con `metropoli serve` o exportarse con `metropoli export-site`.',
  'error.retry': 'Reintentar',
  'error.notfound': 'No existe esta página.',
  'error.unknownPlace': 'No hay datos de la jurisdicción «{code}».',
  'error.back': 'Volver al panorama',

  'overview.title': 'Zona Metropolitana de La Laguna',
  'overview.lead': 'Torreón, Matamoros y Francisco I. Madero (Coahuila); Gómez Palacio y Lerdo (Durango): las mismas cifras, calculadas de la misma forma para los cinco municipios y para la zona.',
  'overview.dateHeading': 'Situación al {date}',
  'controls.label': 'Fecha y esquema de riesgo',
  'controls.date': 'Fecha',
  'controls.prev': 'Día anterior',
  'controls.next': 'Día siguiente',
  'controls.latest': 'Fecha de referencia',
  'controls.latest.title': 'El último día que cubren todas las fuentes incluidas ({date})',
  'controls.scheme': 'Esquema de riesgo',
  'controls.dateRange': 'Del {from} al {to}',
  'controls.dateInvalid': 'La fecha {date} está fuera del periodo con datos; se muestra el {shown}.',

  'notice.incomplete.title': 'Cifras incompletas',
  'notice.incomplete.on': 'El {date} está dentro de los últimos {days} días de la entrega: los casos por fecha de inicio de síntomas siguen llegando y las cifras subirán.',
  'notice.incomplete.general': 'Los días desde el {from} tienen cifras incompletas (retraso en la notificación); en las gráficas aparecen sombreados.',
  'notice.unverified': 'Algunos puntos de corte de este esquema no están verificados contra el documento oficial; úselo como referencia, no como el semáforo oficial.',
  'notice.vintage': 'Entregas de datos usadas',
  'notice.defaultDate': 'Fecha de referencia: {date}, el último día que cubren todas las fuentes incluidas.',

  'map.heading': 'Mapa de los cinco municipios',
  'map.caption': 'Nivel de riesgo de cada municipio el {date} ({scheme}). El color acompaña siempre al nombre del nivel.',
  'map.label': 'Mapa de la Zona Metropolitana de La Laguna: {items}',
  'map.item': '{name}, {level}',
  'map.linkLabel': '{name}: {level}. Abrir la página del municipio',
  'legend.heading': 'Niveles',
  'legend.range': 'Sin determinar: faltan datos y el nivel queda entre dos valores',
  'legend.none': 'Sin dato',

  'level.none': 'Sin dato',
  'level.range': 'Entre {min} y {max}',
  'level.rangeNote': 'faltan componentes; el nivel queda entre ambos extremos',
  'level.unknown': 'Nivel «{id}»',

  'cards.heading': 'La zona y cada municipio',
  'cards.level': 'Nivel de riesgo',
  'cards.rt': 'Rt',
  'cards.rtInterval': 'IC 95 %: {low}–{high}',
  'cards.incidence': 'Incidencia 7 días',
  'cards.mortality': 'Mortalidad 14 días',
  'cards.per100k': 'por 100 mil hab.',
  'cards.releases': 'Rt e incidencia: {cases}. Mortalidad: {deaths}.',
  'cards.open': 'Ver la página de {name}',
  'cards.population': '{population} habitantes',
  'cards.zone': 'Zona metropolitana',

  'chart.allFive.heading': 'Los cinco municipios en una gráfica',
  'chart.allFive.title': 'Incidencia de 7 días por 100 mil habitantes, los cinco municipios',
  'chart.allFive.caption': 'Casos confirmados por fecha de inicio de síntomas en 7 días, por cada 100 mil habitantes. Cada municipio con su color y su trazo.',
  'chart.cases.title': 'Casos confirmados por fecha de inicio de síntomas',
  'chart.cases.caption': 'Barras: casos de cada día; línea: promedio de 7 días. La zona sombreada son los días con cifras incompletas.',
  'chart.cases.daily': 'Casos del día',
  'chart.cases.mean': 'Promedio de 7 días',
  'chart.rt.title': 'Número de reproducción efectivo (Rt)',
  'chart.rt.caption': 'Rt de la semana que termina cada día (Cori et al., 2013, como EpiEstim), con su intervalo de credibilidad del 95 %. Por encima de la línea de 1 la epidemia crece. El eje se corta en 4.',
  'chart.rt.mean': 'Rt',
  'chart.rt.low': 'Límite inferior 95 %',
  'chart.rt.high': 'Límite superior 95 %',
  'chart.positivity.title': 'Positividad semanal',
  'chart.positivity.caption': 'Pruebas positivas entre positivas y negativas en 7 días (PCR y antígeno), en porcentaje.',
  'chart.positivity.series': 'Positividad 7 días',
  'chart.hospital.title': 'Ocupación hospitalaria (Red IRAG)',
  'chart.hospital.caption': 'Porcentaje de camas ocupadas publicado por la Red IRAG para el estado; una zona en dos estados toma la cifra más alta.',
  'chart.hospital.general': 'Camas generales',
  'chart.hospital.icu': 'Camas de UCI',
  'chart.hospital.ventilator': 'Camas con ventilador',
  'chart.mobility.title': 'Movilidad en {state}',
  'chart.mobility.caption': 'Cambio porcentual frente a la línea base (Informes de Movilidad Local de Google), promedio de 7 días, por categoría de lugar, para todo el estado.',
  'chart.marker': 'Fecha elegida',
  'chart.noData': 'Sin dato: ninguna fuente incluida cubre esta serie para {name}.',
  'chart.summary.last': 'Último valor ({date}): {value}.',
  'chart.summary.at': 'El {date}: {value}.',
  'chart.summary.lastEach': 'Últimos valores: {value}.',
  'chart.summary.max': 'Máximo: {value}.',
  'chart.table.show': 'Ver los datos en una tabla',
  'chart.table.date': 'Fecha',
  'chart.table.incomplete': 'cifras incompletas',

  'place.back': 'Panorama de la zona',
  'place.state.05': 'Coahuila',
  'place.state.10': 'Durango',
  'place.populationLine': '{population} habitantes (Censo 2020)',
  'place.levels.heading': 'Nivel de riesgo el {date}',
  'place.levels.scheme': 'Esquema',
  'place.levels.level': 'Nivel',
  'place.levels.unverified': 'puntos de corte no verificados',
  'place.inputs': 'Entregas usadas para {name}',
  'place.charts': 'Series',
  'place.indicators.heading': 'Indicadores del {date}',
  'place.indicators.indicator': 'Indicador',
  'place.indicators.value': 'Valor',
  'place.indicators.window': 'Ventana',
  'place.indicators.release': 'Entrega',
  'place.indicators.complete': 'Completo',
  'place.indicators.yes': 'Completo',
  'place.indicators.no': 'Incompleto',
  'place.indicators.loading': 'Cargando indicadores…',
  'place.indicators.error': 'No se pudieron leer los indicadores de este lugar: {detail}',
  'place.indicators.noDay': 'No hay indicadores del {date} para este lugar.',

  'value.none': 'sin dato',

  'unit.cases': 'casos',
  'unit.cases_per_day': 'casos por día',
  'unit.per_100k': 'por 100 mil hab.',
  'unit.per_100k_per_day': 'por 100 mil hab. por día',
  'unit.percent': '%',
  'unit.ratio': 'cambio semanal',
  'unit.per_day': 'por día',
  'unit.days': 'días',
  'unit.rt': '',

  'source.municipal': 'Serie municipal oficial (SSA/CONACYT)',
  'source.ssa': 'Datos Abiertos COVID-19 (SSA)',
  'source.hospital': 'Red IRAG',
  'source.red_irag': 'Red IRAG',
  'source.mobility': 'Informes de movilidad de Google',
  'source.economy': 'IMSS',
  'release.item': '{source}, corte del {date}: {measures}',
  'release.inline': '{source} {date}',

  'measure.confirmed': 'casos confirmados',
  'measure.deaths': 'defunciones',
  'measure.suspected': 'sospechosos',
  'measure.negative': 'negativos',
  'measure.tested': 'pruebas',
  'measure.lab_positive': 'positivos PCR',
  'measure.lab_negative': 'negativos PCR',
  'measure.antigen_positive': 'positivos antígeno',
  'measure.antigen_negative': 'negativos antígeno',
  'measure.hospitalized': 'hospitalizados',
  'measure.icu': 'UCI',
  'measure.intubated': 'intubados',
  'measure.irag': 'ocupación hospitalaria',

  'mobility.retail_and_recreation': 'Comercio y recreación',
  'mobility.grocery_and_pharmacy': 'Supermercados y farmacias',
  'mobility.parks': 'Parques',
  'mobility.transit_stations': 'Estaciones de transporte',
  'mobility.workplaces': 'Lugares de trabajo',
  'mobility.residential': 'Zonas residenciales',


  'footer.sources': 'Fuentes: Secretaría de Salud, Datos Abiertos COVID-19 y serie municipal oficial (SSA/CONACYT); Red IRAG; Informes de Movilidad Local de Google; población: INEGI, Censo 2020. Metodología: docs/methodology.md.',
  'footer.date': 'Fecha mostrada: {date}.',
  'footer.releases': 'Entregas: {releases}.',
  'footer.mode.static': 'Sitio estático exportado.',
  'footer.mode.live': 'Datos del servidor en vivo.',
  'footer.api': 'Datos abiertos (JSON)',
  'footer.print': 'Imprimir',
} as const;

export type Key = keyof typeof es;

const en: Record<Key, string> = {
  'site.name': 'Metrópoli',
  'site.tagline': 'Shared COVID-19 picture of the La Laguna Metropolitan Zone',
  'skip': 'Skip to content',
  'nav.label': 'Sections',
  'nav.overview': 'Overview',
  'nav.places': 'Municipalities',
  'lang.switch': 'Español',
  'lang.switch.label': 'Cambiar a español',
  'loading': 'Loading data…',
  'error.title': 'The data could not be loaded',
  'error.config': 'No config.json was found next to this page: the site must be served by `metropoli serve` or exported with `metropoli export-site`.',
  'error.retry': 'Retry',
  'error.notfound': 'This page does not exist.',
  'error.unknownPlace': 'There are no data for the jurisdiction “{code}”.',
  'error.back': 'Back to the overview',

  'overview.title': 'La Laguna Metropolitan Zone',
  'overview.lead': 'Torreón, Matamoros and Francisco I. Madero (Coahuila); Gómez Palacio and Lerdo (Durango): the same figures, computed the same way for the five municipalities and for the zone.',
  'overview.dateHeading': 'Situation on {date}',
  'controls.label': 'Date and risk scheme',
  'controls.date': 'Date',
  'controls.prev': 'Previous day',
  'controls.next': 'Next day',
  'controls.latest': 'Reference date',
  'controls.latest.title': 'The last day every bundled source covers ({date})',
  'controls.scheme': 'Risk scheme',
  'controls.dateRange': 'From {from} to {to}',
  'controls.dateInvalid': 'The date {date} is outside the period with data; showing {shown}.',

  'notice.incomplete.title': 'Incomplete figures',
  'notice.incomplete.on': '{date} is within the last {days} days of the release: cases by symptom onset are still being reported and the figures will rise.',
  'notice.incomplete.general': 'Days from {from} on have incomplete figures (reporting delay); they are shaded on the charts.',
  'notice.unverified': 'Some cut points of this scheme are not verified against the official document; use it as a reference, not as the official traffic light.',
  'notice.vintage': 'Data releases used',
  'notice.defaultDate': 'Reference date: {date}, the last day every bundled source covers.',

  'map.heading': 'Map of the five municipalities',
  'map.caption': 'Risk level of each municipality on {date} ({scheme}). The colour always comes with the level’s name.',
  'map.label': 'Map of the La Laguna Metropolitan Zone: {items}',
  'map.item': '{name}, {level}',
  'map.linkLabel': '{name}: {level}. Open the municipality’s page',
  'legend.heading': 'Levels',
  'legend.range': 'Undetermined: data are missing and the level lies between two values',
  'legend.none': 'No data',

  'level.none': 'No data',
  'level.range': 'Between {min} and {max}',
  'level.rangeNote': 'components are missing; the level lies between both ends',
  'level.unknown': 'Level “{id}”',

  'cards.heading': 'The zone and each municipality',
  'cards.level': 'Risk level',
  'cards.rt': 'Rt',
  'cards.rtInterval': '95% CrI: {low}–{high}',
  'cards.incidence': '7-day incidence',
  'cards.mortality': '14-day mortality',
  'cards.per100k': 'per 100k',
  'cards.releases': 'Rt and incidence: {cases}. Mortality: {deaths}.',
  'cards.open': 'Open the page of {name}',
  'cards.population': '{population} inhabitants',
  'cards.zone': 'Metropolitan zone',

  'chart.allFive.heading': 'All five municipalities on one chart',
  'chart.allFive.title': '7-day incidence per 100k inhabitants, the five municipalities',
  'chart.allFive.caption': 'Confirmed cases by symptom onset over 7 days, per 100k inhabitants. Each municipality has its own colour and line style.',
  'chart.cases.title': 'Confirmed cases by symptom onset',
  'chart.cases.caption': 'Bars: cases of each day; line: 7-day mean. The shaded area marks the days with incomplete figures.',
  'chart.cases.daily': 'Cases on the day',
  'chart.cases.mean': '7-day mean',
  'chart.rt.title': 'Effective reproduction number (Rt)',
  'chart.rt.caption': 'Rt of the week ending on each day (Cori et al., 2013, as EpiEstim), with its 95% credible interval. Above the line at 1 the epidemic grows. The axis stops at 4.',
  'chart.rt.mean': 'Rt',
  'chart.rt.low': 'Lower 95% bound',
  'chart.rt.high': 'Upper 95% bound',
  'chart.positivity.title': 'Weekly test positivity',
  'chart.positivity.caption': 'Positive tests over positive and negative tests in 7 days (PCR and antigen), in percent.',
  'chart.positivity.series': '7-day positivity',
  'chart.hospital.title': 'Hospital occupancy (Red IRAG)',
  'chart.hospital.caption': 'Share of occupied beds published by Red IRAG for the state; a zone across two states takes the higher figure.',
  'chart.hospital.general': 'General beds',
  'chart.hospital.icu': 'ICU beds',
  'chart.hospital.ventilator': 'Ventilator beds',
  'chart.mobility.title': 'Mobility in {state}',
  'chart.mobility.caption': 'Percent change from the baseline (Google Community Mobility Reports), 7-day mean, by kind of place, for the whole state.',
  'chart.marker': 'Chosen date',
  'chart.noData': 'No data: no bundled source covers this series for {name}.',
  'chart.summary.last': 'Latest value ({date}): {value}.',
  'chart.summary.at': 'On {date}: {value}.',
  'chart.summary.lastEach': 'Latest values: {value}.',
  'chart.summary.max': 'Peak: {value}.',
  'chart.table.show': 'Show the data as a table',
  'chart.table.date': 'Date',
  'chart.table.incomplete': 'incomplete figures',

  'place.back': 'Zone overview',
  'place.state.05': 'Coahuila',
  'place.state.10': 'Durango',
  'place.populationLine': '{population} inhabitants (2020 Census)',
  'place.levels.heading': 'Risk level on {date}',
  'place.levels.scheme': 'Scheme',
  'place.levels.level': 'Level',
  'place.levels.unverified': 'cut points not verified',
  'place.inputs': 'Releases used for {name}',
  'place.charts': 'Series',
  'place.indicators.heading': 'Indicators on {date}',
  'place.indicators.indicator': 'Indicator',
  'place.indicators.value': 'Value',
  'place.indicators.window': 'Window',
  'place.indicators.release': 'Release',
  'place.indicators.complete': 'Complete',
  'place.indicators.yes': 'Complete',
  'place.indicators.no': 'Incomplete',
  'place.indicators.loading': 'Loading indicators…',
  'place.indicators.error': 'The indicators of this place could not be read: {detail}',
  'place.indicators.noDay': 'There are no indicators for {date} for this place.',

  'value.none': 'no data',

  'unit.cases': 'cases',
  'unit.cases_per_day': 'cases per day',
  'unit.per_100k': 'per 100k',
  'unit.per_100k_per_day': 'per 100k per day',
  'unit.percent': '%',
  'unit.ratio': 'weekly change',
  'unit.per_day': 'per day',
  'unit.days': 'days',
  'unit.rt': '',

  'source.municipal': 'Official municipal series (SSA/CONACYT)',
  'source.ssa': 'COVID-19 Open Data (SSA)',
  'source.hospital': 'Red IRAG',
  'source.red_irag': 'Red IRAG',
  'source.mobility': 'Google mobility reports',
  'source.economy': 'IMSS',
  'release.item': '{source}, cut on {date}: {measures}',
  'release.inline': '{source} {date}',

  'measure.confirmed': 'confirmed cases',
  'measure.deaths': 'deaths',
  'measure.suspected': 'suspected',
  'measure.negative': 'negative',
  'measure.tested': 'tests',
  'measure.lab_positive': 'PCR positive',
  'measure.lab_negative': 'PCR negative',
  'measure.antigen_positive': 'antigen positive',
  'measure.antigen_negative': 'antigen negative',
  'measure.hospitalized': 'hospitalised',
  'measure.icu': 'ICU',
  'measure.intubated': 'intubated',
  'measure.irag': 'hospital occupancy',

  'mobility.retail_and_recreation': 'Retail and recreation',
  'mobility.grocery_and_pharmacy': 'Grocery and pharmacy',
  'mobility.parks': 'Parks',
  'mobility.transit_stations': 'Transit stations',
  'mobility.workplaces': 'Workplaces',
  'mobility.residential': 'Residential',


  'footer.sources': 'Sources: Secretaría de Salud, COVID-19 Open Data and the official municipal series (SSA/CONACYT); Red IRAG; Google Community Mobility Reports; population: INEGI, 2020 Census. Methodology: docs/methodology.md.',
  'footer.date': 'Date shown: {date}.',
  'footer.releases': 'Releases: {releases}.',
  'footer.mode.static': 'Exported static site.',
  'footer.mode.live': 'Data from the live server.',
  'footer.api': 'Open data (JSON)',
  'footer.print': 'Print',
};

const dictionaries: Record<Lang, Record<Key, string>> = { es, en };

let current: Lang = 'es';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === 'es' ? 'es-MX' : 'en';
}

export function lang(): Lang {
  return current;
}

export function t(key: Key, params?: Record<string, string | number>): string {
  let text: string = dictionaries[current][key] ?? es[key] ?? key;
  if (params) {
    for (const [name, value] of Object.entries(params)) text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

export function hasKey(key: string): key is Key {
  return key in es;
}

// A text the server gives in both languages ({es, en}), in the current one.
export function text(value: { es: string; en: string }): string {
  return (current === 'en' ? value.en : value.es) || value.es;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, digits: number): string {
  const key = `${current}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current === 'es' ? 'es-MX' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

export function formatInt(value: number): string {
  return formatNumber(Math.round(value), 0);
}

// ISO day (YYYY-MM-DD) as a long date: "15 de noviembre de 2020" / "November 15, 2020".
export function formatDate(iso: string, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(current === 'es' ? 'es-MX' : 'en-US', {
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function monthNames(): { MMMM: string[]; MMM: string[]; WWWW: string[]; WWW: string[] } {
  const locale = current === 'es' ? 'es-MX' : 'en-US';
  const months = (style: 'long' | 'short') =>
    Array.from({ length: 12 }, (_, i) =>
      new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2021, i, 15))).replace('.', ''),
    );
  const days = (style: 'long' | 'short') =>
    Array.from({ length: 7 }, (_, i) =>
      new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2021, 7, 1 + i))),
    );
  return { MMMM: months('long'), MMM: months('short'), WWWW: days('long'), WWW: days('short') };
}
