// SPDX-License-Identifier: MIT
// The divergence calendar: indicator × day, each cell shaded by the spread between the metro's municipalities
// (and marked with the spread as a number, not by colour alone), each a button whose label names every
// municipality's value and what set it; focusing or pressing one shows the server's divergence in words below the
// table. Two kinds of divergence are told apart, by symbol, pattern, legend and words for a screen reader: the
// coded values differ (the spread, or ≠ for the same value with different hours, capacities or rules), or some
// municipalities code nothing while the others agree (∅, hatched). Every value, detail and divergence is the
// server's (GET /api/v1/policy/metro: `diverges`, `values_differ`).
import { h } from '../dom';
import { bi, biText } from '../access/labels';
import type { MetroCell, MetroPicture, MetroRow } from './types';

function valueText(c: MetroCell, names: Map<string, string>, lang: 'es' | 'en'): string {
  const name = names.get(c.municipality) ?? c.municipality;
  if (c.value === null) return `${name} ${lang === 'es' ? 'sin dato' : 'no data'}`;
  const detail = lang === 'es' ? c.detail.es : c.detail.en;
  return `${name} ${c.value}${detail ? ` (${detail})` : ''}`;
}

function cellLabel(row: MetroRow, names: Map<string, string>): [string, string] {
  const es = row.cells.map((c) => valueText(c, names, 'es')).join(', ');
  const en = row.cells.map((c) => valueText(c, names, 'en')).join(', ');
  return [`${row.indicator}, ${row.date}: ${es}`, `${row.indicator}, ${row.date}: ${en}`];
}

// How a row diverges: its coded values differ by level, by detail only (the same level), or only because some
// municipality codes nothing; or not at all.
type Kind = 'values' | 'details' | 'missing' | 'none';
function kindOf(row: MetroRow): Kind {
  if (!row.diverges) return 'none';
  if (!row.values_differ) return 'missing';
  return row.spread === 0 ? 'details' : 'values';
}
const MARK: Record<Kind, (row: MetroRow) => string> = {
  values: (row) => String(row.spread),
  details: () => '≠',
  missing: () => '∅',
  none: () => '',
};
// What a screen reader hears before the values (the mark alone says little).
const SAID: Record<Kind, [string, string]> = {
  values: ['Valores distintos', 'Values differ'],
  details: ['Mismo valor, distintos detalles', 'Same value, different details'],
  missing: ['Algún municipio no codifica nada', 'Some municipality codes nothing'],
  none: ['Sin divergencia', 'No divergence'],
};

export function calendarSection(picture: MetroPicture): HTMLElement {
  const names = new Map(picture.members.map((m) => [m.code, m.name]));
  const days: string[] = [];
  for (const r of picture.rows) if (!days.includes(r.date)) days.push(r.date);
  const byKey = new Map(picture.rows.map((r) => [`${r.indicator}|${r.date}`, r]));
  const detail = h('div', { id: 'calendar-detail', class: 'calendar-detail', 'aria-live': 'polite' },
    bi('Elija una celda para ver los valores de cada municipio.', 'Choose a cell to see each municipality\'s values.'));
  const show = (row: MetroRow) => {
    const [es, en] = cellLabel(row, names);
    detail.replaceChildren(
      h('p', { class: 'calendar-detail-values' }, bi(es, en)),
      row.divergence
        ? h('p', { class: 'calendar-detail-divergence', 'data-kind': kindOf(row) }, bi(`${SAID[kindOf(row)][0]}. Divergencia: ${row.divergence.es}`, `${SAID[kindOf(row)][1]}. Divergence: ${row.divergence.en}`))
        : h('p', null, bi('Sin divergencia: los cinco municipios igual.', 'No divergence: all municipalities alike.')));
  };
  const table = h('table', { class: 'matrix-table calendar-table', id: 'divergence-calendar' },
    h('caption', null, bi(`Divergencias por indicador y día, ${picture.from} a ${picture.to}: el número es la diferencia entre el municipio más estricto y el más laxo`,
      `Divergences by indicator and day, ${picture.from} to ${picture.to}: the number is the spread between the strictest and the most lenient municipality`)),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Indicador', 'Indicator')),
      days.map((d) => h('th', { scope: 'col', 'data-date': d }, d.slice(8))))),
    h('tbody', null, picture.indicators.map((ind) => h('tr', { 'data-indicator': ind.code },
      h('th', { scope: 'row' }, `${ind.code} `, bi(ind.name.es, ind.name.en),
        h('span', { class: 'field-hint' }, ` (${picture.divergent_days[ind.code] ?? 0} `, bi('días', 'days'), ')')),
      days.map((d) => {
        const row = byKey.get(`${ind.code}|${d}`);
        if (!row) return h('td', null, '');
        const [es, en] = cellLabel(row, names);
        const spread = Math.min(row.spread, 3);
        const kind = kindOf(row);
        const [kes, ken] = SAID[kind];
        // The visible mark first, then the values in words (hidden visually, read by a screen reader): the
        // accessible name contains what is seen.
        const button = h('button', {
          type: 'button',
          class: 'calendar-cell',
          title: biText(`${kes}. ${es}`, `${ken}. ${en}`),
          onfocus: () => show(row),
          onclick: () => show(row),
        }, MARK[kind](row),
        h('span', { class: 'visually-hidden' }, ` ${biText(`${kes}. ${es}`, `${ken}. ${en}`)}`));
        return h('td', {
          'data-date': d,
          'data-spread': String(row.spread),
          'data-diverges': row.diverges ? 'yes' : 'no',
          'data-kind': kind,
          class: `spread-${spread}${row.diverges ? ' cell-diverges' : ''}${kind === 'missing' ? ' cell-missing' : kind === 'details' ? ' cell-details' : ''}`,
        }, button);
      })))));
  return h('section', { 'aria-labelledby': 'calendar-title', id: 'calendar' },
    h('h2', { id: 'calendar-title', tabindex: -1 }, bi('Calendario de divergencias', 'Divergence calendar')),
    h('p', { class: 'lead' }, bi(`La política efectiva de cada municipio (escala OxCGRT), día por día. Regla metropolitana: ${picture.metro_rule.es}.`,
      `Each municipality's effective policy (OxCGRT scale), day by day. Metro rule: ${picture.metro_rule.en}.`)),
    h('ul', { class: 'named-list calendar-legend' },
      h('li', { class: 'spread-0' }, bi('0 o vacío: sin diferencia de valor', '0 or empty: no difference in value')),
      h('li', { class: 'spread-1' }, bi('1: un nivel de diferencia', '1: one level apart')),
      h('li', { class: 'spread-2' }, bi('2: dos niveles', '2: two levels')),
      h('li', { class: 'spread-3' }, bi('3 o más', '3 or more')),
      h('li', { class: 'cell-details', 'data-kind': 'details' }, bi('≠: mismo valor, distintas horas, aforos o reglas', '≠: same value, different hours, capacities or rules')),
      h('li', { class: 'cell-missing', 'data-kind': 'missing' }, bi('∅ (rayado): algún municipio no codifica nada; los que codifican coinciden', '∅ (hatched): some municipality codes nothing; those that code agree'))),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Calendario de divergencias por indicador y día', 'Divergence calendar by indicator and day') }, table),
    detail);
}
