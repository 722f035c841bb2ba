// SPDX-License-Identifier: MIT
// 3w.html: who does what where. Filters (sector, status, municipality; in the page's address too), the sector x
// municipality matrix with its gaps and overlaps named, the map of activities per municipality, the list of
// activities, and the HXL CSV download. Whoever may record activities (a coordinator, or an organisation's
// editor) sees the form to register or update one; a coordinator also the HXL upload.
import '../coordination.css';
import { h } from '../../dom';
import { refusal } from '../../access/forms';
import { actionLabel, bi, biText, biTextOf } from '../../access/labels';
import { listOrganisations } from '../../access/organisations';
import { currentSession } from '../../access/session';
import { maybeSignedIn } from '../../access/session_store';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../../access/shell';
import type { Organisation, SessionBody } from '../../access/types';
import { loadConfig } from '../../api';
import { ACTIVITY_STATUSES, activityStatus } from '../labels';
import { isCoordinator, mayRecordActivity } from '../shared';
import type { Activity, Matrix } from '../types';
import { listActivities, readMatrix } from './api';
import type { ActivityFilter } from './api';
import { activityForm } from './form';
import { downloadLink, uploadForm } from './hxl';
import { activityMap } from './map';
import { matrixView } from './matrix';

let session: SessionBody | null = null;
let organisations: Organisation[] = [];

function readFilter(): ActivityFilter {
  const q = new URLSearchParams(location.search);
  return { sector: q.get('sector') || undefined, status: q.get('status') || undefined, adm2: q.get('adm2') || undefined };
}

function writeFilter(f: ActivityFilter): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}

function activityRow(a: Activity, m: Matrix, edit: (a: Activity, button: HTMLButtonElement) => void): HTMLTableRowElement {
  const place = m.places.find((p) => p.code === a.adm2)?.name ?? a.adm2 ?? a.adm1;
  const editable = session !== null && mayRecordActivity(session.account.grants, a.organisation);
  const button = editable ? h('button', { type: 'button', class: 'btn btn-small', id: `activity-${a.id}-edit` }, actionLabel('Actualizar', 'Update', `${a.activity} (${a.organisation_name})`)) : null;
  button?.addEventListener('click', () => edit(a, button));
  return h('tr', { 'data-activity': a.id },
    h('th', { scope: 'row' }, a.activity),
    h('td', null, a.organisation_name),
    h('td', null, a.sector),
    h('td', null, place),
    h('td', null, `${a.start_date} — ${a.end_date ?? '…'}`),
    h('td', null, biTextOf(activityStatus(a.status))),
    h('td', null, a.reached === null ? '—' : a.reached.toLocaleString('es-MX'), a.targeted === null ? '' : ` / ${a.targeted.toLocaleString('es-MX')}`),
    h('td', null, button ?? ''));
}

