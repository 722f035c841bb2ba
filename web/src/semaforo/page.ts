// SPDX-License-Identifier: MIT
// semaforo.html: for a place and a week (?jurisdiction=&week=, Durango in 2020-W44 by default, when it declared
// itself red while the federal semáforo had it orange), every declared colour with its source beside the colour
// each risk scheme computes and the releases it read, and the server's explanation of why they differ. The
// server decides every colour, comparison and sentence; the page never recomputes one. The place is chosen by name
// among the region's states, metro zones and municipalities (GET /api/v1/regions and /api/v1/jurisdictions).
import '../coordination/coordination.css';
import './semaforo.css';
import { h } from '../dom';
import { apiUrl, get } from '../access/client';
import { refusal } from '../access/forms';
import { bi, biText } from '../access/labels';
import { maybeSignedIn } from '../access/session_store';
import { currentSession } from '../access/session';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../access/shell';
import type { ComputedColour, DeclaredColour, DeclaredSource, Place, Reconciliation, RegionPreset } from './types';

const DEFAULT = { jurisdiction: '10', week: '2020-W44' };
const COLOURS: Record<string, [string, string]> = {
  rojo: ['Rojo', 'Red'],
  naranja: ['Naranja', 'Orange'],
  amarillo: ['Amarillo', 'Yellow'],
  verde: ['Verde', 'Green'],
};
const SCOPES: Record<string, [string, string]> = {
  federal: ['Federal', 'Federal'],
  state: ['Estatal (propio)', 'State (its own)'],
  region: ['Regional', 'Regional'],
};
const COMPARISONS: Record<string, [string, string]> = {
  agrees: ['Coincide con el federal', 'Matches the federal colour'],
  stricter: ['Más estricto que el federal', 'Stricter than the federal colour'],
  laxer: ['Más laxo que el federal', 'Laxer than the federal colour'],
  mixed: ['Distinto según la compilación', 'Differs by compilation'],
  not_comparable: ['No es escala de semáforo', 'Not on the semáforo scale'],
  undetermined: ['Sin determinar', 'Undetermined'],
};
const EXAMPLES: [string, string, string, string][] = [
  ['10', '2020-W44', 'Durango, 2-8 nov 2020: rojo propio', "Durango, 2-8 Nov 2020: its own red"],
  ['10', '2020-W45', 'Durango, 9-15 nov 2020', 'Durango, 9-15 Nov 2020'],
  ['05', '2020-W47', 'Coahuila, 23-29 nov 2020: compilaciones distintas', 'Coahuila, 23-29 Nov 2020: compilations differ'],
  ['05035', '2020-W38', 'Torreón, 21-27 sep 2020: amarillo regional', 'Torreón, 21-27 Sep 2020: regional yellow'],
];

function readQuery(): { jurisdiction: string; week: string } {
  const q = new URLSearchParams(location.search);
  return { jurisdiction: q.get('jurisdiction') || DEFAULT.jurisdiction, week: q.get('week') || DEFAULT.week };
}

// The region's places a colour is declared for, by name: its states, its metro zones and their municipalities
// grouped by state (every municipality the region knows, alphabetically). Read once.
let places: Promise<{ region: RegionPreset | null; all: Place[] }> | null = null;
function regionPlaces(): Promise<{ region: RegionPreset | null; all: Place[] }> {
  places ??= Promise.all([get<RegionPreset[]>(apiUrl('regions')), get<Place[]>(apiUrl('jurisdictions'))])
    .then(([r, j]) => ({ region: r.data?.[0] ?? null, all: j.data ?? [] }));
  return places;
}

function placeSelect(region: RegionPreset | null, all: Place[], current: string, currentName: string): HTMLSelectElement {
  const byCode = new Map(all.map((p) => [p.code, p]));
  const option = (p: Place, label = p.name) => h('option', { value: p.code, selected: p.code === current }, label);
  const byName = (a: Place, b: Place) => a.name.localeCompare(b.name, 'es');
  const states = (region?.states ?? []).map((c) => byCode.get(c)).filter((p): p is Place => !!p);
  const zones = (region?.metro_zones ?? []).map((c) => byCode.get(c)).filter((p): p is Place => !!p);
  const select = h('select', { id: 'semaforo-jurisdiction', name: 'jurisdiction', required: true },
    states.length ? h('optgroup', { label: biText('Estados', 'States') }, states.map((p) => option(p))) : '',
    zones.length ? h('optgroup', { label: biText('Zonas metropolitanas', 'Metro zones') }, zones.map((p) => option(p))) : '',
    states.map((st) => {
      const towns = all.filter((p) => p.kind === 'municipality' && p.state === st.code).sort(byName);
      return towns.length ? h('optgroup', { label: biText(`Municipios de ${st.name}`, `Municipalities of ${st.name}`) }, towns.map((p) => option(p))) : '';
    }));
  // A place asked for by address that the lists lack (the nation, another state's municipality) stays chosen.
  if (![...select.options].some((o) => o.value === current)) select.prepend(h('option', { value: current, selected: true }, currentName));
  return select;
}

