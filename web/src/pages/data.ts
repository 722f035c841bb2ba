// SPDX-License-Identifier: MIT
// `#/datos`: every dataset behind the figures with its source, licence and data cut, and the documents of the
// API to download. The data cut comes from the server (the stored releases and the first screen's cut); the
// sources and licences are those of data/*/PROVENANCE.md.
import { resourceUrl } from '../api';
import type { FirstScreen, Overview } from '../api';
import { h } from '../dom';
import { measureName, sourceName } from '../format';
import { formatDate, t, text } from '../i18n';
import type { Text } from '../api';
import type { Page } from './page';

interface Dataset {
  id: string;
  name: Text;
  source: string; // URL
  licence: Text;
  provenance: string; // file in the repository
  releases?: string; // the stored releases' source id, for the data cut
  cut?: Text; // a bundled file's own span, where no stored release says it
}

// The SSA/CONACYT tablero's downloads, municipal and by state, copied from mirrors that state no licence.
const TABLERO_LICENCE: Text = { es: 'Datos abiertos del Gobierno de México; los repositorios de donde se copiaron no declaran licencia.', en: 'Mexican government open data; the repositories they were copied from state no licence.' };

const DATASETS: Dataset[] = [
  {
    id: 'ssa',
    name: { es: 'Datos Abiertos COVID-19 (Secretaría de Salud, Dirección General de Epidemiología)', en: 'COVID-19 Open Data (Secretaría de Salud, Dirección General de Epidemiología)' },
    source: 'https://www.gob.mx/salud/documentos/datos-abiertos-152127',
    licence: { es: 'Datos abiertos del Gobierno de México (Términos de Libre Uso de datos.gob.mx); el extracto incluido viene del repositorio RodrigoZepeda/covidmx (MIT).', en: 'Mexican government open data (datos.gob.mx free-use terms); the bundled extract comes from the RodrigoZepeda/covidmx repository (MIT).' },
    provenance: 'data/ssa/PROVENANCE.md',
    releases: 'ssa',
  },
  {
    id: 'municipal',
    name: { es: 'Serie diaria oficial por municipio: casos confirmados y defunciones (SSA/CONACYT)', en: 'Official daily series by municipality: confirmed cases and deaths (SSA/CONACYT)' },
    source: 'https://datos.covid-19.conacyt.mx/#DownZCSV',
    licence: TABLERO_LICENCE,
    provenance: 'data/ssa_municipal/PROVENANCE.md',
    releases: 'municipal',
  },
  {
    id: 'ssa_state',
    name: { es: 'Serie diaria oficial por estado: confirmados, negativos y sospechosos (SSA/CONACYT), para la positividad estatal', en: 'Official daily series by state: confirmed, negative and suspected (SSA/CONACYT), for the state positivity' },
    source: 'https://datos.covid-19.conacyt.mx/#DownZCSV',
    licence: TABLERO_LICENCE,
    provenance: 'data/ssa_state/PROVENANCE.md',
    cut: { es: 'cortes del 27 de mayo de 2020 y del 11, 18 y 26 de octubre y 7 de diciembre de 2021', en: 'cut-offs of 27 May 2020 and 11, 18 and 26 October and 7 December 2021' },
  },
  {
    id: 'hospital',
    name: { es: 'Ocupación hospitalaria Red IRAG', en: 'Red IRAG hospital occupancy' },
    source: 'https://www.gits.igg.unam.mx/red-irag-dashboard/reviewHome',
    licence: { es: 'No declarada (publicación oficial de la Secretaría de Salud).', en: 'Not stated (an official Secretaría de Salud publication).' },
    provenance: 'data/hospital/PROVENANCE.md',
  },
  {
    id: 'mobility',
    name: { es: 'Informes de Movilidad Local de Google', en: 'Google Community Mobility Reports' },
    source: 'https://www.google.com/covid19/mobility/',
    licence: { es: 'Términos de Google para los informes de movilidad (uso con atribución).', en: "Google's terms for the mobility reports (use with attribution)." },
    provenance: 'data/mobility/PROVENANCE.md',
  },
  {
    id: 'economy',
    name: { es: 'Empleo formal IMSS', en: 'IMSS formal employment' },
    source: 'http://datos.imss.gob.mx/',
    licence: { es: 'Datos abiertos del IMSS.', en: 'IMSS open data.' },
    provenance: 'data/economy/PROVENANCE.md',
  },
  {
    id: 'semaforo',
    name: { es: 'Semáforo federal de riesgo epidemiológico: color oficial de cada estado por semana', en: 'Federal epidemic risk traffic light: the official colour of each state by week' },
    source: 'https://coronavirus.gob.mx/semaforo/',
    licence: { es: 'Información oficial del Gobierno de México; recopilación semanal Bisaloo/semaforos (MIT).', en: 'Official Mexican government information; weekly compilation Bisaloo/semaforos (MIT).' },
    provenance: 'data/semaforo/PROVENANCE.md',
    cut: { es: 'semanas del 1 de junio de 2020 al 12 de junio de 2023 (falta la primera semana de 2022)', en: 'weeks from 1 June 2020 to 12 June 2023 (the first week of 2022 is missing)' },
  },
  {
    id: 'population',
    name: { es: 'Población y municipios: INEGI Censo 2020, CONAPO 2020, delimitación de zonas metropolitanas 2015', en: 'Population and municipalities: INEGI 2020 Census, CONAPO 2020, 2015 metro zone delimitation' },
    source: 'https://www.inegi.org.mx/programas/ccpv/2020/',
    licence: { es: 'Términos de libre uso de la información del INEGI; tablas copiadas de diegovalle/mxmaps (BSD-3-Clause).', en: "INEGI's free-use terms; tables copied from diegovalle/mxmaps (BSD-3-Clause)." },
    provenance: 'data/national/PROVENANCE.md',
  },
];

