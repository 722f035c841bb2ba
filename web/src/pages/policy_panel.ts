// SPDX-License-Identifier: MIT
// The dashboard's compact panel on coded measures: the month the metro's municipalities diverged most (the
// server's /api/v1/policy/metro-summary), each indicator with its days of divergence and the server's divergence
// in words, and a link to the divergence calendar. Empty when nothing is coded. The page computes nothing.
import { getResource, isStatic } from '../api';
import { h } from '../dom';
import { formatDate, t, text } from '../i18n';

interface MetroSummary {
  summary: null | {
    from: string;
    to: string;
    divergent_indicator_days: number;
    indicators: { code: string; name: { es: string; en: string }; days: number; example_date: string; divergence: { es: string; en: string } }[];
  };
}

export function policyPanel(): HTMLElement {
  const box = h('section', { class: 'section policy-panel', id: 'policy-divergence', 'aria-labelledby': 'policy-heading', hidden: true });
  getResource<MetroSummary>('policy/metro-summary')
    .then((answer) => {
      const s = answer.summary;
      if (!s) return;
      const calendar = `homologacion.html?from=${s.from}&to=${s.to}#calendar`;
      box.replaceChildren(
        h('h2', { id: 'policy-heading' }, t('policy.heading')),
        h('p', null, t('policy.lead', { from: formatDate(s.from), to: formatDate(s.to), count: s.divergent_indicator_days })),
        h('ul', { class: 'policy-list' }, s.indicators.map((i) => h('li', { 'data-indicator': i.code },
          h('strong', null, `${t('policy.days', { days: i.days })}`), ' — ',
          `${formatDate(i.example_date)}: `, text(i.divergence)))),
        // The calendar needs the live server (homologacion.html reads the API).
        isStatic() ? '' : h('p', null, h('a', { href: calendar, id: 'policy-calendar-link' }, t('policy.calendar'))));
      box.hidden = false;
    })
    .catch(() => {
      // No coded measures for this region (or an older export): the dashboard stands without the panel.
    });
  return box;
}