function chip(colour: string | null): Node | string {
  if (!colour) return '—';
  const [es, en] = COLOURS[colour] ?? [colour, colour];
  return h('span', { class: `colour-chip colour-${colour}`, 'data-colour': colour }, bi(es, en));
}

function sourceCell(d: DeclaredColour, sources: DeclaredSource[]): HTMLElement {
  const s = sources.find((x) => x.key === d.source);
  if (!s) return h('td', null, d.source);
  return h('td', null,
    s.url ? h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title) : s.title,
    h('span', { class: 'field-hint' }, ` — ${s.issuer}${s.published_on ? `, ${s.published_on}` : ''}${s.licence ? ` (${s.licence})` : ''}`));
}

function declaredTable(r: Reconciliation): HTMLElement {
  const rows = r.declared.colours.map((d) => {
    const [ses, sen] = SCOPES[d.scope] ?? [d.scope, d.scope];
    return h('tr', { 'data-scope': d.scope, 'data-source': d.source },
      h('th', { scope: 'row' }, bi(ses, sen), d.scope === 'region' ? h('span', { class: 'field-hint' }, ` ${d.area}`) : ''),
      h('td', null, chip(d.colour)),
      h('td', null, `${d.valid_from} — ${d.valid_to}`, d.week ? h('span', { class: 'field-hint' }, ` (${d.week})`) : ''),
      sourceCell(d, r.declared.sources),
      h('td', null, d.unverified ? h('span', { class: 'cell-flag' }, bi('Sin verificar', 'Unverified')) : '',
        d.note ? h('p', { class: 'field-hint', lang: 'en' }, d.note) : ''));
  });
  return h('table', { class: 'matrix-table semaforo-table', id: 'declared-table' },
    h('caption', null, bi(`Colores declarados para ${r.name}, ${r.monday} — ${r.sunday}`, `Declared colours for ${r.name}, ${r.monday} — ${r.sunday}`)),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Quién', 'Who')),
      h('th', { scope: 'col' }, bi('Color', 'Colour')),
      h('th', { scope: 'col' }, bi('Días', 'Days')),
      h('th', { scope: 'col' }, bi('Fuente', 'Source')),
      h('th', { scope: 'col' }, bi('Notas', 'Notes')))),
    h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: 5 }, bi('Ningún color declarado esa semana.', 'No colour declared that week.')))));
}

function computedRow(c: ComputedColour, when: [string, string] | null): HTMLElement {
  const [ces, cen] = COMPARISONS[c.comparison] ?? [c.comparison, c.comparison];
  const level = c.level
    ? (c.semaforo_scale ? chip(c.level) : (c.level_label ? bi(c.level_label.es, c.level_label.en) : c.level))
    : (c.level_min ? `${c.level_min} … ${c.level_max}` : '—');
  const releases = c.releases.filter((x) => x.source !== 'red_irag').map((x) => `${x.kind} ${x.date}`).join('; ');
  const differs = ['stricter', 'laxer', 'mixed'].includes(c.comparison);
  return h('tr', { 'data-scheme': c.scheme, 'data-comparison': c.comparison, class: differs ? 'row-differs' : '' },
    h('th', { scope: 'row' }, c.scheme, when ? h('span', { class: 'field-hint' }, bi(` ${when[0]}`, when[1])) : ''),
    h('td', null, level),
    h('td', { class: 'num' }, c.score === null ? '—' : String(c.score)),
    h('td', null, bi(ces, cen)),
    h('td', null, c.assessed_on),
    h('td', null, c.error ? h('span', { class: 'field-hint', lang: 'en' }, c.error) : releases));
}

function computedTable(r: Reconciliation): HTMLElement {
  const rows = r.computed.map((c) => computedRow(c, null));
  if (r.before_week) rows.push(computedRow(r.before_week, ['(día antes de la semana)', '(the day before the week)']));
  return h('table', { class: 'matrix-table semaforo-table', id: 'computed-table' },
    h('caption', null, bi('Colores que calcula Metrópoli con cada esquema de riesgo', 'Colours Metrópoli computes with each risk scheme')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Esquema', 'Scheme')),
      h('th', { scope: 'col' }, bi('Nivel', 'Level')),
      h('th', { scope: 'col' }, bi('Puntuación', 'Score')),
      h('th', { scope: 'col' }, bi('Frente al federal', 'Against the federal colour')),
      h('th', { scope: 'col' }, bi('Evaluado el', 'Assessed on')),
      h('th', { scope: 'col' }, bi('Datos usados (publicación)', 'Data used (release)')))),
    h('tbody', null, rows));
}

