// SPDX-License-Identifier: MIT
// An entity's history from the audit log (GET /api/v1/audit?entity=TYPE:ID), for those the server lets read
// it: who changed what and when, newest first, each changed field with its value before and after. The page
// shows the server's entries as they are; a refusal is shown in the server's words.
import { h } from '../dom';
import { apiUrl, get } from './client';
import { refusal } from './forms';
import { bi } from './labels';

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  diff: Record<string, { before: unknown; after: unknown }>;
  request_id: string;
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function entryItem(e: AuditEntry): HTMLLIElement {
  const when = e.at.replace('T', ' ').replace('Z', ' UTC');
  const fields = Object.entries(e.diff ?? {});
  return h('li', { class: 'history-entry', 'data-entry': e.id },
    h('p', null, h('time', { datetime: e.at }, when), ' · ', h('code', null, e.actor), ' · ', h('code', null, e.action)),
    fields.length
      ? h('ul', { class: 'history-fields' }, fields.map(([k, d]) => h('li', null, h('code', null, k), `: ${shown(d.before)} → ${shown(d.after)}`)))
      : '');
}

// Fills `into` with the history of `entity` ("organisation:3").
export async function showHistory(entity: string, into: HTMLElement): Promise<void> {
  into.setAttribute('aria-busy', 'true');
  try {
    const answer = await get<{ entries: AuditEntry[] }>(apiUrl('audit', { entity }));
    const entries = [...(answer.data.entries ?? [])].reverse();
    into.replaceChildren(
      h('h3', null, bi('Historial', 'History')),
      entries.length
        ? h('ol', { class: 'history' }, entries.map(entryItem))
        : h('p', null, bi('Sin cambios registrados.', 'No recorded changes.')));
  } catch (e) {
    into.replaceChildren(h('p', { class: 'form-error shown', role: 'alert' }, refusal(e)));
  } finally {
    into.removeAttribute('aria-busy');
  }
}
