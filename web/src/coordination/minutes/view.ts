// SPDX-License-Identifier: MIT
// How minutes read: the text rendered from Markdown (never as HTML), the facts of an approved record (the SHA-256
// of its canonical text, who signs it, when and how it was approved, the correction that replaced it), and the
// tally of a vote as the server counted it.
import { h } from '../../dom';
import { renderMarkdown } from '../../markdown';
import { bi, formatWhen } from '../../access/labels';
import type { Minutes, Tally } from './types';

export const minutesHref = (id: number, body?: number) => (body ? `actas.html?body=${body}&id=${id}` : `actas.html?id=${id}`);

export function stateBadge(m: Minutes): HTMLElement {
  if (m.state === 'approved') return h('span', { class: 'badge badge-ok', id: 'minutes-state' }, bi('Aprobada', 'Approved'));
  return h('span', { class: 'badge', id: 'minutes-state' }, bi('Borrador', 'Draft'));
}

export function minutesText(m: Minutes): HTMLElement {
  return h('div', { class: 'minutes-text', id: 'minutes-text' }, renderMarkdown(m.text, 1));
}

export function approvedFacts(m: Minutes): HTMLElement {
  const row = (label: (Node | string)[], value: (Node | string)[] | Node | string) => [h('dt', null, label), h('dd', null, value)];
  const method = m.approval_method === 'vote' ? bi('por votación', 'by a vote') : bi('por acto del coordinador', "by the coordinator's act");
  const signatories = m.signatories.length
    ? h('ul', { class: 'signatories', id: 'minutes-signatories' },
        m.signatories.map((s) => h('li', null,
          s.person ? h('strong', null, s.person) : h('span', { class: 'muted' }, bi('Sin persona designada', 'Nobody designated')),
          ' — ', s.seat_name,
          s.alternate ? [' (', ...bi('suplente', 'alternate'), ')'] : '')))
    : h('p', { id: 'minutes-signatories' }, bi('Sin firmantes registrados', 'No signatories recorded'));
  return h('dl', { class: 'facts minutes-facts' },
    row(bi('Aprobada', 'Approved'), [formatWhen(m.approved_at), ' — ', ...method]),
    row(bi('Huella SHA-256', 'SHA-256 hash'), h('code', { id: 'minutes-sha256', class: 'hash' }, m.text_sha256 ?? '')),
    row(bi('Firmantes', 'Signatories'), signatories),
    m.corrects ? row(bi('Corrige', 'Corrects'), h('a', { href: minutesHref(m.corrects) }, `#${m.corrects}`)) : [],
    m.corrected_by
      ? row(bi('Corregida por', 'Corrected by'), h('a', { href: minutesHref(m.corrected_by), id: 'minutes-corrected-by' }, `#${m.corrected_by}`))
      : []);
}

export function meetingLine(m: Minutes): HTMLElement {
  return h('p', { class: 'card-sub', id: 'minutes-meeting' },
    m.body_name, ' · ', bi('Reunión', 'Meeting'), ` #${m.meeting}: ${m.meeting_title} (${m.meeting_date})`,
    m.example ? [' · ', h('span', { class: 'badge' }, bi('Ejemplo', 'Example'))] : '');
}

export function tallyView(t: Tally): HTMLElement {
  const cell = (label: (Node | string)[], value: number | string, id: string) => h('div', { class: 'tally-cell' }, h('dt', null, label), h('dd', { id }, String(value)));
  return h('div', { class: 'tally', id: 'minutes-tally' },
    h('dl', { class: 'tally-grid' },
      cell(bi('A favor', 'For'), t.for, 'tally-for'),
      cell(bi('En contra', 'Against'), t.against, 'tally-against'),
      cell(bi('Abstenciones', 'Abstaining'), t.abstain, 'tally-abstain'),
      cell(bi('Sin votar', 'Not voted'), t.not_voted, 'tally-not-voted')),
    h('p', { id: 'tally-quorum' },
      bi('Quórum', 'Quorum'), `: ${t.attending} / ${t.voting_seats} `, ...bi('asientos con voto presentes', 'voting seats present'),
      ` (${t.quorum_needed} `, ...bi('necesarios', 'needed'), ') — ',
      ...(t.quorum ? bi('hay quórum', 'quorum present') : bi('sin quórum', 'no quorum'))),
    h('p', { id: 'tally-result' },
      bi('Mayoría', 'Majority'), ` (${t.majority_rule}): ${t.needed} `, ...bi('votos a favor necesarios', 'votes for needed'), ' — ',
      h('strong', null, t.carried ? bi('aprobada', 'carried') : bi('no aprobada aún', 'not carried yet'))));
}
