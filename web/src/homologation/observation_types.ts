// SPDX-License-Identifier: MIT
// What /api/v1/policy/codebook and /api/v1/policy/observations answer (src/http/openapi/policy_observations.json).
export interface BiText {
  es: string;
  en: string;
}

export interface Choice extends BiText {
  value: string;
}

export interface Indicator {
  code: string;
  name: BiText;
  family: string;
  scale: 'ordinal' | 'monetary' | 'categorical' | 'binary' | 'text';
  max_value: number;
  flag: 'none' | 'geographic' | 'sectoral' | 'cost';
  vaccine_differentiated: boolean;
  entered: string;
  labels: { value: number; es: string; en: string }[];
}

// A local extension's field in words (curfew_from: "Toque de queda desde" / "Curfew from"), in the form's order.
export interface ExtensionField extends BiText {
  key: string;
  kind: 'time' | 'percent' | 'count' | 'choice';
}

export interface Codebook {
  indicators: Indicator[];
  jurisdictions: { code: string; name: string; kind: string }[];
  choices: Record<'scope' | 'segment' | 'flag' | 'source_kind' | 'alcohol_sales', Choice[]>;
  extensions: ExtensionField[];
}

export interface Observation {
  id: number;
  jurisdiction: string;
  jurisdiction_name: string;
  scope: string;
  indicator: string;
  indicator_name: BiText | null;
  segment: string;
  value: string;
  value_label: BiText | null;
  flag: number | null;
  applies_to: string[];
  start_date: string;
  end_date: string | null;
  announced_on: string | null;
  implemented_on: string | null;
  notes: string;
  source: { id: number; kind: string; title: string; issuer: string; issued_on: string | null; url: string };
  extensions: Record<string, string | number>;
  unverified: boolean;
  verification_note: string;
  coder: string;
  reviewer: string | null;
  review_state: 'draft' | 'submitted' | 'approved' | 'rejected';
  review_reason: string | null;
  version: number;
  supersedes: number | null;
  superseded_by: number | null;
}
