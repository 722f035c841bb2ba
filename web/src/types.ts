// SPDX-License-Identifier: MIT
// The shapes of the API resources (docs: `overview`, `geo`, `dashboard/<code>`, `indicators/<code>/<date>`).
// Every per-day array is aligned with its resource's `dates` axis; a missing value is null.
import type { FeatureCollection, Geometry } from 'geojson';

export type Num = number | null;

export interface Level {
  id: string;
  label_es: string;
  label_en: string;
  color: string;
}

export interface Scheme {
  id: string;
  name_es: string;
  name_en: string;
  verified: boolean;
  levels: Level[];
}

export interface Release {
  source: string;
  release: string;
  measures: string[];
}

export interface PlaceSummary {
  code: string;
  name: string;
  kind: string; // metro_zone | municipality
  state: string;
  population: number | null;
  levels: Record<string, (string | null)[]>; // per day: a level id, "min..max", or null
  incidence_7d_per_100k: Num[];
  rt: Num[];
  rt_low: Num[];
  rt_high: Num[];
  mortality_14d_per_100k: Num[];
}

export interface Overview {
  zone: { code: string; name: string; population: number | null };
  dates: string[];
  default_date: string;
  incomplete_from: string | null;
  schemes: Scheme[];
  places: PlaceSummary[];
  releases: Release[];
}

export interface GeoProperties {
  code: string;
  name: string;
  state?: string;
  kind?: string;
}

export type Geo = FeatureCollection<Geometry, GeoProperties>;

export interface Jurisdiction {
  code: string;
  name: string;
  kind: string;
  state: string;
  population: number | null;
}

export interface DashboardInput {
  input: string;
  source: string;
  release: string;
}

export const MOBILITY_CATEGORIES = [
  'retail_and_recreation',
  'grocery_and_pharmacy',
  'parks',
  'transit_stations',
  'workplaces',
  'residential',
] as const;

export type MobilityCategory = (typeof MOBILITY_CATEGORIES)[number];

export type MobilityState = { code: string; name: string; dates: string[] } & Partial<Record<MobilityCategory, Num[]>>;

export interface Dashboard {
  jurisdiction: Jurisdiction;
  dates: string[];
  incomplete_from: string | null;
  inputs: DashboardInput[];
  series: Partial<Record<string, Num[]>>;
  mobility: { states: MobilityState[] } | null;
  indicators_by_date: unknown;
}

export interface IndicatorValue {
  id: string;
  label_es: string;
  label_en: string;
  value: number | null;
  unit: string;
  window_from: string;
  window_to: string;
  release: string;
  releases?: string[];
  complete: boolean;
  note?: string;
}

export interface IndicatorSet {
  jurisdiction: string;
  name: string;
  date: string;
  population: number | null;
  incomplete_days: number;
  indicators: IndicatorValue[];
}
