// SPDX-License-Identifier: MIT
// The overview `#/`: the zone's map at a chosen date and scheme, one card per place, the five on one chart.
import { getGeo } from '../api';
import type { Geo, Overview, OverviewPlace, Scheme } from '../api';
import { renderChart } from '../charts';
import type { ChartHandle } from '../charts';
import { chosenScheme, dateControls, effectiveDate, incompleteNotice, schemeSelect, unverifiedNotice, vintage } from '../controls';
import { clear, h } from '../dom';
import { formatPlain, formatValue, stateName } from '../format';
import { formatDate, formatInt, formatNumber, t, text } from '../i18n';
import { levelLabel, levelState, levelText, textOn } from '../levels';
import type { LevelState } from '../levels';
import { legend, renderMap } from '../map';
import { routeHref } from '../router';
import type { Route } from '../router';
import { contextSection } from './context';
import { indicatorMeanings, nowPanel, trendMark } from './now';
import { policyPanel } from './policy_panel';
import type { Page, PageContext } from './page';

// Five distinct colours (Okabe–Ito, darkened for 3:1 against white) and five line styles: never colour alone.
export const PLACE_STYLES: { color: string; dash?: number[] }[] = [
  { color: '#0067a5' },
  { color: '#c04f00', dash: [8, 4] },
  { color: '#00775a', dash: [2, 3] },
  { color: '#9b4f8e', dash: [10, 3, 2, 3] },
  { color: '#333333', dash: [4, 4] },
];

export function levelChip(state: LevelState): HTMLElement {
  if (state.kind === 'single') {
    return h('span', { class: 'level-chip', style: `background:${state.level.color};color:${textOn(state.level.color)}` }, levelLabel(state.level));
  }
  if (state.kind === 'range') {
    return h('span', { class: 'level-chip level-chip-range', title: t('level.rangeNote') },
      h('span', { class: 'mini-swatch', style: `background:${state.min.color}`, 'aria-hidden': 'true' }),
      h('span', { class: 'mini-swatch', style: `background:${state.max.color}`, 'aria-hidden': 'true' }),
      levelText(state, true));
  }
  return h('span', { class: 'level-chip level-chip-none' }, t('level.none'));
}

function placeHref(code: string, route: Route): string {
  return routeHref({ page: 'place', code, date: route.date, scheme: route.scheme, lang: route.lang });
}

export class OverviewPage implements Page {
  readonly element: HTMLElement;
  private readonly overview: Overview;
  private route: Route;
  private date = '';
  private scheme: Scheme;
  private geo: Geo | null = null;
  private readonly ctx: PageContext;
  private readonly status = h('p', { class: 'date-status', id: 'date-status' });
  private readonly nowBox = h('div', { class: 'now-box' });
  private readonly notices = h('div', { class: 'notices' });
  private readonly mapBox = h('div', { class: 'map-box', id: 'map' });
  private readonly mapCaption = h('figcaption', { class: 'map-caption' });
  private readonly legendBox = h('div', { class: 'legend-box' });
  private readonly cards = h('ul', { class: 'cards', id: 'cards' });
  private readonly dates;
  private chart: ChartHandle | null = null;
  private resizeTimer = 0;
  private readonly onResize = () => {
    window.clearTimeout(this.resizeTimer);
    this.resizeTimer = window.setTimeout(() => this.drawMap(), 150);
  };

