// SPDX-License-Identifier: MIT
// The first screen: for the zone and each municipality, the level with its colour and its meaning in words, on
// one reference date, with how fresh each source is. On the server's reference date it reads the small
// `first-screen` document (the level by every scheme, what a range lacks, the indicators against the week before);
// on any other day the overview's levels. Nothing here computes a figure.
import type { FirstScreen, FirstScreenIndicator, FirstScreenMissing, LevelRange, Overview, Scheme } from '../api';
import { h } from '../dom';
import { formatPlain, formatValue, measureName, sourceName } from '../format';
import { levelGuidance, schemeGuidance } from '../guidance';
import { formatDate, t, text } from '../i18n';
import type { Key } from '../i18n';
import { levelLabel, levelState, levelText, textOn } from '../levels';
import type { LevelState } from '../levels';
import { routeHref } from '../router';
import type { Route } from '../router';

interface Row {
  code: string;
  name: string;
  zone: boolean;
  level: LevelRange;
  missing: FirstScreenMissing[] | null; // null: not known on this day (only the reference date says)
  deciders: string[]; // schemes that give one level on this day
  indicators: FirstScreenIndicator[];
}

export function nowChip(state: LevelState): HTMLElement {
  if (state.kind === 'single') {
    return h('span', { class: 'level-chip', 'data-level': state.level.id, style: `background:${state.level.color};color:${textOn(state.level.color)}` }, levelLabel(state.level, true));
  }
  if (state.kind === 'range') {
    return h('span', { class: 'level-chip level-chip-range', 'data-level': `${state.min.id}..${state.max.id}`, title: t('level.rangeNote') },
      h('span', { class: 'mini-swatch', style: `background:${state.min.color}`, 'aria-hidden': 'true' }),
      h('span', { class: 'mini-swatch', style: `background:${state.max.color}`, 'aria-hidden': 'true' }),
      levelText(state, true));
  }
  return h('span', { class: 'level-chip level-chip-none', 'data-level': 'none' }, t('level.none'));
}

function isSingle(v: LevelRange | undefined): boolean {
  return typeof v === 'string' || (!!v && typeof v === 'object' && v.min === v.max);
}

function rowsFromFirst(first: FirstScreen, scheme: string): Row[] {
  return first.places.map((p) => {
    const a = p.assessments.find((x) => x.scheme === scheme);
    return {
      code: p.code,
      name: p.name,
      zone: p.kind === 'metro_zone',
      level: a?.level ?? null,
      missing: a?.missing ?? [],
      deciders: p.assessments.filter((x) => isSingle(x.level)).map((x) => x.scheme),
      indicators: p.indicators,
    };
  });
}

function rowsFromOverview(o: Overview, scheme: string, date: string): Row[] {
  const i = o.dates.indexOf(date);
  return o.places.map((p) => ({
    code: p.code,
    name: p.name,
    zone: p.kind === 'metro_zone',
    level: i >= 0 ? (p.levels[scheme]?.[i] ?? null) : null,
    missing: null,
    deciders: i >= 0 ? o.schemes.filter((s) => isSingle(p.levels[s.id]?.[i])).map((s) => s.id) : [],
    indicators: [],
  }));
}

const TREND_ARROW: Record<string, string> = { up: '↑', flat: '→', down: '↓' };

// An arrow with its word for screen readers (and as a tooltip): the server's trend against the week before.
export function trendMark(trend: string): HTMLElement {
  return h('span', { class: `trend trend-${trend}`, 'data-trend': trend, title: t(`trend.${trend}` as Key) },
    ' ', h('span', { 'aria-hidden': 'true' }, TREND_ARROW[trend] ?? ''), h('span', { class: 'visually-hidden' }, t(`trend.${trend}` as Key)));
}

