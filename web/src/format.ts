// SPDX-License-Identifier: MIT
// Values with their units, "sin dato" for nulls, and releases in words.
import type { Release, StoredRelease } from './api';
import { formatDate, formatInt, formatNumber, hasKey, t } from './i18n';
import type { Key } from './i18n';

const DIGITS: Record<string, number> = {
  cases: 0,
  deaths: 0,
  cases_per_day: 1,
  per_100k: 1,
  per_100k_per_day: 2,
  percent: 1,
  days: 1,
  rt: 2,
};

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('value.none');
  if (unit === 'ratio') {
    const pct = value * 100;
    return `${pct > 0 ? '+' : ''}${formatNumber(pct, 1)} %`;
  }
  if (unit === 'per_day') return `${formatNumber(value, 4)} ${t('unit.per_day')}`;
  const digits = DIGITS[unit] ?? 2;
  const number = digits === 0 ? formatInt(value) : formatNumber(value, digits);
  if (unit === 'percent') return `${number} %`;
  const key = `unit.${unit}`;
  const label = hasKey(key) ? t(key as Key) : unit;
  return label ? `${number} ${label}` : number;
}

// The unit an indicator's value is read in: counts of deaths are "defunciones", not "casos".
export function unitOf(id: string, unit: string): string {
  return unit === 'cases' && id.startsWith('deaths') ? 'deaths' : unit;
}

export function formatPlain(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('value.none');
  return formatNumber(value, digits);
}

export function sourceName(source: string): string {
  const key = `source.${source}`;
  return hasKey(key) ? t(key as Key) : source;
}

export function measureName(measure: string): string {
  const key = `measure.${measure}`;
  return hasKey(key) ? t(key as Key) : measure;
}

export function releaseText(r: StoredRelease): string {
  return t('release.item', {
    source: sourceName(r.source),
    date: formatDate(r.release),
    measures: r.measures.map(measureName).join(', '),
  });
}

// The newest release that holds a measure, e.g. the one behind every confirmed-case figure.
export function releaseFor(releases: StoredRelease[], measure: string): StoredRelease | undefined {
  return releases.filter((r) => r.measures.includes(measure)).sort((a, b) => b.release.localeCompare(a.release))[0];
}

export function releaseShort(r: StoredRelease | undefined): string {
  if (!r) return t('value.none');
  return t('release.inline', { source: sourceName(r.source), date: formatDate(r.release, 'short') });
}

export function stateName(code: string): string {
  const key = `place.state.${code}`;
  return hasKey(key) ? t(key as Key) : code;
}

// The releases behind a value in words: "Serie municipal oficial, 2 abr 2022 (casos confirmados)"; the Red IRAG
// report in force with its figures.
export function releasesText(releases: Release[]): string {
  if (releases.length === 0) return t('value.none');
  return releases
    .map((r) =>
      r.source === 'red_irag' && r.detail
        ? `${sourceName(r.source)}: ${r.detail}`
        : `${sourceName(r.source)}, ${formatDate(r.date, 'short')} (${measureName(r.kind)})`,
    )
    .join('; ');
}
