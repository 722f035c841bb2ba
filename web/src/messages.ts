// SPDX-License-Identifier: MIT
// Messages the server sends as a code with parameters (`{"code": "stale_release", "params": {...}, "es", "en"}`),
// worded here in the page's language with the inputs, sources and dates as people read them. A code this page
// does not know falls back to the server's own {es, en} text.
import type { Text } from './api';
import { measureName, sourceName } from './format';
import { formatDate, lang, t, text } from './i18n';
import type { Key } from './i18n';

type Params = Record<string, string[]>;

const list = (items: string[]) => {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1];
  return `${items.slice(0, -1).join(', ')} ${lang() === 'es' ? 'y' : 'and'} ${last}`;
};
const day = (iso: string | undefined) => (iso ? formatDate(iso, 'short') : '');

const FORMATS: Record<string, (p: Params) => string> = {
  no_release_for_inputs: (p) => t('msg.no_release_for_inputs', { inputs: list((p.inputs ?? []).map(measureName)) }),
  stale_release: (p) =>
    t('msg.stale_release', {
      items: (p.inputs ?? []).map((x, i) => t('msg.release_of', { input: measureName(x), source: sourceName(p.sources?.[i] ?? ''), date: day(p.dates?.[i]) })).join('; '),
    }),
  rt_last_window: (p) => t('msg.rt_last_window', { days: p.days?.[0] ?? '', from: day(p.from?.[0]), to: day(p.to?.[0]) }),
  rt_few_cases: (p) => t('msg.rt_few_cases', { min: p.min?.[0] ?? '' }),
};

const SIMPLE = ['rt_no_window', 'no_doubling', 'no_red_irag_recent', 'no_denominator', 'no_red_irag_feed', 'no_population', 'not_computed', 'no_band', 'no_value'];

export type Message = Text & { code?: string; params?: Params };

export function message(m: Message): string {
  if (m.code) {
    const format = FORMATS[m.code];
    if (format) return format(m.params ?? {});
    if (SIMPLE.includes(m.code)) return t(`msg.${m.code}` as Key);
  }
  return text(m);
}
