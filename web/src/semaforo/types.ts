// SPDX-License-Identifier: MIT
// The declared colours and their reconciliation as GET /api/v1/semaforo/declared and
// /api/v1/semaforo/reconciliation answer them (src/http/openapi/semaforo.json): every colour, comparison and
// explanation is the server's; the page only lays them out.
export interface BilingualText {
  es: string;
  en: string;
  code?: string;
  params?: Record<string, string[]>;
}

export interface DeclaredColour {
  id: number;
  scope: 'federal' | 'state' | 'region';
  declared_by: string;
  jurisdiction: string;
  area: string;
  municipalities: string[];
  week: string | null;
  valid_from: string;
  valid_to: string;
  colour: 'rojo' | 'naranja' | 'amarillo' | 'verde';
  source: string;
  unverified: boolean;
  note: string;
}

export interface DeclaredSource {
  key: string;
  kind: string;
  title: string;
  issuer: string;
  published_on: string | null;
  url: string;
  licence: string;
  note: string;
}

export interface Disagreement {
  state: string;
  week: string;
  monday: string;
  bisaloo: string;
  claudiodanielpc: string[];
}

export interface DeclaredView {
  jurisdiction: string | null;
  week: string | null;
  from: string | null;
  to: string | null;
  colours: DeclaredColour[];
  sources: DeclaredSource[];
  disagreements: Disagreement[];
}

export interface Release {
  source: string;
  date: string;
  kind: string;
}

export interface ComputedColour {
  scheme: string;
  scheme_name: BilingualText;
  assessed_on: string;
  level: string | null;
  level_min: string | null;
  level_max: string | null;
  level_label: BilingualText | null;
  level_color: string | null;
  semaforo_scale: boolean;
  score: number | null;
  missing: string[];
  releases: Release[];
  comparison: string;
  error: string | null;
}

export interface Reconciliation {
  jurisdiction: string;
  name: string;
  week: string;
  monday: string;
  sunday: string;
  declared: DeclaredView;
  computed: ComputedColour[];
  before_week: ComputedColour | null;
  explanations: BilingualText[];
}

// The region preset and its places as GET /api/v1/regions and /api/v1/jurisdictions answer them (the place field
// offers them by name).
export interface RegionPreset {
  id: string;
  name: string;
  states: string[];
  metro_zones: string[];
}

export interface Place {
  code: string;
  kind: 'nation' | 'state' | 'municipality' | 'metro_zone';
  name: string;
  state: string;
}
