// SPDX-License-Identifier: MIT
// Where each resource lives. `config.json` (next to the page) says whether the site is served live by
// `metropoli serve` (`{"static": false}`: `api/v1/<path>`) or exported by `metropoli export-site`
// (`{"static": true}`: `api/v1/<path>.json`). Every URL is relative to the page, so the site works from any folder.
// The shapes of the resources are the response schemas of the OpenAPI document the server serves
// (web/openapi.json), turned into TypeScript by `npm run generate` (src/generated/openapi.ts).
import type { components } from './generated/openapi';

type Schemas = components['schemas'];
export type Overview = Schemas['Overview'];
export type OverviewPlace = Schemas['OverviewPlace'];
export type Scheme = Schemas['Scheme'];
export type Level = Schemas['Level'];
export type LevelRange = Schemas['LevelRange'];
export type Text = Schemas['Text'];
export type Release = Schemas['Release'];
export type StoredRelease = Schemas['StoredRelease'];
export type Dashboard = Schemas['Dashboard'];
export type MobilityState = Schemas['MobilityState'];
export type StatePositivity = Schemas['StatePositivity'];
export type Geo = Schemas['Geo'];
export type GeoFeature = Schemas['GeoFeature'];
export type IndicatorSeries = Schemas['IndicatorSeries'];
export type IndicatorColumn = Schemas['IndicatorColumn'];
export type IndicatorSpan = Schemas['IndicatorSpan'];
export type FirstScreen = Schemas['FirstScreen'];
export type FirstScreenPlace = Schemas['FirstScreenPlace'];
export type FirstScreenIndicator = Schemas['FirstScreenIndicator'];
export type FirstScreenMissing = Schemas['FirstScreenAssessment']['missing'][number];
/** One value per day of a resource's `dates`; null where there is none. */
export type Num = Schemas['NumberSeries'][number];

export interface Config {
  static: boolean;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
  ) {
    super(message);
  }
}

let config: Config | null = null;
let base = '';

// Where config.json and api/ are, relative to the page: '' for the site, '../' for the embed in embed/.
export function setBase(prefix: string): void {
  base = prefix;
}
const cache = new Map<string, Promise<unknown>>();

export async function loadConfig(): Promise<Config> {
  const response = await fetch(`${base}config.json`, { cache: 'no-cache' });
  if (!response.ok) throw new ApiError(`config.json: HTTP ${response.status}`, response.status, 'config.json');
  const body = (await response.json()) as Partial<Config>;
  config = { static: body.static === true };
  return config;
}

export function isStatic(): boolean {
  return config?.static ?? false;
}

// The URL of a logical resource path such as `overview` or `dashboard/05035`, relative to the page.
export function resourceUrl(path: string): string {
  const clean = path
    .split('/')
    .filter((s) => s.length > 0)
    .map(encodeURIComponent)
    .join('/');
  return isStatic() ? `${base}api/v1/${clean}.json` : `${base}api/v1/${clean}`;
}

async function fetchJson<T>(path: string): Promise<T> {
  const url = resourceUrl(path);
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try {
      const problem = (await response.json()) as { title?: string; detail?: string };
      detail = [problem.title, problem.detail].filter(Boolean).join(': ') || detail;
    } catch {
      // not a problem+json body
    }
    throw new ApiError(`${url}: ${detail}`, response.status, url);
  }
  return (await response.json()) as T;
}

export function getResource<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = fetchJson<T>(path);
    cache.set(path, p);
    p.catch(() => cache.delete(path)); // a failed request may be retried
  }
  return p;
}

// The first paint: the reference date and scheme, each place's level and meaning (a few KB).
export const getFirstScreen = () => getResource<FirstScreen>('first-screen');
export const getOverview = () => getResource<Overview>('overview');
export const getGeo = () => getResource<Geo>('geo');
export const getDashboard = (code: string) => getResource<Dashboard>(`dashboard/${code}`);
// Every indicator of the place on every day: one document, live and exported alike.
export const getIndicatorSeries = (code: string) => getResource<IndicatorSeries>(`indicator-series/${code}`);
