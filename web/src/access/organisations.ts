// SPDX-License-Identifier: MIT
// Reading organisations (public): the list with the server's filters, one with its ETag (the version an edit
// must name in If-Match), and a name lookup for pages that show organisation ids.
import { apiUrl, get } from './client';
import type { Organisation } from './types';

export interface OrganisationFilter {
  kind?: string;
  sector?: string;
  coalition?: string; // "true" | "false"
}

export async function listOrganisations(filter: OrganisationFilter = {}): Promise<Organisation[]> {
  const answer = await get<{ organisations: Organisation[] }>(apiUrl('organisations', { ...filter }));
  return answer.data.organisations ?? [];
}

export async function readOrganisation(id: number): Promise<{ organisation: Organisation; etag: string }> {
  const answer = await get<Organisation>(apiUrl(`organisations/${id}`));
  return { organisation: answer.data, etag: answer.etag ?? `"v${answer.data.version}"` };
}

export function namesById(organisations: Organisation[]): Map<number, string> {
  return new Map(organisations.map((o) => [o.id, o.short_name ? `${o.name} (${o.short_name})` : o.name]));
}