async function draw(filter: ActivityFilter, said?: (Node | string)[]): Promise<void> {
  const [m, list] = await Promise.all([readMatrix(filter), listActivities(filter)]);
  const select = (id: string, label: (Node | string)[], options: [string, string][], value?: string) => {
    const el = h('select', { id, name: id.replace('filter-', '') }, options.map(([v, t]) => h('option', { value: v }, t)));
    el.value = value ?? '';
    return { el, row: h('div', { class: 'field' }, h('label', { for: id }, label), el) };
  };
  const all = [['', biText('Todos', 'All')] as [string, string]];
  const sector = select('filter-sector', bi('Sector', 'Sector'), [...all, ...m.sectors.map((s) => [s, s] as [string, string])], filter.sector);
  const status = select('filter-status', bi('Estado', 'Status'), [...all, ...Object.entries(ACTIVITY_STATUSES).map(([k, l]) => [k, biTextOf(l)] as [string, string])], filter.status);
  const place = select('filter-adm2', bi('Municipio (lista)', 'Municipality (list)'), [...all, ...m.places.map((p) => [p.code, p.name] as [string, string])], filter.adm2);
  const filters = h('form', { class: 'filters', id: 'activity-filters', role: 'search', 'aria-label': biText('Filtrar actividades', 'Filter activities') },
    sector.row, status.row, place.row,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'filter-apply' }, bi('Filtrar', 'Filter')),
      h('button', { type: 'reset', class: 'btn', id: 'filter-clear' }, bi('Quitar filtros', 'Clear filters'))));
  const current = (): ActivityFilter => ({ sector: sector.el.value || undefined, status: status.el.value || undefined, adm2: place.el.value || undefined });
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    writeFilter(current());
    void draw(current());
  });
  filters.addEventListener('reset', () => setTimeout(() => {
    writeFilter({});
    void draw({});
  }));

  const editor = h('div', { id: 'activity-editor' });
  const edit = (a: Activity, button: HTMLButtonElement) => {
    editor.replaceChildren(activityForm(organisations, m.places, a, () => void draw(filter, bi('Actividad actualizada.', 'Activity updated.'))));
    editor.querySelector<HTMLElement>('select, input')?.focus();
    button.setAttribute('aria-expanded', 'true');
  };
  const mapBox = h('div', { id: 'map-box' });
  const saidLine = h('p', { class: 'form-ok', role: 'status', id: 'page-said', tabindex: -1 }, said ?? '');
  if (said) saidLine.classList.add('shown');
  const working: HTMLElement[] = [];
  if (session && mayRecordActivity(session.account.grants)) {
    working.push(h('section', { class: 'coord-panel', id: 'activity-panel', 'aria-labelledby': 'activity-panel-title' },
      h('h2', { id: 'activity-panel-title' }, bi('Registrar y actualizar', 'Register and update')),
      editor,
      activityForm(organisations, m.places, null, () => void draw(filter, bi('Actividad registrada.', 'Activity registered.'))),
      isCoordinator(session.account.grants) ? uploadForm((n) => void draw({}, bi(`Importadas ${n} actividades.`, `Imported ${n} activities.`))) : ''));
  }
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      pageTitle(bi('Quién hace qué y dónde (3W)', 'Who does what where (3W)')),
      h('p', { class: 'lead' }, bi('Las actividades de las organizaciones que apoyan la respuesta en la Zona Metropolitana de La Laguna, por sector y municipio.',
        'The activities of the organisations supporting the response in the La Laguna metro zone, by sector and municipality.'))),
    saidLine, filters,
    h('section', { 'aria-labelledby': 'matrix-title' }, h('h2', { id: 'matrix-title' }, bi('Matriz sector × municipio', 'Sector × municipality matrix')), matrixView(m)),
    h('section', { 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title' }, bi('Mapa de actividades por municipio', 'Map of activities by municipality')), mapBox),
    h('section', { 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, bi('Actividades', 'Activities'), ` (${list.length})`),
      downloadLink(filter),
      h('div', { class: 'table-wrap' }, h('table', { class: 'access-table', id: 'activities' },
        h('caption', null, bi('Quién hace qué, dónde y cuándo', 'Who does what, where and when')),
        h('thead', null, h('tr', null,
          ...[['Actividad', 'Activity'], ['Organización', 'Organisation'], ['Sector', 'Sector'], ['Lugar', 'Place'], ['Fechas', 'Dates'], ['Estado', 'Status'], ['Alcanzadas / meta', 'Reached / targeted'], ['Acciones', 'Actions']]
            .map(([es, en]) => h('th', { scope: 'col' }, bi(es, en))))),
        h('tbody', null, list.map((a) => activityRow(a, m, edit)))))),
    ...working));
  if (said) saidLine.focus();
  await activityMap(mapBox, m).catch((e) => mapBox.replaceChildren(h('p', { class: 'form-error shown' }, refusal(e))));
}

async function start(): Promise<void> {
  setTitle('Quién hace qué (3W)', 'Who does what (3W)');
  renderShell('activities');
  if (!(await requireLive())) return;
  await loadConfig().catch(() => undefined);
  if (maybeSignedIn()) session = await currentSession().catch(() => null);
  renderShell('activities', session);
  try {
    if (session && mayRecordActivity(session.account.grants)) organisations = await listOrganisations();
    await draw(readFilter());
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Quién hace qué (3W)', 'Who does what (3W)')),
      h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
  }
}

void start();
