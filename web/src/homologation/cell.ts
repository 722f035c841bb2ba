// SPDX-License-Identifier: MIT
// One cell of the homologation matrix: the server's summary of the effective rule, the level that set it, an
// "unverified" mark, and the rule's source one click away (a disclosure with the document, its issuer, date and
// address, the conditions and what is uncertain).
import { h } from '../dom';
import { bi } from '../access/labels';
import type { MatrixCell } from './types';

const LEVELS: Record<string, [string, string]> = {
  federal: ['Federal', 'Federal'],
  state: ['Estatal', 'State'],
  municipality: ['Municipal', 'Municipal'],
};

export function cellView(c: MatrixCell, activity: string): HTMLTableCellElement {
  const r = c.rule;
  if (!r) return h('td', { 'data-code': c.code, class: 'rule-none' }, bi(c.summary.es, c.summary.en));
  const [les, len] = LEVELS[r.level] ?? [r.level, r.level];
  const s = r.source;
  const id = `source-${activity}-${c.code}`;
  return h('td', { 'data-code': c.code, 'data-level': r.level },
    h('span', { class: 'rule-summary' }, bi(c.summary.es, c.summary.en)),
    h('br'),
    h('span', { class: 'rule-level' }, bi(`${les} (${r.jurisdiction})`, len)),
    r.unverified ? h('span', { class: 'cell-flag rule-unverified' }, bi('Sin verificar', 'Unverified')) : '',
    h('details', { class: 'rule-source', id },
      h('summary', null, bi('Fuente', 'Source')),
      h('p', null, s.url ? h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title) : s.title),
      h('p', { class: 'field-hint' }, `${s.issuer}${s.published_on ? `, ${s.published_on}` : ''}`),
      r.conditions.es ? h('p', null, bi(r.conditions.es, r.conditions.en)) : '',
      h('p', { class: 'field-hint' }, bi(`Vigencia: ${r.valid_from ?? '¿?'} — ${r.valid_to ?? '…'}${r.colour ? `, en ${r.colour}` : ''}`,
        `In force: ${r.valid_from ?? '?'} — ${r.valid_to ?? '…'}${r.colour ? `, under ${r.colour}` : ''}`)),
      r.verification_note ? h('p', { class: 'field-hint', lang: 'en' }, r.verification_note) : '',
      s.note ? h('p', { class: 'field-hint', lang: 'en' }, s.note) : ''));
}