  constructor(ctx: PageContext, route: Route) {
    this.ctx = ctx;
    this.overview = ctx.overview;
    this.route = route;
    this.scheme = chosenScheme(this.overview, route.scheme);
    const o = this.overview;
    this.dates = dateControls(o.dates, o.default_date, (date) => ctx.navigate({ date }, true));
    const municipalities = o.places.filter((p) => p.kind !== 'metro_zone');
    const chartSection = h('section', { class: 'section', 'aria-labelledby': 'all-five-heading' },
      h('h2', { id: 'all-five-heading' }, t('chart.allFive.heading')));
    this.chart = renderChart({
      id: 'chart-all-five',
      title: t('chart.allFive.title'),
      caption: t('chart.allFive.caption'),
      dates: o.dates,
      series: municipalities.map((p, i) => ({
        label: p.name,
        values: p.incidence_7d_per_100k,
        color: PLACE_STYLES[i % PLACE_STYLES.length].color,
        dash: PLACE_STYLES[i % PLACE_STYLES.length].dash,
        width: 2,
        format: (v) => formatValue(v, 'per_100k'),
        summary: true,
      })),
      incompleteFrom: o.incomplete_from,
      yMin: 0,
      axisFormat: (v) => formatNumber(v, 0),
      noDataText: t('chart.noData', { name: o.zone.name }),
    });
    chartSection.append(this.chart.figure);

    this.element = h('div', { class: 'page page-overview' },
      h('div', { class: 'page-head' },
        h('h1', { tabindex: -1, id: 'page-title' }, o.zone.name || t('overview.title')),
        this.status),
      this.nowBox,
      h('section', { class: 'controls no-print', 'aria-label': t('controls.label') },
        schemeSelect(o, this.scheme.id, (scheme) => ctx.navigate({ scheme }, true)),
        this.dates.element),
      this.notices,
      policyPanel(),
      h('p', { class: 'lead' }, t('overview.lead')),
      h('div', { class: 'overview-grid' },
        h('section', { class: 'section map-section', 'aria-labelledby': 'map-heading' },
          h('h2', { id: 'map-heading' }, t('map.heading')),
          h('figure', { class: 'map-figure' }, this.mapBox, this.mapCaption),
          this.legendBox),
        h('section', { class: 'section cards-section', 'aria-labelledby': 'cards-heading' },
          h('h2', { id: 'cards-heading' }, t('cards.heading')),
          this.cards,
          indicatorMeanings())),
      chartSection,
      contextSection(ctx.first),
      vintage(o.releases));
    window.addEventListener('resize', this.onResize);
    getGeo()
      .then((geo) => {
        this.geo = geo;
        this.drawMap();
      })
      .catch((e: unknown) => {
        this.mapBox.replaceChildren(h('p', { class: 'notice notice-warn' }, `${t('error.title')}: ${e instanceof Error ? e.message : String(e)}`));
      });
    this.update(route);
  }

  title(): string {
    return this.overview.zone.name || t('overview.title');
  }

  shownDate(): string {
    return this.date;
  }

  update(route: Route): void {
    this.route = route;
    const o = this.overview;
    const { date, adjusted } = effectiveDate(o.dates, route.date, o.default_date);
    this.date = date;
    this.scheme = chosenScheme(o, route.scheme);
    this.dates.set(date);
    this.status.textContent = t('overview.dateHeading', { date: formatDate(date) });
    clear(this.notices);
    if (adjusted && route.date) {
      this.notices.append(h('p', { class: 'notice notice-info' }, t('controls.dateInvalid', { date: route.date, from: formatDate(o.dates[0]), to: formatDate(o.dates[o.dates.length - 1]), shown: formatDate(date) })));
    }
    if (date === o.default_date) this.notices.append(h('p', { class: 'notice notice-info' }, t('notice.defaultDate', { date: formatDate(date) })));
    const unverified = unverifiedNotice(this.scheme);
    if (unverified) this.notices.append(unverified);
    const incomplete = incompleteNotice(date, o.incomplete_from, o.incomplete_days);
    if (incomplete) this.notices.append(incomplete);
    this.nowBox.replaceChildren(nowPanel({
      first: this.ctx.first,
      overview: o,
      scheme: this.scheme.id,
      date,
      route,
      dateInHeading: false,
      onScheme: (scheme) => this.ctx.navigate({ scheme }, true),
    }));
    this.mapCaption.textContent = t('map.caption', { date: formatDate(date), scheme: text(this.scheme.name) });
    this.legendBox.replaceChildren(legend(this.scheme.levels.map((l) => ({ color: l.color, label: levelLabel(l) }))));
    this.drawMap();
    this.drawCards();
    this.chart?.setMarker(date);
  }