function indicatorLine(list: FirstScreenIndicator[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h('ul', { class: 'now-indicators' },
    list.map((v) => {
      const trend = v.trend ? trendMark(v.trend) : null;
      return h('li', { 'data-indicator': v.id },
        h('span', { class: 'now-ind-name' }, t(`now.ind.${v.id}` as Key)), ' ',
        h('span', { class: 'now-ind-value', title: v.value === null ? undefined : formatValue(v.value, v.id === 'rt' ? 'rt' : v.unit) },
          formatPlain(v.value, v.id === 'rt' ? 2 : 1)),
        trend ? ' ' : '', trend);
    }));
}

function missingText(row: Row, scheme: Scheme, all: Scheme[], onScheme: (id: string) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  const state = levelState(scheme, row.level);
  if (row.missing && row.missing.length && state.kind === 'range') {
    out.push(h('p', { class: 'now-missing-lead' },
      t('now.missing.lead', { count: row.missing.length, min: levelLabel(state.min, true), max: levelLabel(state.max, true) })));
    out.push(h('ul', { class: 'now-missing' },
      row.missing.map((m) => {
        const up = m.up_to ? scheme.levels.find((l) => l.id === m.up_to) : undefined;
        const input = text(m.label);
        const words = !up
          ? t('now.missing', { input })
          : up.id === state.min.id
            ? t('now.missing.alone', { input, level: levelLabel(up, true) })
            : t('now.missing.upTo', { input, level: levelLabel(up, true) });
        return h('li', { 'data-component': m.id, 'data-up-to': m.up_to ?? '' }, words);
      })));
  } else if (row.missing === null) {
    out.push(h('p', { class: 'now-missing' }, t('now.missing.otherDay')));
  }
  const decider = all.find((s) => s.id !== scheme.id && row.deciders.includes(s.id));
  if (decider) {
    out.push(h('p', { class: 'now-decider' },
      h('button', { type: 'button', class: 'btn btn-link', 'data-scheme': decider.id, onclick: () => onScheme(decider.id) },
        t('now.decider', { scheme: text(decider.name) }))));
  }
  return out;
}

export interface NowOptions {
  first: FirstScreen;
  overview: Overview | null;
  scheme: string;
  date: string;
  route: Route;
  only?: string; // one place's row (its page)
  dateInHeading?: boolean; // false where the page names the date just above
  onScheme(id: string): void;
}

// The level panel; `date` other than the first screen's reads the overview (when it is loaded).
export function nowPanel(opts: NowOptions): HTMLElement {
  const { first, overview } = opts;
  const schemes = overview?.schemes ?? first.schemes;
  const scheme = schemes.find((s) => s.id === opts.scheme) ?? schemes.find((s) => s.id === first.scheme) ?? schemes[0];
  const onReference = opts.date === first.date;
  const all = onReference || !overview ? rowsFromFirst(first, scheme.id) : rowsFromOverview(overview, scheme.id, opts.date);
  const rows = opts.only ? all.filter((r) => r.code === opts.only) : all;
  const list = h('ul', { class: 'now-list' },
    rows.map((r) => {
      const state = levelState(scheme, r.level);
      const g = state.kind === 'single' ? levelGuidance(scheme.id, state.level.id) : undefined;
      const href = routeHref({ page: 'place', code: r.code, date: opts.route.date, scheme: opts.route.scheme, lang: opts.route.lang });
      return h('li', { class: `now-row${r.zone ? ' now-row-zone' : ''}`, 'data-code': r.code, 'data-kind': state.kind },
        h('div', { class: 'now-head' },
          h('a', { class: 'now-name', href }, r.name),
          nowChip(state)),
        g ? h('p', { class: 'now-meaning' }, text(g.meaning)) : null,
        state.kind === 'range' ? missingText(r, scheme, schemes, opts.onScheme) : [],
        state.kind === 'none' ? h('p', { class: 'now-missing' }, t('now.none')) : null,
        onReference ? indicatorLine(r.indicators) : null);
    }));
  const cut = first.data_cut
    .map((c) => t('now.cut.item', { kinds: c.kinds.map(measureName).join(', '), source: sourceName(c.source), date: formatDate(c.date, 'short') }))
    .join(' · ');
  const why = onReference ? choiceText(first, schemes) : '';
  return h('section', { class: 'now', id: 'now', 'aria-labelledby': 'now-heading' },
    h('h2', { id: 'now-heading', 'data-date': opts.date }, opts.dateInHeading === false ? t('now.headingShort') : t('now.heading', { date: formatDate(opts.date) })),
    why
      ? h('details', { class: 'now-choice' }, h('summary', null, t('now.scheme', { scheme: text(scheme.name) }), ' ', t('now.why')), why)
      : h('p', { class: 'now-scheme' }, t('now.scheme', { scheme: text(scheme.name) })),
    list,
    h('p', { class: 'now-cut', id: 'now-cut' }, t('now.cut', { cut })),
    onReference ? h('p', { class: 'now-trend-note' }, t('now.trendNote', { pct: Math.round(first.trend_flat * 100) })) : null,
    meaningBox(scheme));
}

function choiceText(first: FirstScreen, schemes: Scheme[]): string {
  const name = (id: string) => {
    const s = schemes.find((x) => x.id === id);
    return s ? text(s.name) : id;
  };
  const c = first.choice;
  if (c.code === 'default_scheme') return t('now.choice.default');
  if (c.code === 'other_scheme') {
    return c.default_decided_on
      ? t('now.choice.other', { default: name(c.default_scheme), date: formatDate(c.default_decided_on) })
      : t('now.choice.otherNever', { default: name(c.default_scheme) });
  }
  return t('now.choice.undecided');
}

// What every level of the scheme means and what to do, from the scheme's published guidance.
function meaningBox(scheme: Scheme): HTMLElement {
  const g = schemeGuidance(scheme.id);
  return h('details', { class: 'now-guidance', id: 'now-guidance' },
    h('summary', null, t('now.guidance', { scheme: text(scheme.name) })),
    g
      ? h('dl', null,
          scheme.levels.map((l) => {
            const lg = g.levels[l.id];
            return lg
              ? h('div', { class: 'guidance-level', 'data-level': l.id },
                  h('dt', null, nowChip({ kind: 'single', level: l })),
                  h('dd', null, text(lg.meaning), ' ', h('strong', null, t('now.whatToDo')), ' ', text(lg.action)))
              : null;
          }))
      : h('p', null, t('now.noGuidance')),
    g ? h('p', { class: 'guidance-source' }, t('now.source', { source: text(g.source) })) : null,
    h('p', null, h('a', { href: '#/metodologia' }, t('now.methodology'))));
}

// The one-line meaning of the indicators the panel shows.
export function indicatorMeanings(): HTMLElement {
  return h('dl', { class: 'indicator-meanings' },
    (['rt', 'incidence_7d_per_100k', 'mortality_14d_per_100k'] as const).map((id) =>
      h('div', null, h('dt', null, t(`now.ind.${id}` as Key)), h('dd', null, t(`now.meaning.${id}` as Key)))));
}