export class DataPage implements Page {
  readonly element: HTMLElement;

  constructor(overview: Overview, first: FirstScreen) {
    const cutOf = (d: Dataset): string[] => {
      const stored = d.releases ? overview.releases.filter((r) => r.source === d.releases) : [];
      if (stored.length) {
        return [...stored]
          .sort((a, b) => b.release.localeCompare(a.release))
          .map((r) => t('data.cut.release', { date: formatDate(r.release), measures: r.measures.map(measureName).join(', ') }));
      }
      if (d.cut) return [text(d.cut)];
      if (d.id === 'hospital') {
        const irag = first.data_cut.find((c) => c.source === 'red_irag');
        if (irag) return [t('data.cut.until', { date: formatDate(irag.date) })];
      }
      return [];
    };
    const documents: [string, string][] = [
      ['first-screen', t('data.doc.first')],
      ['overview', t('data.doc.overview')],
      ...first.places.map((p): [string, string] => [`indicator-series/${p.code}`, t('data.doc.series', { name: p.name })]),
      ['geo', t('data.doc.geo')],
      ['openapi.json', t('data.doc.openapi')],
    ];
    this.element = h('div', { class: 'page doc-page', id: 'data-page' },
      h('h1', { tabindex: -1, id: 'page-title' }, t('data.title')),
      h('p', { class: 'lead' }, t('data.lead')),
      h('h2', null, t('data.datasets')),
      h('ul', { class: 'dataset-list' },
        DATASETS.map((d) => {
          const cut = cutOf(d);
          return h('li', { 'data-dataset': d.id },
            h('h3', null, text(d.name)),
            h('dl', null,
              h('dt', null, t('data.source')), h('dd', null, h('a', { href: d.source, rel: 'noopener' }, d.source)),
              h('dt', null, t('data.licence')), h('dd', null, text(d.licence)),
              h('dt', null, t('data.cut')), h('dd', null, cut.length ? cut.join('; ') : t('data.cut.bundled')),
              h('dt', null, t('data.provenance')), h('dd', null, h('code', null, d.provenance))));
        })),
      h('h2', null, t('data.documents')),
      h('p', null, t('data.documents.lead')),
      h('ul', null, documents.map(([path, label]) => h('li', null, h('a', { href: resourceUrl(path), 'data-resource': path }, label)))),
      h('p', null, t('data.sourcesNote', { sources: first.data_cut.map((c) => `${sourceName(c.source)} ${formatDate(c.date, 'short')}`).join(', ') })));
  }

  title(): string {
    return t('data.title');
  }

  shownDate(): string {
    return '';
  }

  update(): void {}

  destroy(): void {}
}