  private levelOf(place: OverviewPlace): LevelState {
    const i = this.overview.dates.indexOf(this.date);
    const values = place.levels?.[this.scheme.id];
    return levelState(this.scheme, values && i >= 0 ? values[i] : null);
  }

  private drawMap(): void {
    if (!this.geo) return;
    const width = this.mapBox.clientWidth || this.element.clientWidth || 640;
    const places = this.overview.places
      .filter((p) => p.kind !== 'metro_zone')
      .map((p) => ({ code: p.code, name: p.name, level: this.levelOf(p), href: placeHref(p.code, this.route) }));
    renderMap(this.mapBox, this.geo, places, width);
  }

  private drawCards(): void {
    const o = this.overview;
    const i = o.dates.indexOf(this.date);
    const at = (values: (number | null)[] | undefined) => (values && i >= 0 ? (values[i] ?? null) : null);
    this.cards.replaceChildren(
      ...o.places.map((p) => {
        const level = this.levelOf(p);
        const rt = at(p.rt);
        const low = at(p.rt_low);
        const high = at(p.rt_high);
        const sub = p.kind === 'metro_zone' ? t('cards.zone') : stateName(p.state);
        // Against the week before, as the server gives it for the reference date.
        const firstPlace = this.date === this.ctx.first.date ? this.ctx.first.places.find((x) => x.code === p.code) : undefined;
        const trend = (id: string) => {
          const v = firstPlace?.indicators.find((x) => x.id === id);
          return v?.trend ? trendMark(v.trend) : null;
        };
        return h('li', { class: `card${p.kind === 'metro_zone' ? ' card-zone' : ''}`, 'data-code': p.code },
          h('h3', { class: 'card-title' }, p.name),
          h('p', { class: 'card-sub' }, sub, p.population ? ` · ${t('cards.population', { population: formatInt(p.population) })}` : ''),
          h('div', { class: 'card-level' },
            h('span', { class: 'card-label' }, t('cards.level')),
            levelChip(level)),
          h('dl', { class: 'figures' },
            h('div', null,
              h('dt', null, t('cards.rt')),
              h('dd', null, h('span', { class: 'figure-value' }, formatPlain(rt, 2)), trend('rt'),
                rt !== null && low !== null && high !== null
                  ? h('span', { class: 'figure-sub' }, t('cards.rtInterval', { low: formatPlain(low, 2), high: formatPlain(high, 2) }))
                  : null)),
            h('div', null,
              h('dt', null, t('cards.incidence')),
              h('dd', null, h('span', { class: 'figure-value' }, formatPlain(at(p.incidence_7d_per_100k), 1)), trend('incidence_7d_per_100k'),
                at(p.incidence_7d_per_100k) !== null ? h('span', { class: 'figure-sub' }, t('cards.per100k')) : null)),
            h('div', null,
              h('dt', null, t('cards.mortality')),
              h('dd', null, h('span', { class: 'figure-value' }, formatPlain(at(p.mortality_14d_per_100k), 1)), trend('mortality_14d_per_100k'),
                at(p.mortality_14d_per_100k) !== null ? h('span', { class: 'figure-sub' }, t('cards.per100k')) : null))),
          h('a', { class: 'card-link no-print', href: placeHref(p.code, this.route) }, t('cards.open', { name: p.name }), h('span', { 'aria-hidden': 'true' }, ' →')));
      }),
    );
  }

  destroy(): void {
    window.removeEventListener('resize', this.onResize);
    window.clearTimeout(this.resizeTimer);
    this.chart?.destroy();
  }
}
