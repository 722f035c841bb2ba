// SPDX-License-Identifier: MIT
// What the Coordinar API answers for the convenio and the 3W activities, as the pages read it (the server's
// JSON, documented in src/http/openapi/convenio.json and activities.json). The server owns every figure:
// progress, roll-ups, gaps and overlaps are read, never recomputed.
export interface Signature {
  signed_by: string;
  signer_title: string;
  signed_on: string;
  evidence: string;
  evidence_url: string;
  recorded_by: string;
  recorded_at: string;
}

export interface Party {
  id: number;
  organisation: number;
  organisation_name: string;
  kind: string;
  position: number;
  signed: boolean;
  signature: Signature | null;
}

export interface ClauseAgreement {
  id: number;
  reference: string;
  title: string;
  progress: number;
}

export interface Clause {
  id: number;
  number: string;
  position: number;
  task: string | null;
  title: string;
  text: string;
  version: number;
  progress: number | null;
  agreements: ClauseAgreement[];
}

export interface ConvenioSummary {
  id: number;
  title: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
  example: boolean;
  progress: number | null;
  version: number;
}

export interface Convenio extends ConvenioSummary {
  preamble: string;
  signed_parties: number;
  parties: Party[];
  clauses: Clause[];
}

export interface Activity {
  id: number;
  organisation: number;
  organisation_name: string;
  programming: number | null;
  programming_name: string | null;
  funding: number | null;
  funding_name: string | null;
  sector: string;
  activity: string;
  adm1: string;
  adm2: string | null;
  latitude: number | null;
  longitude: number | null;
  start_date: string;
  end_date: string | null;
  status: string;
  reached: number | null;
  targeted: number | null;
  notes: string;
  version: number;
}

export interface MatrixCell {
  sector: string;
  adm2: string;
  activities: number;
  reached: number;
  organisations: string[];
  gap: boolean;
  overlap: boolean;
}

export interface Matrix {
  sectors: string[];
  places: { code: string; name: string }[];
  cells: MatrixCell[];
  gaps: { sector: string; adm2: string; municipality: string; text: string }[];
  overlaps: { sector: string; adm2: string; municipality: string; organisations: string[]; text: string }[];
  without_municipality: number;
}
