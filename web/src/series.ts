// SPDX-License-Identifier: MIT
// One day read off an indicator series (`indicator-series/<code>`): the server computes every figure; this only
// looks up the day's value and the span of days it falls in (window ends are days from the day, or fixed days).
import type { IndicatorColumn, IndicatorSeries, Release, Text } from './api';

export interface DayIndicator {
  id: string;
  label: Text;
  unit: string;
  value: number | null;
  low: number | null; // the 95 % interval (Rt)
  high: number | null;
  windowFrom: string;
  windowTo: string;
  complete: boolean;
  releases: Release[];
  note?: Text;
}

function shift(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function windowEnd(end: number | string, day: string): string {
  return typeof end === 'number' ? shift(day, end) : end;
}

function dayOf(series: IndicatorSeries, column: IndicatorColumn, i: number): DayIndicator | null {
  const day = series.dates[i];
  const span = column.spans.find((s) => s.from <= day && day <= s.to);
  if (!span) return null;
  return {
    id: column.id,
    label: column.label,
    unit: column.unit,
    value: column.values[i] ?? null,
    low: column['p2.5']?.[i] ?? null,
    high: column['p97.5']?.[i] ?? null,
    windowFrom: windowEnd(span.window_from, day),
    windowTo: windowEnd(span.window_to, day),
    complete: span.complete,
    releases: span.releases.map((k) => series.releases[k]).filter((r): r is Release => r !== undefined),
    note: span.note,
  };
}

// Every indicator of `date`, in the server's order; empty when the series does not cover the day.
export function indicatorsOn(series: IndicatorSeries, date: string): DayIndicator[] {
  const i = series.dates.indexOf(date);
  if (i < 0) return [];
  return series.indicators.map((c) => dayOf(series, c, i)).filter((v): v is DayIndicator => v !== null);
}
