// SPDX-License-Identifier: MIT
// A place's page `#/m/<code>`: its level under every scheme, every indicator of the chosen day, and its series.
import { getIndicatorSeries } from '../api';
import type { Dashboard, MobilityState, Num } from '../api';
import { renderChart } from '../charts';
import type { ChartHandle, ChartSeries } from '../charts';
import { chosenScheme, dateControls, effectiveDate, incompleteNotice, orderedSchemes } from '../controls';
import { clear, h } from '../dom';
import { formatValue, measureName, releasesText, sourceName, stateName, unitOf } from '../format';
import { formatDate, formatInt, formatNumber, t, text } from '../i18n';
import type { Key } from '../i18n';
import { levelState } from '../levels';
import { routeHref } from '../router';
import type { Route } from '../router';
import { indicatorsOn } from '../series';
import type { DayIndicator } from '../series';
import { levelChip } from './overview';
import { contextSection } from './context';
import { message } from '../messages';
import { nowPanel } from './now';
import type { Page, PageContext } from './page';

const MOBILITY_CATEGORIES = [
  'retail_and_recreation',
  'grocery_and_pharmacy',
  'parks',
  'transit_stations',
  'workplaces',
  'residential',
] as const satisfies readonly (keyof MobilityState)[];

const MOBILITY_STYLES: { color: string; dash?: number[] }[] = [
  { color: '#0067a5' },
  { color: '#c04f00', dash: [8, 4] },
  { color: '#00775a', dash: [2, 3] },
  { color: '#9b4f8e', dash: [10, 3, 2, 3] },
  { color: '#333333', dash: [4, 4] },
  { color: '#8a6d00', dash: [1, 4] },
];

// Mobility has a strong weekly cycle; the chart shows the 7-day mean (a day with a gap in its week is left out).
function trailingMean(values: Num[], n: number): Num[] {
  return values.map((_, i) => {
    if (i < n - 1) return null;
    let sum = 0;
    for (let k = i - n + 1; k <= i; k++) {
      const v = values[k];
      if (v === null || v === undefined) return null;
      sum += v;
    }
    return sum / n;
  });
}


export class PlacePage implements Page {
  readonly element: HTMLElement;
  private readonly ctx: PageContext;
  private readonly dash: Dashboard;
  private date = '';
  private readonly charts: ChartHandle[] = [];
  private readonly status = h('p', { class: 'date-status', id: 'date-status' });
  private readonly notices = h('div', { class: 'notices' });
  private readonly levels = h('div', { class: 'levels-box' });
  private readonly nowBox = h('div', { class: 'now-box' });
  private readonly indicators = h('div', { class: 'indicators-box', id: 'indicators', 'aria-live': 'polite' });
  private readonly indicatorsHeading = h('h2', { id: 'indicators-heading' });
  private readonly levelsHeading = h('h2', { id: 'levels-heading' });
  private readonly dates;
  private request = 0;

  constructor(ctx: PageContext, route: Route, dash: Dashboard) {
    this.ctx = ctx;
    this.dash = dash;
    const j = dash.jurisdiction;
    const o = ctx.overview;
    const axis = dash.dates.length ? dash.dates : o.dates;
    const defaultDate = axis.includes(o.default_date) ? o.default_date : axis[axis.length - 1];
    this.dates = dateControls(axis, defaultDate, (date) => ctx.navigate({ date }, true));

    const sub = [
      j.kind === 'metro_zone' ? t('cards.zone') : stateName(j.state),
      j.population ? t('place.populationLine', { population: formatInt(j.population) }) : '',
    ].filter(Boolean).join(' · ');

    this.element = h('div', { class: 'page page-place', 'data-code': j.code },
      h('nav', { class: 'breadcrumb no-print', 'aria-label': t('nav.breadcrumb') },
        h('a', { href: routeHref({ page: 'overview', date: route.date, scheme: route.scheme, lang: route.lang }) },
          h('span', { 'aria-hidden': 'true' }, '← '), t('place.back'))),
      h('div', { class: 'page-head' },
        h('h1', { tabindex: -1, id: 'page-title' }, j.name),
        h('p', { class: 'lead' }, sub),
        h('p', { class: 'share-link no-print' },
          h('a', { href: `share/${j.code}.html`, title: t('place.shareTitle') }, t('place.share'))),
        this.status),
      this.nowBox,
      h('section', { class: 'controls no-print', 'aria-label': t('controls.label') }, this.dates.element),
      this.notices,
      h('section', { class: 'section charts-section', 'aria-labelledby': 'charts-heading' },
        h('h2', { id: 'charts-heading' }, t('place.charts')),
        h('div', { class: 'charts' }, this.buildCharts())),
      h('div', { class: 'place-grid' },
        h('section', { class: 'section', 'aria-labelledby': 'levels-heading' }, this.levelsHeading, this.levels),
        this.inputsSection()),
      h('section', { class: 'section indicators-section', 'aria-labelledby': 'indicators-heading' }, this.indicatorsHeading, this.indicators),
      ctx.first.places.some((p) => p.code === j.code) ? contextSection(ctx.first, j.code) : null);
    this.update(route);
  }

