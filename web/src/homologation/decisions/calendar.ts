// SPDX-License-Identifier: MIT
// The compliance calendar of a decision: a row per municipality, a column per day, each cell the server's status
// as a symbol with its word (in the cell's title and for screen readers) and its class; then each municipality's
// days per status, the first day it met the agreement and the lag from the agreed date, all as the server gave.
import { h } from '../../dom';
import { bi, biText } from '../../access/labels';
import type { Compliance, ComplianceStatus } from './types';

export const STATUS: Record<ComplianceStatus, [symbol: string, es: string, en: string]> = {
  complies: ['✓', 'Cumple', 'Complies'],
  stricter: ['▲', 'Más estricta', 'Stricter'],
  laxer: ['▼', 'Más laxa', 'Laxer'],
  not_yet: ['·', 'Aún no', 'Not yet'],
};

export function complianceView(c: Compliance): HTMLElement {
  const days = c.jurisdictions[0]?.days.map((d) => d.date) ?? [];
  const key = h('ul', { class: 'compliance-key', id: 'compliance-key' },
    (Object.keys(STATUS) as ComplianceStatus[]).map((s) => h('li', { class: `status-${s}` }, `${STATUS[s][0]} `, bi(STATUS[s][1], STATUS[s][2]))));
  const table = h('table', { class: 'matrix-table compliance-table', id: 'compliance-calendar' },
    h('caption', null, bi(`Cumplimiento día por día, del ${c.from} al ${c.to} (acordado desde el ${c.applies_from})`,
      `Compliance day by day, ${c.from} to ${c.to} (agreed from ${c.applies_from})`)),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, bi('Municipio', 'Municipality')),
      days.map((d) => h('th', { scope: 'col', class: d === c.applies_from ? 'agreed-day' : '' }, d.slice(8))))),
    h('tbody', null, c.jurisdictions.map((j) => h('tr', { 'data-code': j.code },
      h('th', { scope: 'row' }, j.name),
      j.days.map((d) => {
        const [symbol, es, en] = STATUS[d.status];
        return h('td', { class: `status-${d.status}`, 'data-date': d.date, 'data-status': d.status,
          title: `${d.date}: ${biText(es, en)} — ${biText(d.in_force.text.es, d.in_force.text.en)}` },
          h('span', { 'aria-hidden': 'true' }, symbol), h('span', { class: 'visually-hidden' }, biText(es, en)));
      })))));
  const summary = h('table', { class: 'matrix-table', id: 'compliance-summary' },
    h('caption', null, bi('Resumen por municipio', 'Summary by municipality')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, bi('Municipio', 'Municipality')),
      h('th', { scope: 'col' }, bi('Responsable', 'Owner')),
      (Object.keys(STATUS) as ComplianceStatus[]).map((s) => h('th', { scope: 'col' }, bi(STATUS[s][1], STATUS[s][2]))),
      h('th', { scope: 'col' }, bi('Primer día que cumplió', 'First day it met it')),
      h('th', { scope: 'col' }, bi('Rezago (días)', 'Lag (days)')))),
    h('tbody', null, c.jurisdictions.map((j) => h('tr', { 'data-code': j.code },
      h('th', { scope: 'row' }, j.name),
      h('td', null, j.owner_name),
      (Object.keys(STATUS) as ComplianceStatus[]).map((s) => h('td', { class: 'num', 'data-status': s }, String(j.counts[s]))),
      h('td', { class: 'first-met' }, j.first_met ?? bi('todavía no', 'not yet')),
      h('td', { class: 'num lag-days' }, j.lag_days === null ? '—' : String(j.lag_days))))));
  return h('div', null, key,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Calendario de cumplimiento', 'Compliance calendar') }, table),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Resumen de cumplimiento', 'Compliance summary') }, summary));
}
