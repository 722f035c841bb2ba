// SPDX-License-Identifier: MIT
// The public view of a convenio: its status (and, for the example, that it is a draft for the Mesa to edit and
// nobody signed it), its validity, the overall progress, the parties with their signature state, and the
// clauses under the source deck's four tasks, each with the progress the server rolled up from the agreements
// that carry it out and a link to each of those agreements.
import { h } from '../../dom';
import { bi, biOf, biText, biTextOf } from '../../access/labels';
import { pageTitle } from '../../access/shell';
import { convenioStatus, evidence, partyKind, task, TASKS } from '../labels';
import { progressBar } from '../shared';
import type { Clause, Convenio, Party } from '../types';

function partyRow(p: Party): HTMLTableRowElement {
  const s = p.signature;
  return h('tr', { 'data-party': p.id },
    h('th', { scope: 'row' }, p.organisation_name),
    h('td', null, biOf(partyKind(p.kind))),
    h('td', { class: 'party-signature' },
      s
        ? [h('span', { class: 'signed-yes' }, bi('Firmó', 'Signed')), ` ${s.signed_on} — ${s.signed_by}${s.signer_title ? ` (${s.signer_title})` : ''}. `,
            biTextOf(evidence(s.evidence)), ...(s.evidence_url ? [': ', h('code', null, s.evidence_url)] : [])]
        : h('span', { class: 'signed-no' }, bi('Sin firma', 'Not signed'))));
}

function clauseCard(c: Clause): HTMLElement {
  const heading = `clause-${c.id}-title`;
  return h('article', { class: 'clause', id: `clause-${c.id}`, 'aria-labelledby': heading },
    h('h4', { id: heading }, `${c.number}. ${c.title}`),
    h('p', { class: 'clause-text' }, c.text),
    progressBar(c.progress, biText(`Avance de la cláusula ${c.number}`, `Progress of clause ${c.number}`), `clause-${c.id}-progress`),
    c.agreements.length
      ? [h('p', null, bi('Acuerdos que la cumplen:', 'Agreements that carry it out:')),
          h('ul', { class: 'clause-agreements' },
            c.agreements.map((a) => h('li', null,
              h('a', { href: `acuerdos.html?id=${a.id}` }, `${a.reference}: ${a.title}`),
              ` — ${a.progress.toLocaleString('es-MX', { maximumFractionDigits: 1 })} %`)))]
      : '');
}

// "2020-06-01 — 2021-05-31", "desde 2020-06-01 / from 2020-06-01", or "sin fechas aún / no dates yet".
function validity(c: Convenio): (Node | string)[] {
  if (c.valid_from && c.valid_to) return [`${c.valid_from} — ${c.valid_to}`];
  if (c.valid_from) return bi(`desde ${c.valid_from}`, `from ${c.valid_from}`);
  if (c.valid_to) return bi(`hasta ${c.valid_to}`, `until ${c.valid_to}`);
  return bi('sin fechas aún', 'no dates yet');
}

export function convenioView(c: Convenio): HTMLElement {
  const groups: [string, (Node | string)[], Clause[]][] = [
    ['', bi('Disposiciones generales', 'General provisions'), c.clauses.filter((k) => !k.task)],
    ...Object.keys(TASKS).map((t) => [t, biOf(task(t)), c.clauses.filter((k) => k.task === t)] as [string, (Node | string)[], Clause[]]),
  ];
  return h('div', { class: 'page convenio-page', 'data-convenio': c.id },
    h('div', { class: 'page-head' },
      pageTitle([c.title]),
      h('p', null, bi('Estado', 'Status'), ': ', h('span', { class: 'convenio-status', id: 'convenio-status' }, biOf(convenioStatus(c.status)))),
      c.example
        ? h('p', { class: 'notice notice-example', id: 'convenio-example' },
            bi('Borrador de ejemplo para que la Mesa de Salud lo edite: no es un documento firmado.',
              'A draft example for the Mesa de Salud to edit: not a signed document.'))
        : '',
      h('p', { id: 'convenio-validity' }, bi('Vigencia', 'Validity'), ': ', ...validity(c)),
      c.preamble ? h('p', { class: 'lead' }, c.preamble) : ''),
    h('section', { 'aria-labelledby': 'progress-title' },
      h('h2', { id: 'progress-title' }, bi('Avance del convenio', 'Progress of the convenio')),
      progressBar(c.progress, biText('Avance del convenio', 'Progress of the convenio'), 'convenio-progress'),
      h('p', { class: 'field-hint' },
        bi('Promedio de las cláusulas con acuerdos; cada cláusula promedia el avance de sus acuerdos (lo calcula el servidor).',
          'The mean of the clauses with agreements; each clause is the mean of its agreements’ progress (computed by the server).'))),
    h('section', { 'aria-labelledby': 'parties-title' },
      h('h2', { id: 'parties-title' }, bi('Partes y firmas', 'Parties and signatures'), ` (${c.signed_parties}/${c.parties.length})`),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'access-table', id: 'parties' },
          h('caption', null, bi('Quién firma por cada parte, cuándo y cómo consta', 'Who signs for each party, when, and how it is evidenced')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, bi('Parte', 'Party')),
            h('th', { scope: 'col' }, bi('Tipo', 'Kind')),
            h('th', { scope: 'col' }, bi('Firma', 'Signature')))),
          h('tbody', null, c.parties.map(partyRow))))),
    h('section', { 'aria-labelledby': 'clauses-title' },
      h('h2', { id: 'clauses-title' }, bi('Cláusulas por tarea', 'Clauses by task')),
      groups.filter(([, , list]) => list.length).map(([key, label, list]) =>
        h('section', { class: 'task-section', 'data-task': key || 'general', 'aria-labelledby': `task-${key || 'general'}` },
          h('h3', { id: `task-${key || 'general'}` }, label),
          list.map(clauseCard)))));
}
