// SPDX-License-Identifier: MIT
// The card figures of a day computed from a place's dashboard series, for the days a static export carries no
// indicator list. Same definitions as docs/methodology.md (D is the day; week D−6..D, previous week D−13..D−7);
// a window with a missing day is missing, never zero. Labels are left empty: the page takes them from the
// dictionary (`ind.<id>`).
import { t } from './i18n';
import { formatPlain } from './format';
import type { Dashboard, IndicatorValue, Num } from './types';

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

// Days before the axis are before the first day of the series: the release covers them, with no cases.
function windowSum(values: Num[] | undefined, i: number, n: number): number | null {
  if (!values || i >= values.length) return null;
  let sum = 0;
  for (let k = Math.max(0, i - n + 1); k <= i; k++) {
    const v = values[k];
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

function cumulative(values: Num[] | undefined, i: number): number | null {
  if (!values || i >= values.length) return null;
  if (values[i] === null || values[i] === undefined) return null;
  let sum = 0;
  for (let k = 0; k <= i; k++) sum += values[k] ?? 0;
  return sum;
}

function ratio(a: number | null, b: number | null, scale = 1): number | null {
  return a === null || b === null || b === 0 ? null : (a / b) * scale;
}

export function computeIndicators(dash: Dashboard, date: string): IndicatorValue[] {
  const i = dash.dates.indexOf(date);
  const s = dash.series;
  const population = dash.jurisdiction.population ?? null;
  const incompleteFrom = dash.incomplete_from;
  const used = (inputs: string[]) => dash.inputs.filter((x) => inputs.includes(x.input));
  const releaseOf = (inputs: string[]) =>
    used(inputs)
      .map((x) => `${x.source} ${x.release} (${x.input})`)
      .join('; ');
  // The incomplete days of the dashboard's case release (14 by default) apply to every case release: a window
  // ending within them is incomplete; a value past a release's own date is missing, hence not complete either.
  const confirmedRelease = dash.inputs.find((x) => x.input === 'confirmed')?.release;
  const incompleteDays = incompleteFrom && confirmedRelease ? daysBetween(incompleteFrom, confirmedRelease) + 1 : 14;
  const completeFor = (inputs: string[], windowTo: string, covered: boolean) => {
    if (incompleteFrom && windowTo >= incompleteFrom && inputs.includes('confirmed')) return false;
    for (const x of used(inputs)) {
      if (x.source !== 'ssa' && x.source !== 'municipal') continue;
      if (windowTo >= addDays(x.release, -(incompleteDays - 1))) return false;
    }
    return covered || used(inputs).length === 0;
  };
  const out: IndicatorValue[] = [];
  // `covered`: the inputs are there for the whole window (a missing value may still be well defined, e.g. no
  // doubling time when cases fall, or no tests yet); by default, a value or releases that reach the window's end.
  interface Extra {
    note?: string;
    windowTo?: string;
    covered?: boolean;
  }
  const add = (id: string, unit: string, value: number | null, days: number, inputs: string[], extra: Extra = {}) => {
    const v = value !== null && Number.isFinite(value) ? value : null;
    const windowTo = extra.windowTo ?? date;
    const note = extra.note;
    out.push({
      id,
      label_es: '',
      label_en: '',
      value: v,
      unit,
      window_from: addDays(windowTo, -(days - 1)),
      window_to: windowTo,
      release: releaseOf(inputs),
      complete: completeFor(inputs, windowTo, extra.covered ?? (v !== null || used(inputs).every((x) => x.release >= windowTo))),
      note,
    });
  };
  if (i < 0) return out;
  const per100k = (v: number | null) => (v === null || !population ? null : (v / population) * 1e5);

  const c = s.confirmed;
  const d = s.deaths;
  const week = windowSum(c, i, 7);
  const prevWeek = i >= 7 ? windowSum(c, i - 7, 7) : 0;
  const fortnight = windowSum(c, i, 14);
  const deathsWeek = windowSum(d, i, 7);
  const deathsPrevWeek = i >= 7 ? windowSum(d, i - 7, 7) : 0;
  const deathsFortnight = windowSum(d, i, 14);
  const growth = week !== null && prevWeek !== null && week > 0 && prevWeek > 0 ? Math.log(week / prevWeek) / 7 : null;

  add('confirmed_daily', 'cases', windowSum(c, i, 1), 1, ['confirmed']);
  add('confirmed_7d_mean', 'cases_per_day', week === null ? null : week / 7, 7, ['confirmed']);
  add('incidence_7d_per_100k', 'per_100k', per100k(week), 7, ['confirmed']);
  add('incidence_14d_per_100k', 'per_100k', per100k(fortnight), 14, ['confirmed']);
  add('case_density_per_100k', 'per_100k_per_day', week === null ? null : per100k(week / 7), 7, ['confirmed']);
  add('active_cases', 'cases', fortnight, 14, ['confirmed']);
  add('active_per_100k', 'per_100k', per100k(fortnight), 14, ['confirmed']);
  add('positivity_7d', 'percent', s.positivity_7d?.[i] ?? null, 7, ['lab_positive', 'lab_negative']);
  add('deaths_daily', 'cases', windowSum(d, i, 1), 1, ['deaths']);
  add('deaths_7d', 'cases', deathsWeek, 7, ['deaths']);
  add('mortality_7d_per_100k', 'per_100k', per100k(deathsWeek), 7, ['deaths']);
  add('mortality_14d_per_100k', 'per_100k', per100k(deathsFortnight), 14, ['deaths']);
  const bothWeeks = week !== null && prevWeek !== null;
  const bothDeathWeeks = deathsWeek !== null && deathsPrevWeek !== null;
  add('case_fatality', 'percent', ratio(cumulative(d, i), cumulative(c, i), 100), i + 1, ['deaths', 'confirmed'],
    { covered: cumulative(d, i) !== null && cumulative(c, i) !== null });
  add('growth_rate', 'per_day', growth, 14, ['confirmed'], { covered: bothWeeks });
  add('doubling_time', 'days', growth !== null && growth > 0 ? Math.LN2 / growth : null, 14, ['confirmed'], {
    covered: bothWeeks,
    note: bothWeeks && !(growth !== null && growth > 0) ? t('value.noDoubling') : undefined,
  });
  const trend = (a: number | null, b: number | null) => (a === null || b === null ? null : ratio(a - b, b));
  const noDenominator = (b: number | null) => (b === 0 ? t('ind.note.noDenominator') : undefined);
  add('trend_confirmed', 'ratio', trend(week, prevWeek), 14, ['confirmed'], { covered: bothWeeks, note: noDenominator(prevWeek) });
  add('trend_mortality', 'ratio', trend(deathsWeek, deathsPrevWeek), 14, ['deaths'],
    { covered: bothDeathWeeks, note: noDenominator(deathsPrevWeek) });
  // Rt leaves out the incomplete days: there the last complete window is shown, as the server does.
  let k = i;
  if (incompleteFrom && date >= incompleteFrom) {
    while (k > 0 && (s.rt?.[k] ?? null) === null) k--;
  }
  const rt = s.rt?.[k] ?? null;
  const low = s.rt_low?.[k] ?? null;
  const high = s.rt_high?.[k] ?? null;
  const notes: string[] = [];
  if (k !== i && rt !== null) notes.push(t('ind.note.rtLastWindow', { date: dash.dates[k] }));
  if (rt !== null && low !== null && high !== null) notes.push(t('ind.note.rtInterval', { low: formatPlain(low, 2), high: formatPlain(high, 2) }));
  add('rt', 'rt', rt, 7, ['confirmed'], { note: notes.join('. ') || undefined, windowTo: dash.dates[k] ?? date });
  if (k !== i) out[out.length - 1].complete = false;
  for (const id of ['irag_general_pct', 'irag_icu_pct', 'irag_ventilator_pct']) {
    add(id, 'percent', s[id]?.[i] ?? null, 1, []);
  }
  return out;
}
