// SPDX-License-Identifier: MIT
// The coordinator's panel on the convenio page: add a clause (while draft), link an agreement to a clause,
// record a party's signature (while in signature), and move the status. Each form sends the ETag of the
// version shown as If-Match; the server's answer (the convenio as written) redraws the page, and a refusal is
// shown naming the field the server named.
import { h } from '../../dom';
import { busy, field, FormMessages, selectField } from '../../access/forms';
import { bi, biText, biTextOf } from '../../access/labels';
import { convenioStatus, EVIDENCE, TASKS } from '../labels';
import { showRefusal } from '../shared';
import type { Convenio } from '../types';
import { write } from './api';
import type { Read } from './api';

type Done = (read: Read, said: (Node | string)[]) => void;

function form(id: string, title: (Node | string)[], rows: HTMLElement[], submit: (Node | string)[],
  send: (f: HTMLFormElement) => Promise<[Read, (Node | string)[]]>, done: Done): HTMLFormElement {
  const messages = new FormMessages();
  const f = h('form', { id, class: 'form-narrow', novalidate: true },
    h('h3', null, title), ...rows,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: `${id}-submit` }, submit)),
    messages.element);
  messages.describe(...f.querySelectorAll<HTMLElement>('input, select, textarea'));
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(f, async () => {
      messages.clear();
      try {
        const [read, said] = await send(f);
        done(read, said);
      } catch (e) {
        showRefusal(messages, f, e);
      }
    });
  });
  return f;
}

const value = (f: HTMLFormElement, name: string) => (f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';

// The next statuses the server may accept from `status` (it checks the conditions and says why it refuses).
const NEXT: Record<string, string[]> = { draft: ['in_signature'], in_signature: ['in_force', 'draft'], in_force: ['expired'], expired: [] };

export function coordinatorPanel(c: Convenio, etag: string, done: Done): HTMLElement {
  const forms: HTMLElement[] = [];
  const clauses: [string, string][] = c.clauses.map((k) => [String(k.id), `${k.number}. ${k.title}`]);
  if (c.status === 'draft') {
    const textId = 'clause-text';
    forms.push(form('clause-form', bi('Añadir cláusula', 'Add a clause'), [
      field(bi('Número', 'Number'), { name: 'number', id: 'clause-number', required: true, placeholder: 'NOVENA' }).row,
      field(bi('Título', 'Title'), { name: 'title', id: 'clause-title', required: true }).row,
      h('div', { class: 'field' }, h('label', { for: textId }, bi('Texto', 'Text')), h('textarea', { name: 'text', id: textId, rows: 4, required: true })),
      selectField(bi('Tarea', 'Task'), { name: 'task', id: 'clause-task' }, [['', biText('Ninguna', 'None')], ...Object.entries(TASKS).map(([k, l]) => [k, biTextOf(l)] as [string, string])]).row,
    ], bi('Añadir', 'Add'), async (f) => {
      const body = { number: value(f, 'number'), title: value(f, 'title'), text: value(f, 'text'), task: value(f, 'task') || null };
      return [await write('POST', c.id, '/clauses', etag, body), bi(`Cláusula ${body.number} añadida.`, `Clause ${body.number} added.`)];
    }, done));
  }
  if (c.status !== 'expired' && clauses.length) {
    forms.push(form('link-form', bi('Vincular un acuerdo a una cláusula', 'Link an agreement to a clause'), [
      selectField(bi('Cláusula', 'Clause'), { name: 'clause', id: 'link-clause' }, clauses).row,
      field(bi('Número (id) del acuerdo', 'Agreement id'), { name: 'agreement', id: 'link-agreement', inputmode: 'numeric', required: true }).row,
    ], bi('Vincular', 'Link'), async (f) => {
      const agreement = Number(value(f, 'agreement'));
      const read = await write('POST', c.id, `/clauses/${value(f, 'clause')}/agreements`, etag, { agreement: Number.isInteger(agreement) ? agreement : value(f, 'agreement') });
      return [read, bi('Acuerdo vinculado.', 'Agreement linked.')];
    }, done));
  }
  if (c.status === 'in_signature') {
    const unsigned: [string, string][] = c.parties.filter((p) => !p.signed).map((p) => [String(p.id), p.organisation_name]);
    forms.push(form('sign-form', bi('Registrar una firma', 'Record a signature'), [
      selectField(bi('Parte', 'Party'), { name: 'party', id: 'sign-party' }, unsigned).row,
      field(bi('Firmó por la parte', 'Signed for the party by'), { name: 'signed_by', id: 'sign-by', required: true, autocomplete: 'name' }).row,
      field(bi('Cargo', 'Office'), { name: 'signer_title', id: 'sign-title' }).row,
      field(bi('Fecha de firma', 'Date signed'), { name: 'signed_on', id: 'sign-on', type: 'date', required: true }).row,
      selectField(bi('Cómo consta', 'Evidence'), { name: 'evidence', id: 'sign-evidence' }, Object.entries(EVIDENCE).map(([k, l]) => [k, biTextOf(l)] as [string, string])).row,
      field(bi('Referencia (enlace o SHA-256 del documento)', 'Reference (link or the document’s SHA-256)'), { name: 'evidence_url', id: 'sign-evidence-url' }).row,
    ], bi('Registrar firma', 'Record signature'), async (f) => {
      const body = {
        party: Number(value(f, 'party')), signed_by: value(f, 'signed_by'), signer_title: value(f, 'signer_title'),
        signed_on: value(f, 'signed_on'), evidence: value(f, 'evidence'), evidence_url: value(f, 'evidence_url'),
      };
      const read = await write('POST', c.id, '/signatures', etag, body);
      return [read, bi('Firma registrada.', 'Signature recorded.')];
    }, done));
  }
  const next = NEXT[c.status] ?? [];
  if (next.length) {
    forms.push(form('status-form', bi('Cambiar el estado', 'Change the status'), [
      selectField(bi('Nuevo estado', 'New status'), { name: 'status', id: 'status-next' }, next.map((s) => [s, biTextOf(convenioStatus(s))] as [string, string])).row,
    ], bi('Cambiar', 'Change'), async (f) => {
      const status = value(f, 'status');
      const read = await write('POST', c.id, '/status', etag, { status });
      return [read, bi(`Estado: ${biTextOf(convenioStatus(read.convenio.status))}.`, `Status: ${read.convenio.status}.`)];
    }, done));
  }
  return h('section', { class: 'coord-panel', id: 'coord-panel', 'aria-labelledby': 'coord-title' },
    h('h2', { id: 'coord-title' }, bi('Coordinación: editar el convenio', 'Coordination: edit the convenio')),
    forms.length ? forms : h('p', null, bi('Un convenio vencido ya no se edita.', 'An expired convenio is no longer edited.')));
}
