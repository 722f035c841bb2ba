// SPDX-License-Identifier: MIT
// The homologation matrix as GET /api/v1/homologation-matrix answers it (src/http/openapi/activity_rules.json):
// every figure, summary and divergence is the server's; the page only lays them out.
export interface BilingualText {
  es: string;
  en: string;
}

export interface RuleSource {
  key: string;
  kind: string;
  title: string;
  issuer: string;
  published_on: string | null;
  url: string | null;
  note: string;
}

export interface ActivityRule {
  id: number;
  activity: string;
  level: 'federal' | 'state' | 'municipality';
  jurisdiction: string;
  area: string;
  municipalities: string[];
  colour: string | null;
  valid_from: string | null;
  valid_to: string | null;
  allowed: 'yes' | 'no' | 'restricted';
  capacity_pct: number | null;
  opens: string | null;
  closes: string | null;
  max_people: number | null;
  max_stay_minutes: number | null;
  conditions: BilingualText;
  source: RuleSource;
  unverified: boolean;
  verification_note: string;
  version: number;
}

export interface MatrixCell {
  code: string;
  summary: BilingualText;
  rule: ActivityRule | null;
}

export interface MatrixActivity {
  key: string;
  name: BilingualText;
  essential: string;
  scian: string[];
  cells: MatrixCell[];
  divergent: boolean;
  divergence: BilingualText | null;
}

export interface HomologationMatrix {
  date: string;
  places: { code: string; name: string; colour: string | null; colour_basis: string }[];
  activities: MatrixActivity[];
  divergences: { activity: string; text: BilingualText }[];
}

// The metro picture of coded measures as GET /api/v1/policy/metro answers it (src/http/openapi/policy.json).
export interface PolicySetBy {
  jurisdiction: string;
  level: string;
  observation: number;
  extensions: Record<string, string | number>;
  unverified: boolean;
}

export interface MetroCell {
  municipality: string;
  value: number | null;
  flag: number | null;
  set_by: PolicySetBy | null;
  detail: BilingualText;
}

export interface MetroRow {
  indicator: string;
  date: string;
  cells: MetroCell[];
  strictest: number | null;
  most_lenient: number | null;
  spread: number;
  strictest_in: string[];
  most_lenient_in: string[];
  metro_effective: { value: number; flag: number | null } | null;
  diverges: boolean;
  // The municipalities that code it differ in value or detail (false when it diverges only because some code nothing).
  values_differ: boolean;
  divergence: BilingualText | null;
}

export interface MetroIndicator {
  code: string;
  name: BilingualText;
  max: number;
}

export interface MetroPicture {
  body: string;
  from: string;
  to: string;
  members: { code: string; name: string }[];
  indicators: MetroIndicator[];
  rows: MetroRow[];
  divergent_days: Record<string, number>;
  metro_rule: BilingualText;
}
