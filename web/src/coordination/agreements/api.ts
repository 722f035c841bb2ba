// SPDX-License-Identifier: MIT
// The agreements API as the acuerdos page reads it: the list with the server's filters, one agreement with its
// links and ETag, its timeline, the follow-up views, and the writes (create, report progress with If-Match, the
// CSV import). The server computes every figure (progress, roll-ups, scorecards); the page only shows them.
import { apiUrl, get, post, Problem, request } from '../../access/client';
import { csrfToken } from '../../access/session_store';

export interface Ref {
  id: number;
  name: string;
}

export interface Status {
  key: string;
  name_es: string;
  name_en: string;
  typical_progress: number;
  closed: boolean;
  version?: number;
}

export interface Agreement {
  id: number;
  reference: string;
  title: string;
  text: string;
  meeting: { id: number; title: string; date: string | null } | null;
  imported: boolean;
  parent: number | null;
  weight: number | null;
  responsible: Ref;
  coresponsibles: Ref[];
  jurisdictions: string[];
  status: Status;
  progress: number;
  start_date: string | null;
  due_date: string | null;
  example: boolean;
  children: number[];
  version: number;
}

export interface ProgressUpdate {
  id: number;
  reported_on: string;
  progress: number;
  status: string | null;
  text: string;
  evidence_url: string | null;
  document: { id: number; name: string; media_type: string; size: number; sha256: string; url: string } | null;
  reported_by: string;
}

export interface Links {
  meeting: { id: number; title: string; date: string | null } | null;
  minutes: { id: number } | null;
  assessment: { date: string; jurisdiction: string; api: string; web: string } | null;
  clauses: { id: number; convenio: number; number: string; title: string; convenio_title: string }[];
  progress_updates: ProgressUpdate[];
  children: { id: number; reference: string; title: string; progress: number; weight: number | null; status: string }[];
}

export interface AgreementDetail extends Agreement {
  links: Links;
}

export interface TimelineEntry {
  at: string;
  kind: 'progress' | 'change';
  detail: Record<string, unknown>;
}

export interface Filter {
  organisation?: string;
  status?: string;
  municipality?: string;
  meeting?: string;
}

export interface ImportReport {
  ok: boolean;
  agreements: number;
  progress: number;
  problems: { line: number; column: string; why: string }[];
}

export const listAgreements = async (filter: Filter) =>
  (await get<{ agreements: Agreement[] }>(apiUrl('agreements', { ...filter }))).data.agreements;

export const listStatuses = async () => (await get<{ statuses: Status[] }>(apiUrl('agreement-statuses'))).data.statuses;

export async function readAgreement(id: number): Promise<{ agreement: AgreementDetail; etag: string }> {
  const answer = await get<AgreementDetail>(apiUrl(`agreements/${id}`));
  return { agreement: answer.data, etag: answer.etag ?? `"v${answer.data.version}"` };
}

export const readTimeline = async (id: number) =>
  (await get<{ timeline: TimelineEntry[] }>(apiUrl(`agreements/${id}/timeline`))).data.timeline;

export const createAgreement = async (body: Record<string, unknown>) => (await post<AgreementDetail>(apiUrl('agreements'), body)).data;

export const reportProgress = async (id: number, body: Record<string, unknown>, etag: string) =>
  (await request<ProgressUpdate>('POST', apiUrl(`agreements/${id}/progress`), { body, ifMatch: etag })).data;

export interface OverdueView {
  as_of: string;
  within_days: number;
  organisations: {
    organisation: Ref;
    due: { id: number; reference: string; title: string; due_date: string; progress: number }[];
    late: { id: number; reference: string; title: string; due_date: string; days_late: number; progress: number }[];
  }[];
}

export interface ScorecardView {
  as_of: string;
  organisations: { organisation: Ref; owed: number; done: number; done_on_time: number; late: number; open_on_time: number }[];
}

export const readOverdue = async (asOf: string) => (await get<OverdueView>(apiUrl('agreements/overdue', { as_of: asOf }))).data;
export const readScorecards = async (asOf: string) => (await get<ScorecardView>(apiUrl('agreements/scorecard', { as_of: asOf }))).data;

// The CSV import: text/csv, all rows or none. A refusal of the rows answers 400 with the row report, returned here
// (not thrown) so the page can list each bad line and column.
export async function importCsv(csv: string): Promise<ImportReport> {
  const headers: Record<string, string> = { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  const response = await fetch(apiUrl('agreements/import'), { method: 'POST', headers, body: csv, credentials: 'same-origin' });
  const body = (await response.json().catch(() => ({}))) as { report?: ImportReport; title?: string; detail?: string } & Partial<ImportReport>;
  if (response.ok) return body as ImportReport;
  if (response.status === 400 && body.report) return body.report;
  throw new Problem(response.status, body.title ?? '', body.detail ?? '');
}
