// SPDX-License-Identifier: MIT
// Values with their units, "sin dato" for nulls, and release names.
import { formatDate, formatInt, formatNumber, hasKey, t } from './i18n';
import type { Key } from './i18n';
import type { Release } from './types';

const DIGITS: Record<string, number> = {
  cases: 0,
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

export function releaseText(r: Release): string {
  return t('release.item', {
    source: sourceName(r.source),
    date: formatDate(r.release),
    measures: r.measures.map(measureName).join(', '),
  });
}

// The newest release that holds a measure, e.g. the one behind every confirmed-case figure.
export function releaseFor(releases: Release[], measure: string): Release | undefined {
  return releases.filter((r) => r.measures.includes(measure)).sort((a, b) => b.release.localeCompare(a.release))[0];
}

export function releaseShort(r: Release | undefined): string {
  if (!r) return t('value.none');
  return t('release.inline', { source: sourceName(r.source), date: formatDate(r.release, 'short') });
}

export function stateName(code: string): string {
  const key = `place.state.${code}`;
  return hasKey(key) ? t(key as Key) : code;
}

// A release as the indicators name it, `municipal 2022-04-02 (confirmed)`, in words; anything else as given.
export function humanizeRelease(text: string): string {
  if (!text) return t('value.none');
  return text
    .split('; ')
    .map((part) => {
      const m = /^([a-z_]+) (\d{4}-\d{2}-\d{2}) \(([^)]*)\)$/.exec(part.trim());
      if (!m) return part;
      const measures = m[3].split(/,\s*/).map(measureName).join(', ');
      return `${sourceName(m[1])}, ${formatDate(m[2], 'short')} (${measures})`;
    })
    .join('; ');
}