  title(): string {
    return this.dash.jurisdiction.name;
  }

  shownDate(): string {
    return this.date;
  }

  private buildCharts(): HTMLElement[] {
    const d = this.dash;
    const s = d.series;
    const name = d.jurisdiction.name;
    const values = (id: keyof Dashboard['series']): Num[] => s[id] ?? d.dates.map(() => null);
    const common = { dates: d.dates, incompleteFrom: d.incomplete_from, noDataText: t('chart.noData', { name }) };
    const line = (label: string, id: keyof Dashboard['series'], color: string, unit: string, extra: Partial<ChartSeries> = {}): ChartSeries => ({
      label,
      values: values(id),
      color,
      format: (v) => formatValue(v, unit),
      ...extra,
    });
    const pct = (v: number) => `${formatNumber(v, 0)} %`;
    const specs = [
      renderChart({
        ...common,
        id: 'chart-cases',
        title: t('chart.cases.title'),
        caption: t('chart.cases.caption'),
        series: [
          line(t('chart.cases.daily'), 'confirmed', '#5b8db8', 'cases', { bars: true, width: 0, fill: '#5b8db8', summary: false }),
          line(t('chart.cases.mean'), 'confirmed_7d_mean', '#111111', 'cases_per_day', { width: 2.5, summary: true }),
        ],
        yMin: 0,
        axisFormat: (v) => formatNumber(v, 0),
      }),
      renderChart({
        ...common,
        id: 'chart-rt',
        title: t('chart.rt.title'),
        caption: t('chart.rt.caption'),
        series: [
          line(t('chart.rt.mean'), 'rt', '#0b4f8a', 'rt', { width: 2.5, summary: true }),
          line(t('chart.rt.low'), 'rt_low', '#7d9fc4', 'rt', { width: 1, summary: false }),
          line(t('chart.rt.high'), 'rt_high', '#7d9fc4', 'rt', { width: 1, summary: false }),
        ],
        band: { low: 1, high: 2, fill: 'rgba(11, 79, 138, 0.18)' },
        hline: 1,
        yMin: 0,
        yMaxCap: 4,
        axisFormat: (v) => formatNumber(v, 1),
      }),
      renderChart({
        ...common,
        id: 'chart-positivity',
        title: t('chart.positivity.title'),
        caption: t('chart.positivity.caption'),
        series: [line(t('chart.positivity.series'), 'positivity_7d', '#7b3294', 'percent')],
        yMin: 0,
        axisFormat: pct,
      }),
      ...d.state_positivity.map((state) =>
        renderChart({
          ...common,
          id: `chart-state-positivity-${state.code}`,
          title: t('chart.statePositivity.title', { state: state.name }),
          caption: t('chart.statePositivity.caption', { cutoffs: state.cutoffs.map((c) => formatDate(c, 'short')).join(', ') }),
          incompleteFrom: state.incomplete_from,
          noDataText: t('chart.noData', { name: state.name }),
          series: [
            { label: t('chart.statePositivity.series', { state: state.name }), values: state.percent, color: '#7b3294', width: 2.5, format: (v: number) => formatValue(v, 'percent'), summary: true },
            { label: t('chart.statePositivity.pending'), values: state.pending_percent, color: '#5f5f5f', width: 1.5, dash: [2, 3], format: (v: number) => formatValue(v, 'percent') },
          ],
          yMin: 0,
          axisFormat: pct,
        })),
      renderChart({
        ...common,
        id: 'chart-hospital',
        title: t('chart.hospital.title'),
        caption: t('chart.hospital.caption'),
        series: [
          line(t('chart.hospital.general'), 'irag_general_pct', '#0067a5', 'percent', { summary: true }),
          line(t('chart.hospital.icu'), 'irag_icu_pct', '#c04f00', 'percent', { dash: [8, 4], summary: true }),
          line(t('chart.hospital.ventilator'), 'irag_ventilator_pct', '#00775a', 'percent', { dash: [2, 3], summary: true }),
        ],
        yMin: 0,
        axisFormat: pct,
      }),
    ];
    for (const state of d.mobility?.states ?? []) {
      specs.push(
        renderChart({
          id: `chart-mobility-${state.code}`,
          title: t('chart.mobility.title', { state: state.name || stateName(state.code) }),
          caption: t('chart.mobility.caption'),
          dates: state.dates,
          incompleteFrom: null,
          noDataText: t('chart.noData', { name: state.name }),
          series: MOBILITY_CATEGORIES.map((c, i) => ({
            label: t(`mobility.${c}` as Key),
            values: trailingMean(state[c], 7),
            color: MOBILITY_STYLES[i].color,
            dash: MOBILITY_STYLES[i].dash,
            width: 1.75,
            format: (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v, 0)} %`,
            summary: c === 'workplaces' || c === 'residential',
          })),
          axisFormat: (v) => `${v > 0 ? '+' : ''}${formatNumber(v, 0)} %`,
        }),
      );
    }
    this.charts.push(...specs);
    return specs.map((c) => c.figure);
  }

  private inputsSection(): HTMLElement {
    const d = this.dash;
    return h('section', { class: 'section vintage place-inputs', 'aria-labelledby': 'inputs-heading' },
      h('h2', { class: 'vintage-title', id: 'inputs-heading' }, t('place.inputs', { name: d.jurisdiction.name })),
      h('ul', null, d.inputs.map((x) => h('li', null, `${measureName(x.kind)}: ${sourceName(x.source)}, ${formatDate(x.date)}`))));
  }

  update(route: Route): void {
    const o = this.ctx.overview;
    const axis = this.dash.dates.length ? this.dash.dates : o.dates;
    const { date, adjusted } = effectiveDate(axis, route.date, o.default_date);
    this.date = date;
    this.dates.set(date);
    this.status.textContent = t('overview.dateHeading', { date: formatDate(date) });
    clear(this.notices);
    if (adjusted && route.date) {
      this.notices.append(h('p', { class: 'notice notice-info' }, t('controls.dateInvalid', { date: route.date, from: formatDate(axis[0]), to: formatDate(axis[axis.length - 1]), shown: formatDate(date) })));
    }
    const incomplete = incompleteNotice(date, this.dash.incomplete_from, this.dash.incomplete_days);
    if (incomplete) this.notices.append(incomplete);
    const scheme = chosenScheme(o, route.scheme).id;
    if (this.ctx.first.places.some((p) => p.code === this.dash.jurisdiction.code)) this.nowBox.replaceChildren(nowPanel({
      first: this.ctx.first,
      overview: o,
      scheme,
      date,
      route,
      only: this.dash.jurisdiction.code,
      dateInHeading: false,
      onScheme: (id) => this.ctx.navigate({ scheme: id }, true),
    }));
    this.drawLevels();
    void this.drawIndicators();
    for (const c of this.charts) c.setMarker(date);
  }

  private drawLevels(): void {
    const o = this.ctx.overview;
    this.levelsHeading.textContent = t('place.levels.heading', { date: formatDate(this.date) });
    const place = o.places.find((p) => p.code === this.dash.jurisdiction.code);
    const i = o.dates.indexOf(this.date);
    if (!place) {
      this.levels.replaceChildren(h('p', null, t('level.none')));
      return;
    }
    this.levels.replaceChildren(
      h('table', { class: 'levels-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('place.levels.scheme')), h('th', { scope: 'col' }, t('place.levels.level')))),
        h('tbody', null,
          orderedSchemes(o).map((scheme) => {
            const level = levelState(scheme, i >= 0 ? place.levels[scheme.id]?.[i] : null);
            return h('tr', { 'data-scheme': scheme.id },
              h('th', { scope: 'row' }, text(scheme.name),
                scheme.verified ? null : h('span', { class: 'unverified-mark' }, ` (${t('place.levels.unverified')})`)),
              h('td', null, levelChip(level)));
          }))));
  }

  private async drawIndicators(): Promise<void> {
    const date = this.date;
    const code = this.dash.jurisdiction.code;
    const token = ++this.request;
    this.indicatorsHeading.textContent = t('place.indicators.heading', { date: formatDate(date) });
    this.indicators.setAttribute('aria-busy', 'true');
    let list: DayIndicator[];
    try {
      list = indicatorsOn(await getIndicatorSeries(code), date);
    } catch (e) {
      if (token !== this.request) return;
      this.indicators.removeAttribute('aria-busy');
      this.indicators.replaceChildren(h('p', { class: 'notice notice-warn', id: 'indicators-note' },
        t('place.indicators.error', { detail: e instanceof Error ? e.message : String(e) })));
      return;
    }
    if (token !== this.request) return;
    this.indicators.removeAttribute('aria-busy');
    if (list.length === 0) {
      this.indicators.replaceChildren(h('p', { class: 'notice notice-info', id: 'indicators-note' }, t('place.indicators.noDay', { date: formatDate(date) })));
      return;
    }
    const day = (iso: string) => h('time', { class: 'nowrap', datetime: iso }, formatDate(iso, 'short'));
    const windowText = (v: DayIndicator) => (v.windowFrom === v.windowTo ? day(v.windowTo) : [day(v.windowFrom), ' – ', day(v.windowTo)]);
    const interval = (v: DayIndicator) =>
      v.low !== null && v.high !== null
        ? h('span', { class: 'indicator-note' }, t('cards.rtInterval', { low: formatNumber(v.low, 2), high: formatNumber(v.high, 2) }))
        : null;
    this.indicators.replaceChildren(
      h('table', { class: 'indicators-table', 'data-source': 'server' },
        h('caption', { class: 'visually-hidden' }, t('place.indicators.heading', { date: formatDate(date) })),
        h('thead', null,
          h('tr', null,
            h('th', { scope: 'col' }, t('place.indicators.indicator')),
            h('th', { scope: 'col' }, t('place.indicators.value')),
            h('th', { scope: 'col' }, t('place.indicators.window')),
            h('th', { scope: 'col' }, t('place.indicators.release')),
            h('th', { scope: 'col' }, t('place.indicators.complete')))),
        h('tbody', null,
          list.map((v) =>
            h('tr', { 'data-indicator': v.id, class: v.complete ? '' : 'row-incomplete' },
              h('th', { scope: 'row' }, text(v.label), v.note ? h('span', { class: 'indicator-note' }, message(v.note)) : null),
              h('td', { 'data-label': t('place.indicators.value'), class: 'num' }, formatValue(v.value, unitOf(v.id, v.unit)), interval(v)),
              h('td', { 'data-label': t('place.indicators.window') }, windowText(v)),
              h('td', { 'data-label': t('place.indicators.release') }, releasesText(v.releases)),
              h('td', { 'data-label': t('place.indicators.complete') },
                v.complete
                  ? h('span', { class: 'mark mark-ok' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('place.indicators.yes'))
                  : h('span', { class: 'mark mark-incomplete' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('place.indicators.no'))))))));
  }

  destroy(): void {
    this.request++;
    for (const c of this.charts) c.destroy();
  }
}
