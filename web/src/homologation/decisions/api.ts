// SPDX-License-Identifier: MIT
// The decisions routes: reads, a seat's vote (the session's CSRF token) and the close (If-Match: the version read).
import { apiUrl, get, post, request } from '../../access/client';
import type { Compliance, Decision, DecisionDetail } from './types';

export async function decisions(meeting?: number): Promise<Decision[]> {
  return (await get<{ decisions: Decision[] }>(apiUrl('decisions', { meeting: meeting ? String(meeting) : undefined }))).data.decisions ?? [];
}

export async function decision(id: number): Promise<DecisionDetail> {
  return (await get<DecisionDetail>(apiUrl(`decisions/${id}`))).data;
}

export async function compliance(id: number, from?: string, to?: string): Promise<Compliance> {
  return (await get<Compliance>(apiUrl(`decisions/${id}/compliance`, { from, to }))).data;
}

export async function vote(d: Decision, choice: string): Promise<DecisionDetail> {
  return (await post<DecisionDetail>(apiUrl(`decisions/${d.id}/votes`), { choice })).data;
}

export async function closeVote(d: Decision): Promise<DecisionDetail> {
  return (await request<DecisionDetail>('POST', apiUrl(`decisions/${d.id}/close`), { body: {}, ifMatch: `"v${d.version}"` })).data;
}
