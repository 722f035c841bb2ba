// SPDX-License-Identifier: MIT
// The convenio's calls: the list, one convenio with its ETag (the version every write names in If-Match), and
// the coordinator's writes, each answering the convenio as written with its new ETag.
import { apiUrl, get, request } from '../../access/client';
import type { Convenio, ConvenioSummary } from '../types';

export interface Read {
  convenio: Convenio;
  etag: string;
}

// The If-Match of the next write names the version read. Not the response's ETag header: a compressed answer
// carries the ETag of its gzip representation, which names no version.
const read = (answer: { data: Convenio }): Read => ({
  convenio: answer.data,
  etag: `"v${answer.data.version}"`,
});

export async function listConvenios(): Promise<ConvenioSummary[]> {
  return (await get<{ convenios: ConvenioSummary[] }>(apiUrl('convenios'))).data.convenios ?? [];
}

export async function readConvenio(id: number): Promise<Read> {
  return read(await get<Convenio>(apiUrl(`convenios/${id}`)));
}

// A write on the convenio `id` at the version `etag`.
export async function write(method: string, id: number, path: string, etag: string, body?: unknown): Promise<Read> {
  return read(await request<Convenio>(method, apiUrl(`convenios/${id}${path}`), { body, ifMatch: etag }));
}
