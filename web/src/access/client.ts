// SPDX-License-Identifier: MIT
// The access pages' calls to the live API: relative `api/v1/<path>` URLs, JSON in and out, the session's CSRF
// token on every write (header X-CSRF-Token), If-Match where an edit needs it, and every refusal turned into a
// Problem carrying the server's own problem+json title and detail so the page can show what the server said.
import { csrfToken } from './session_store';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly retryAfter: number | null = null,
  ) {
    super(detail || title || `HTTP ${status}`);
  }

  // What the server said, for the page: its detail, else its title.
  get said(): string {
    return this.detail || this.title || `HTTP ${this.status}`;
  }
}

export interface Answer<T> {
  status: number;
  data: T;
  etag: string | null;
}

interface RequestOptions {
  body?: unknown;
  ifMatch?: string;
}

export function apiUrl(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
  const q = params.toString();
  return `api/v1/${path}${q ? `?${q}` : ''}`;
}

export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new Problem(0, 'No se pudo conectar con el servidor / Could not reach the server', '');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const p = (parsed ?? {}) as { title?: unknown; detail?: unknown };
    const retry = Number(response.headers.get('Retry-After'));
    throw new Problem(
      response.status,
      typeof p.title === 'string' ? p.title : '',
      typeof p.detail === 'string' ? p.detail : '',
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
  return { status: response.status, data: parsed as T, etag: response.headers.get('ETag') };
}

export const get = <T>(url: string) => request<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => request<T>('POST', url, { body });
export const put = <T>(url: string, body: unknown, ifMatch?: string) => request<T>('PUT', url, { body, ifMatch });
export const del = <T>(url: string) => request<T>('DELETE', url);
