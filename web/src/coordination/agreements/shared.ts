// SPDX-License-Identifier: MIT
// What the agreements views share: a progress bar (the server's figure, as a <progress> with its number beside
// it), the status label, who may act, the region's place names.
import { h } from '../../dom';
import { apiUrl, get } from '../../access/client';
import { bi } from '../../access/labels';
import type { Grant, SessionBody } from '../../access/types';
import type { Status } from './api';

export function progressBar(value: number, label: string): HTMLElement {
  const shown = `${Number.isInteger(value) ? value : value.toFixed(2)} %`;
  return h('div', { class: 'agreement-progress' },
    h('progress', { max: 100, value, 'aria-label': `${label}: ${shown}` }),
    h('span', { class: 'agreement-progress-value' }, shown));
}

export const statusLabel = (s: Status) => bi(s.name_es, s.name_en);

export const isCoordinator = (grants: Grant[]) => grants.some((g) => g.role === 'coordinator');

// Whether the account may report progress on what `organisation` owes (coordinator, or editor of it). Only to show
// the form: the server decides.
export const mayReport = (session: SessionBody | null, organisation: number) =>
  session !== null &&
  (isCoordinator(session.account.grants) || session.account.grants.some((g) => g.role === 'editor' && g.organisation === organisation));

let places: Promise<Map<string, string>> | null = null;

// The names of the region's places by INEGI code (from the region's configuration).
export function placeNames(): Promise<Map<string, string>> {
  places ??= get<{ code: string; name: string }[] | { jurisdictions: { code: string; name: string }[] }>(apiUrl('jurisdictions'))
    .then((answer) => {
      const list = Array.isArray(answer.data) ? answer.data : (answer.data.jurisdictions ?? []);
      return new Map(list.map((j) => [j.code, j.name]));
    })
    .catch(() => new Map<string, string>());
  return places;
}

export const placeText = (names: Map<string, string>, code: string) => (names.has(code) ? `${names.get(code)} (${code})` : code);

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
