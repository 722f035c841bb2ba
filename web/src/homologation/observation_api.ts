// SPDX-License-Identifier: MIT
// The observation pages' calls to the live API: JSON in and out, the session's CSRF token on writes, If-Match
// naming the version read, and every refusal kept with the fields the server names (`errors[].pointer`) so the
// form can mark the very control.
import { apiUrl } from '../access/client';
import { csrfToken } from '../access/session_store';
import type { Codebook, Observation } from './observation_types';

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly said: string,
    readonly fields: string[],
  ) {
    super(said);
  }
}

async function call<T>(method: string, path: string, body?: unknown, ifMatch?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), { method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Refusal(0, 'No se pudo conectar con el servidor / Could not reach the server', []);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const p = (parsed ?? {}) as { title?: string; detail?: string; errors?: { pointer: string }[] };
    const said = p.detail || p.title || `HTTP ${response.status}`;
    // A conflict or refusal may name its field in its detail ("/start_date: …") without an errors list.
    const named = (p.errors ?? []).map((e) => e.pointer);
    const lead = /^(\/[a-z_/0-9]+):/.exec(said);
    if (!named.length && lead) named.push(lead[1]);
    throw new Refusal(response.status, said, named);
  }
  return parsed as T;
}

export const readCodebook = () => call<Codebook>('GET', 'policy/codebook');
export const listObservations = async (state?: string) =>
  (await call<{ observations: Observation[] }>('GET', state ? `policy/observations?state=${state}` : 'policy/observations')).observations;
export const createObservation = (body: unknown) => call<Observation>('POST', 'policy/observations', body);
// Replaces every field of a draft (or rejected) observation at the version read.
export const updateObservation = (o: Observation, body: unknown) => call<Observation>('PUT', `policy/observations/${o.id}`, body, `"v${o.version}"`);
export const reviewStep = (o: Observation, step: 'submit' | 'approve' | 'reject', reason?: string) =>
  call<Observation>('POST', `policy/observations/${o.id}/${step}`, step === 'reject' ? { reason } : undefined, `"v${o.version}"`);
