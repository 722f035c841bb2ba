// SPDX-License-Identifier: MIT
// Context on the reference date, from the first screen's document: the cumulative totals of each place, and the
// two states' own figures beside the official federal semáforo colour of the state that week. Every number is
// the server's.
import type { FirstScreen, FirstScreenPlace } from '../api';
import { downloadLinks } from '../charts';
import { h } from '../dom';
import { formatValue, releasesText } from '../format';
import { formatDate, formatInt, t } from '../i18n';
import type { Key } from '../i18n';
import { textOn } from '../levels';

const OFFICIAL_COLOURS: Record<string, string> = { rojo: '#c62828', naranja: '#ef6c00', amarillo: '#f9a825', verde: '#2e7d32' };

function indicator(p: FirstScreenPlace, id: string): string {
  const v = p.indicators.find((x) => x.id === id);
  return v ? formatValue(v.value, v.id === 'rt' ? 'rt' : v.unit) : t('value.none');
}

function total(p: FirstScreenPlace, id: 'confirmed' | 'deaths'): string {
  const v = p.totals.find((x) => x.id === id);
  return v ? formatInt(v.value) : t('value.none');
}

// `only`: a place's page shows its own row and its state's.
export function contextSection(first: FirstScreen, only?: string): HTMLElement {
  const mine = only ? first.places.filter((p) => p.code === only) : first.places;
  const states = only ? first.states.filter((s) => mine.some((p) => p.state === s.code || p.kind === 'metro_zone')) : first.states;
  const list = [...mine, ...states];
  const headers = [t('context.place'), t('context.official'), t('context.incidence'), t('context.mortality'), t('context.confirmed'), t('context.deaths')];
  const releases = first.places[0]?.totals.map((x) => x.release) ?? [];
  const table = h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('context.table') },
    h('table', { class: 'data-table context-table', id: 'context-table' },
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null,
        list.map((p) => {
          const colour = p.official_semaforo;
          return h('tr', { 'data-code': p.code, class: p.kind === 'state' ? 'row-state' : '' },
            h('th', { scope: 'row' }, p.name),
            h('td', null,
              colour
                ? h('a', { class: 'official-colour-link', href: `semaforo.html?jurisdiction=${encodeURIComponent(p.code)}&week=${encodeURIComponent(colour.week)}`, title: t('context.whyColour') },
                    h('span', { class: 'level-chip', style: `background:${OFFICIAL_COLOURS[colour.colour]};color:${textOn(OFFICIAL_COLOURS[colour.colour])}` },
                      t(`context.colour.${colour.colour}` as Key)))
                : p.kind === 'state' ? t('value.none') : '—',
              colour ? h('span', { class: 'figure-sub' }, ` ${t('context.week', { date: formatDate(colour.monday, 'short') })}`) : null),
            h('td', { class: 'num' }, indicator(p, 'incidence_7d_per_100k')),
            h('td', { class: 'num' }, indicator(p, 'mortality_14d_per_100k')),
            h('td', { class: 'num' }, total(p, 'confirmed')),
            h('td', { class: 'num' }, total(p, 'deaths')));
        }))));
  const csv = () => {
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const raw = list.map((p) => [
      p.code,
      p.name,
      p.official_semaforo?.colour ?? '',
      String(p.indicators.find((x) => x.id === 'incidence_7d_per_100k')?.value ?? ''),
      String(p.indicators.find((x) => x.id === 'mortality_14d_per_100k')?.value ?? ''),
      String(p.totals.find((x) => x.id === 'confirmed')?.value ?? ''),
      String(p.totals.find((x) => x.id === 'deaths')?.value ?? ''),
    ]);
    const head = ['code', ...headers];
    return `\ufeff${[head, ...raw].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
  };
  const json = () => JSON.stringify({ date: first.date, places: mine, states });
  return h('section', { class: 'section context-section', 'aria-labelledby': 'context-heading' },
    h('h2', { id: 'context-heading' }, t('context.heading', { date: formatDate(first.date) })),
    h('p', { class: 'control-hint' }, t('context.lead')),
    table,
    h('p', { class: 'figure-release' }, t('context.releases', { releases: releasesText(releases) })),
    h('p', { class: 'figure-release' }, t('context.officialSource')),
    downloadLinks(`contexto-${first.date}`, csv, json));
}
