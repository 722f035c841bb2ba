// SPDX-License-Identifier: MIT
// homologacion.html: the divergence calendar of coded measures (?from=&to=, November 2020 by default), then the
// homologation matrix of a chosen day (in the page's address as ?date=; 10 November 2020
// by default, when Torreón and Gómez Palacio diverged): each municipality's colour that week, the divergences
// named by the server, and a row per activity with each municipality's effective rule and its source. The
// server computes every rule, summary and divergence; the page never recomputes one.
import '../coordination/coordination.css';
import './homologation.css';
import { h } from '../dom';
import { apiUrl, get } from '../access/client';
import { refusal } from '../access/forms';
import { bi, biText } from '../access/labels';
import { maybeSignedIn } from '../access/session_store';
import { currentSession } from '../access/session';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../access/shell';
import { calendarSection } from './calendar';
import { cellView } from './cell';
import type { HomologationMatrix, MetroPicture } from './types';

const DEFAULT_DATE = '2020-11-10';
// The calendar's month by default: November 2020, when Durango's curfew and Coahuila's measures diverged.
const DEFAULT_FROM = '2020-11-01';
const DEFAULT_TO = '2020-11-30';

function readRange(): [string, string] {
  const q = new URLSearchParams(location.search);
  const ok = (d: string | null) => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d);
  const from = q.get('from');
  const to = q.get('to');
  return ok(from) && ok(to) ? [from as string, to as string] : [DEFAULT_FROM, DEFAULT_TO];
}

function readDate(): string {
  const d = new URLSearchParams(location.search).get('date') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : DEFAULT_DATE;
}

async function draw(date: string): Promise<void> {
  const [from, to] = readRange();
  const [m, picture] = await Promise.all([
    get<HomologationMatrix>(apiUrl('homologation-matrix', { date })).then((a) => a.data),
    get<MetroPicture>(apiUrl('policy/metro', { from, to })).then((a) => a.data),
  ]);
  const input = h('input', { type: 'date', id: 'matrix-date', name: 'date', value: m.date, min: '2020-01-01', required: true });
  const form = h('form', { class: 'filters', id: 'date-form', role: 'search', 'aria-label': biText('Elegir el día', 'Choose the day') },
    h('div', { class: 'field' }, h('label', { for: 'matrix-date' }, bi('Día', 'Day')), input),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'date-apply' }, bi('Ver', 'Show'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value) return;
    history.replaceState(null, '', `${location.pathname}?date=${input.value}&from=${from}&to=${to}`);
    void draw(input.value).then(() => document.getElementById('matrix-heading')?.focus());
  });
  const colours = h('ul', { class: 'named-list', id: 'colours' }, m.places.map((p) => h('li', { 'data-code': p.code },
    `${p.name}: `, p.colour ? `${p.colour} (${p.colour_basis})` : bi('sin color', 'no colour'))));
  const divergences = m.divergences.length
    ? h('ul', { class: 'named-list', id: 'divergences' }, m.divergences.map((d) => h('li', { 'data-activity': d.activity }, bi(d.text.es, d.text.en))))
    : h('p', { id: 'divergences' }, bi('Ninguna: la metrópoli está homologada ese día.', 'None: the metro is homologated that day.'));
  const table = h('table', { class: 'matrix-table homologation-table', id: 'homologation-matrix' },
    h('caption', null, bi(`La regla de cada actividad por municipio el ${m.date}`, `Each activity's rule by municipality on ${m.date}`)),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Actividad', 'Activity')),
      m.places.map((p) => h('th', { scope: 'col', 'data-code': p.code }, p.name)))),
    h('tbody', null, m.activities.map((a) => h('tr', { 'data-activity': a.key, class: a.divergent ? 'row-divergent' : '' },
      h('th', { scope: 'row' }, bi(a.name.es, a.name.en),
        a.scian.length ? h('span', { class: 'field-hint' }, ` SCIAN ${a.scian.join(', ')}`) : '',
        a.divergent ? h('span', { class: 'cell-flag' }, bi('Diverge', 'Diverges')) : ''),
      a.cells.map((c) => cellView(c, a.key))))));
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      pageTitle(bi('Homologación de medidas', 'Homologation of measures')),
      h('p', { class: 'lead' }, bi('La regla en vigor de cada actividad en cada municipio de la Zona Metropolitana de La Laguna: la de la jurisdicción más específica (municipio, estado, federación), con su fuente.',
        'The rule in force for each activity in each municipality of the La Laguna metro zone: that of the most specific jurisdiction (municipality, state, federation), with its source.')),
      h('p', null, h('a', { href: 'decisiones.html', id: 'decisions-link' }, bi('Decisiones armonizadas de la Mesa y su cumplimiento', "The Mesa's harmonised decisions and their compliance"))),
      h('p', null, h('a', { href: 'observaciones.html', id: 'observations-link' }, bi('Observaciones en la escala OxCGRT: captura y revisión', 'Observations on the OxCGRT scale: entry and review')))),
    calendarSection(picture),
    form,
    h('section', { 'aria-labelledby': 'colours-title' },
      h('h2', { id: 'colours-title' }, bi('Color del semáforo federal de la semana', "The week's federal semáforo colour")), colours,
      h('p', null, h('a', { href: 'semaforo.html', id: 'semaforo-link' }, bi('Colores declarados y calculados, y por qué difieren', 'Declared and computed colours, and why they differ')))),
    h('section', { 'aria-labelledby': 'divergences-title' },
      h('h2', { id: 'divergences-title' }, bi('Divergencias', 'Divergences'), ` (${m.divergences.length})`), divergences),
    h('section', { 'aria-labelledby': 'matrix-heading' },
      h('h2', { id: 'matrix-heading', tabindex: -1 }, bi('Matriz de homologación', 'Homologation matrix')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de reglas por actividad y municipio', 'Table of rules by activity and municipality') }, table))));
}

async function start(): Promise<void> {
  setTitle('Homologación', 'Homologation');
  renderShell('homologation');
  if (!(await requireLive())) return;
  if (maybeSignedIn()) renderShell('homologation', await currentSession().catch(() => null));
  try {
    await draw(readDate());
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Homologación', 'Homologation')),
      h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
  }
}

void start();