async function draw(jurisdiction: string, week: string): Promise<void> {
  const [answer, known] = await Promise.all([
    get<Reconciliation>(apiUrl('semaforo/reconciliation', { jurisdiction, week })),
    regionPlaces().catch(() => ({ region: null, all: [] as Place[] })),
  ]);
  const r = answer.data;
  const place = placeSelect(known.region, known.all, r.jurisdiction, r.name);
  const weekInput = h('input', { type: 'text', id: 'semaforo-week', name: 'week', value: r.week, required: true, pattern: '\\d{4}-W\\d{2}', autocomplete: 'off' });
  const form = h('form', { class: 'filters', id: 'semaforo-form', role: 'search', 'aria-label': biText('Elegir lugar y semana', 'Choose place and week') },
    h('div', { class: 'field' }, h('label', { for: 'semaforo-jurisdiction' }, bi('Lugar', 'Place')), place),
    h('div', { class: 'field' }, h('label', { for: 'semaforo-week' }, bi('Semana (AAAA-Wss, %W)', 'Week (YYYY-Www, %W)')), weekInput),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'semaforo-apply' }, bi('Ver', 'Show'))));
  const go = (j: string, w: string) => {
    history.replaceState(null, '', `${location.pathname}?jurisdiction=${encodeURIComponent(j)}&week=${encodeURIComponent(w)}`);
    void draw(j, w).then(() => document.getElementById('explanations-title')?.focus()).catch(showError);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (place.value && weekInput.value) go(place.value, weekInput.value);
  });
  const examples = h('ul', { class: 'quick-links', id: 'examples' }, EXAMPLES.map(([j, w, es, en]) => {
    const a = h('a', { href: `?jurisdiction=${j}&week=${w}` }, bi(es, en));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go(j, w);
    });
    return h('li', null, a);
  }));
  const explanations = h('ol', { class: 'named-list', id: 'explanations' },
    r.explanations.map((e) => h('li', { 'data-code': e.code ?? '' }, e.es, h('br'), h('span', { lang: 'en' }, e.en))));
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      pageTitle(bi('Semáforo declarado y calculado', 'Declared and computed semáforo')),
      h('p', { class: 'lead' }, bi(`${r.name}, semana ${r.week} (${r.monday} — ${r.sunday}): el color que declaró cada autoridad, con su fuente, junto al que Metrópoli calcula con los datos guardados, y por qué difieren.`,
        `${r.name}, week ${r.week} (${r.monday} — ${r.sunday}): the colour each authority declared, with its source, beside the one Metrópoli computes from the stored data, and why they differ.`)),
      h('p', null, h('a', { href: 'homologacion.html' }, bi('Volver a la homologación de medidas', 'Back to the homologation of measures')))),
    form,
    examples,
    h('section', { 'aria-labelledby': 'explanations-title' },
      h('h2', { id: 'explanations-title', tabindex: -1 }, bi('Por qué difieren', 'Why they differ')), explanations),
    h('section', { 'aria-labelledby': 'declared-title' },
      h('h2', { id: 'declared-title' }, bi('Colores declarados', 'Declared colours')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de colores declarados', 'Table of declared colours') }, declaredTable(r))),
    h('section', { 'aria-labelledby': 'computed-title' },
      h('h2', { id: 'computed-title' }, bi('Colores calculados', 'Computed colours')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de colores calculados', 'Table of computed colours') }, computedTable(r)))));
}

function showError(e: unknown): void {
  main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Semáforo declarado y calculado', 'Declared and computed semáforo')),
    h('p', { class: 'form-error shown', role: 'alert', id: 'semaforo-error' }, refusal(e)),
    h('p', null, h('a', { href: 'semaforo.html' }, bi('Volver a Durango, 2020-W44', 'Back to Durango, 2020-W44')))));
}

async function start(): Promise<void> {
  setTitle('Semáforo declarado y calculado', 'Declared and computed semáforo');
  renderShell('homologation');
  if (!(await requireLive())) return;
  if (maybeSignedIn()) renderShell('homologation', await currentSession().catch(() => null));
  const q = readQuery();
  try {
    await draw(q.jurisdiction, q.week);
  } catch (e) {
    showError(e);
  }
}

void start();
