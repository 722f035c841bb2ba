// SPDX-License-Identifier: MIT
// The minutes routes: the public ones (approved, published minutes) and the working ones under the body, each
// write with the session's CSRF token and, where it changes a draft, If-Match with the version read.
import { apiUrl, get, post, put, request } from '../../access/client';
import type { Amendment, Minutes, Tally, WorkingMinutes } from './types';

export const etagOf = (version: number) => `"v${version}"`;

export async function publishedMinutes(): Promise<Minutes[]> {
  return (await get<{ minutes: Minutes[] }>(apiUrl('minutes', { published: 'true' }))).data.minutes ?? [];
}

export async function publicMinutes(id: number): Promise<Minutes> {
  return (await get<Minutes>(apiUrl(`minutes/${id}`))).data;
}

export async function bodyMinutesList(body: number): Promise<Minutes[]> {
  return (await get<{ minutes: Minutes[] }>(apiUrl(`bodies/${body}/minutes`))).data.minutes ?? [];
}

export async function workingMinutes(body: number, id: number): Promise<WorkingMinutes> {
  return (await get<WorkingMinutes>(apiUrl(`bodies/${body}/minutes/${id}`))).data;
}

export async function draftMinutes(body: number, meeting: number, text: string): Promise<Minutes> {
  return (await post<Minutes>(apiUrl(`bodies/${body}/meetings/${meeting}/minutes`), { text })).data;
}

export async function saveDraft(m: Minutes, text: string): Promise<Minutes> {
  return (await put<Minutes>(apiUrl(`bodies/${m.body}/minutes/${m.id}`), { text }, etagOf(m.version))).data;
}

export async function proposeAmendment(m: Minutes, replaces: string, text: string): Promise<Amendment> {
  return (await post<Amendment>(apiUrl(`bodies/${m.body}/minutes/${m.id}/amendments`), { replaces, text })).data;
}

export async function decideAmendment(m: Minutes, amendment: number, accept: boolean): Promise<Minutes> {
  const url = apiUrl(`bodies/${m.body}/minutes/${m.id}/amendments/${amendment}/${accept ? 'accept' : 'reject'}`);
  return (await request<Minutes>('POST', url, { body: {}, ifMatch: etagOf(m.version) })).data;
}

export async function castVote(m: Minutes, choice: string): Promise<Tally> {
  return (await post<{ tally: Tally }>(apiUrl(`bodies/${m.body}/minutes/${m.id}/votes`), { choice })).data.tally;
}

export async function approve(m: Minutes): Promise<Minutes> {
  const url = apiUrl(`bodies/${m.body}/minutes/${m.id}/approve`);
  return (await request<Minutes>('POST', url, { body: {}, ifMatch: etagOf(m.version) })).data;
}

export async function openCorrection(m: Minutes): Promise<Minutes> {
  return (await post<Minutes>(apiUrl(`bodies/${m.body}/minutes/${m.id}/corrections`), {})).data;
}
