// SPDX-License-Identifier: MIT
// The 3W calls: activities with the server's filters, the matrix, writes (POST; PUT with If-Match), the HXL CSV
// export's address, and the HXL import (text/csv, with the session's CSRF token).
import { apiUrl, get, post, Problem, put } from '../../access/client';
import { csrfToken } from '../../access/session_store';
import type { Activity, Matrix } from '../types';

export interface ActivityFilter {
  sector?: string;
  status?: string;
  adm2?: string;
}

export async function listActivities(filter: ActivityFilter): Promise<Activity[]> {
  return (await get<{ activities: Activity[] }>(apiUrl('activities', { ...filter }))).data.activities ?? [];
}

export async function readMatrix(filter: ActivityFilter): Promise<Matrix> {
  return (await get<Matrix>(apiUrl('activities/matrix', { sector: filter.sector, status: filter.status }))).data;
}

export const exportUrl = (filter: ActivityFilter) => apiUrl('activities/export.csv', { ...filter });

export const createActivity = async (body: unknown) => (await post<Activity>(apiUrl('activities'), body)).data;
export const updateActivity = async (a: Activity, body: unknown) =>
  (await put<Activity>(apiUrl(`activities/${a.id}`), body, `"v${a.version}"`)).data;

export interface ImportError {
  pointer: string;
  detail: string;
}

// Imports the CSV text; all rows or none. A refusal with the rows and columns named is thrown as ImportRefused.
export class ImportRefused extends Error {
  constructor(readonly errors: ImportError[], readonly said: string) {
    super(said);
  }
}

export async function importHxl(csv: string): Promise<number> {
  const headers: Record<string, string> = { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await fetch(apiUrl('activities/import'), { method: 'POST', headers, body: csv, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Problem(0, 'No se pudo conectar con el servidor / Could not reach the server', '');
  }
  const body = (await response.json().catch(() => ({}))) as { imported?: number; errors?: ImportError[]; detail?: string; title?: string };
  if (response.ok) return body.imported ?? 0;
  if (body.errors?.length) throw new ImportRefused(body.errors, body.detail ?? '');
  throw new Problem(response.status, body.title ?? '', body.detail ?? '');
}
