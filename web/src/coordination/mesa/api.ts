// SPDX-License-Identifier: MIT
// The Mesa page's calls: bodies, seats, their history, meetings with agenda, attendance and quorum (as the
// server computes them), and the coordinator's writes, each meeting write naming the meeting's version in
// If-Match. A refusal keeps the server's problem+json: its detail and the fields it names (`errors[].pointer`),
// so the form can mark the field.
import { apiUrl } from '../../access/client';
import { csrfToken } from '../../access/session_store';

export interface Term {
  id: number;
  person: string | null;
  alternate: string | null;
  designated_on: string;
  ends_on: string | null;
  note: string;
}

export interface Seat {
  id: number;
  body: number;
  name: string;
  representation: string;
  organisation: number;
  organisation_name: string;
  position: string;
  voting: boolean;
  ordinal: number;
  active: boolean;
  version: number;
  current: Term | null;
}

export interface Body {
  id: number;
  name: string;
  short_name: string;
  kind: string;
  visibility: string;
  quorum: string;
  description: string;
  installed_on: string | null;
  version: number;
}

export interface Meeting {
  id: number;
  body: number;
  title: string;
  starts_at: string;
  ends_at: string;
  mode: string;
  place: string;
  link: string;
  state: string;
  example: boolean;
  version: number;
}

export interface AgendaItem {
  id: number;
  parent: number | null;
  position: number;
  title: string;
  description: string;
  duration_minutes: number;
  children: AgendaItem[];
}

export interface Attendance {
  seat: number;
  seat_name: string;
  organisation_name: string;
  voting: boolean;
  status: string | null;
  person: string | null;
}

export interface Quorum {
  rule: string;
  voting_seats: number;
  present_voting: number;
  required: number;
  quorum: boolean;
}

export interface MeetingDetail extends Meeting {
  body_name: string;
  agenda: AgendaItem[];
  agenda_minutes: number;
  meeting_minutes: number;
  attendance: Attendance[];
  quorum: Quorum;
}

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly said: string,
    readonly fields: string[],
  ) {
    super(said);
  }
}

async function call<T>(method: string, path: string, body?: unknown, ifMatch?: string): Promise<{ data: T; etag: string | null }> {
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
    throw new Refusal(response.status, p.detail || p.title || `HTTP ${response.status}`, (p.errors ?? []).map((e) => e.pointer));
  }
  return { data: parsed as T, etag: response.headers.get('ETag') };
}

export const listBodies = async () => (await call<{ bodies: Body[] }>('GET', 'bodies')).data.bodies;
export const bodySeats = async (body: number, on?: string) =>
  (await call<{ seats: Seat[] }>('GET', on ? `bodies/${body}/seats?on=${on}` : `bodies/${body}/seats`)).data.seats;
export const seatHistory = async (seat: number) => (await call<{ terms: Term[] }>('GET', `seats/${seat}/history`)).data.terms;
export const bodyMeetings = async (body: number) => (await call<{ meetings: Meeting[] }>('GET', `bodies/${body}/meetings`)).data.meetings;
export const readMeeting = async (id: number) => (await call<MeetingDetail>('GET', `meetings/${id}`)).data;

export const bodyCalendarUrl = (body: number) => apiUrl(`bodies/${body}/calendar.ics`);
export const meetingCalendarUrl = (meeting: number) => apiUrl(`meetings/${meeting}/calendar.ics`);

export interface NewMeeting {
  title: string;
  starts_at: string;
  ends_at: string;
  mode: string;
  place: string;
  link: string;
}

export const convene = async (body: number, m: NewMeeting) => (await call<MeetingDetail>('POST', `bodies/${body}/meetings`, m)).data;

const etagOf = (m: MeetingDetail) => `"v${m.version}"`;

export const addAgendaItem = async (m: MeetingDetail, item: { title: string; duration_minutes: number; parent?: number }) =>
  (await call<MeetingDetail>('POST', `meetings/${m.id}/agenda`, item, etagOf(m))).data;

export const removeAgendaItem = async (m: MeetingDetail, item: number) =>
  (await call<MeetingDetail>('DELETE', `agenda-items/${item}`, undefined, etagOf(m))).data;

export const recordAttendance = async (m: MeetingDetail, marks: { seat: number; status: string }[]) =>
  (await call<MeetingDetail>('PUT', `meetings/${m.id}/attendance`, { attendance: marks }, etagOf(m))).data;

export const setState = async (m: MeetingDetail, state: 'held' | 'cancelled') =>
  (await call<MeetingDetail>('PUT', `meetings/${m.id}/state`, { state }, etagOf(m))).data;
