// SPDX-License-Identifier: MIT
// The sector x municipality matrix as a table: a row per sector, a column per municipality, each cell with the
// activities, the people reached and who implements them, and the server's gaps and overlaps said in words in
// the cell (not only by its colour) and listed under the table.
import { h } from '../../dom';
import { bi, biText } from '../../access/labels';
import type { Matrix } from '../types';

export function matrixView(m: Matrix): HTMLElement {
  const cell = (sector: string, adm2: string) => m.cells.find((c) => c.sector === sector && c.adm2 === adm2);
  const table = h('table', { class: 'matrix-table', id: 'matrix' },
    h('caption', null, bi('Actividades y personas alcanzadas por sector y municipio', 'Activities and people reached by sector and municipality')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Sector', 'Sector')),
      m.places.map((p) => h('th', { scope: 'col', 'data-code': p.code }, p.name)))),
    h('tbody', null, m.sectors.map((s) => h('tr', null,
      h('th', { scope: 'row' }, s),
      m.places.map((p) => {
        const c = cell(s, p.code);
        if (!c) return h('td', null, '—');
        const cls = c.gap ? 'cell-gap' : c.overlap ? 'cell-overlap' : '';
        return h('td', { class: cls, 'data-sector': s, 'data-code': p.code },
          c.activities
            ? [h('span', null, bi(`${c.activities} ${c.activities === 1 ? 'actividad' : 'actividades'}`, `${c.activities} ${c.activities === 1 ? 'activity' : 'activities'}`)),
                h('br'), h('span', null, bi(`${c.reached.toLocaleString('es-MX')} alcanzadas`, `${c.reached.toLocaleString('es-MX')} reached`)),
                h('br'), h('span', { class: 'field-hint' }, c.organisations.join(', '))]
            : '0',
          c.gap ? h('span', { class: 'cell-flag' }, bi('Hueco', 'Gap')) : '',
          c.overlap ? h('span', { class: 'cell-flag' }, bi('Traslape', 'Overlap')) : '');
      })))));
  return h('div', null,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Matriz sector por municipio', 'Sector by municipality matrix') }, table),
    m.without_municipality
      ? h('p', { class: 'field-hint' }, bi(`${m.without_municipality} actividades sin municipio (estatales) no están en la matriz.`, `${m.without_municipality} activities without a municipality (state-wide) are not in the matrix.`))
      : '',
    h('h3', { id: 'gaps-title' }, bi('Huecos', 'Gaps'), ` (${m.gaps.length})`),
    m.gaps.length
      ? h('ul', { class: 'named-list', id: 'gaps', 'aria-labelledby': 'gaps-title' }, m.gaps.map((g) => h('li', null, g.text)))
      : h('p', { id: 'gaps' }, bi('Ninguno.', 'None.')),
    h('h3', { id: 'overlaps-title' }, bi('Traslapes', 'Overlaps'), ` (${m.overlaps.length})`),
    m.overlaps.length
      ? h('ul', { class: 'named-list', id: 'overlaps', 'aria-labelledby': 'overlaps-title' }, m.overlaps.map((o) => h('li', null, o.text)))
      : h('p', { id: 'overlaps' }, bi('Ninguno.', 'None.')));
}
