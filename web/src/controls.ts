// SPDX-License-Identifier: MIT
// Shared pieces of both pages: the date picker, the scheme selector, the notices, the vintage of the data.
import type { Overview, Scheme, StoredRelease } from './api';
import { h } from './dom';
import { formatDate, t, text } from './i18n';
import { releaseText } from './format';

// The server's default scheme first, then the others in the order the server lists them.
export function orderedSchemes(overview: Overview): Scheme[] {
  const first = overview.schemes.filter((s) => s.id === overview.default_scheme);
  return [...first, ...overview.schemes.filter((s) => s.id !== overview.default_scheme)];
}

export function chosenScheme(overview: Overview, id: string | undefined): Scheme {
  const schemes = orderedSchemes(overview);
  return schemes.find((s) => s.id === id) ?? schemes[0];
}

// The date shown: the requested one when the axis has it, else the nearest end, else the default date.
export function effectiveDate(dates: string[], requested: string | undefined, fallback: string): { date: string; adjusted: boolean } {
  const base = dates.includes(fallback) ? fallback : dates[dates.length - 1];
  if (!requested) return { date: base, adjusted: false };
  if (dates.includes(requested)) return { date: requested, adjusted: false };
  if (requested < dates[0]) return { date: dates[0], adjusted: true };
  if (requested > dates[dates.length - 1]) return { date: dates[dates.length - 1], adjusted: true };
  return { date: base, adjusted: true };
}

export interface DateControls {
  element: HTMLElement;
  set(date: string): void;
}

export function dateControls(dates: string[], defaultDate: string, onChange: (date: string) => void): DateControls {
  const input = h('input', {
    type: 'date',
    id: 'date-input',
    name: 'date',
    min: dates[0],
    max: dates[dates.length - 1],
    required: true,
    'aria-describedby': 'date-range',
  });
  const step = (delta: number) => {
    const i = dates.indexOf(input.value);
    const next = dates[Math.min(dates.length - 1, Math.max(0, (i < 0 ? dates.indexOf(defaultDate) : i) + delta))];
    if (next) onChange(next);
  };
  const prev = h('button', { type: 'button', class: 'btn', id: 'date-prev', onclick: () => step(-1) },
    h('span', { 'aria-hidden': 'true' }, '‹ '), t('controls.prev'));
  const next = h('button', { type: 'button', class: 'btn', id: 'date-next', onclick: () => step(1) },
    t('controls.next'), h('span', { 'aria-hidden': 'true' }, ' ›'));
  const latest = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    id: 'date-default',
    title: t('controls.latest.title', { date: formatDate(defaultDate) }),
    onclick: () => onChange(defaultDate),
  }, t('controls.latest'));
  // A date typed with the keyboard applies when it is complete: on Enter or when the field loses focus, never
  // per keystroke (the browser reports a valid date after each typed part). The picker applies on change.
  let typing = false;
  let applied = '';
  const apply = () => {
    typing = false;
    const v = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v === applied) return;
    applied = v;
    onChange(v);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      apply();
    } else if (e.key !== 'Tab' && e.key !== 'Shift') typing = true;
  });
  input.addEventListener('change', () => {
    if (!typing) apply();
  });
  input.addEventListener('blur', () => {
    if (typing) apply();
  });
  const element = h('div', { class: 'control control-date' },
    h('label', { for: 'date-input' }, t('controls.date')),
    h('div', { class: 'date-row' }, prev, input, next, latest),
    h('p', { class: 'control-hint', id: 'date-range' },
      t('controls.dateRange', { from: formatDate(dates[0]), to: formatDate(dates[dates.length - 1]) })));
  return {
    element,
    set(date: string) {
      applied = date;
      typing = false;
      if (input.value !== date) input.value = date;
      const i = dates.indexOf(date);
      prev.disabled = i <= 0;
      next.disabled = i < 0 || i >= dates.length - 1;
      latest.disabled = date === defaultDate;
    },
  };
}

export function schemeSelect(overview: Overview, value: string, onChange: (id: string) => void): HTMLElement {
  const select = h('select', { id: 'scheme-select', name: 'scheme' },
    orderedSchemes(overview).map((s) => h('option', { value: s.id, selected: s.id === value }, text(s.name))));
  select.addEventListener('change', () => onChange(select.value));
  return h('div', { class: 'control control-scheme' }, h('label', { for: 'scheme-select' }, t('controls.scheme')), select);
}

export function incompleteNotice(date: string, incompleteFrom: string | null, incompleteDays: number): HTMLElement | null {
  if (!incompleteFrom) return null;
  if (date >= incompleteFrom) {
    return h('div', { class: 'notice notice-warn', role: 'note', id: 'notice-incomplete' },
      h('strong', null, t('notice.incomplete.title'), ': '), t('notice.incomplete.on', { date: formatDate(date), days: incompleteDays }));
  }
  return h('p', { class: 'notice notice-info', id: 'notice-incomplete' }, t('notice.incomplete.general', { from: formatDate(incompleteFrom) }));
}

export function unverifiedNotice(scheme: Scheme): HTMLElement | null {
  if (scheme.verified) return null;
  return h('div', { class: 'notice notice-caution', role: 'note', id: 'notice-unverified' },
    h('strong', null, text(scheme.name), '. '), t('notice.unverified'));
}

export function vintage(releases: StoredRelease[]): HTMLElement {
  const sorted = [...releases].sort((a, b) => b.release.localeCompare(a.release));
  return h('div', { class: 'vintage', id: 'vintage' },
    h('h2', { class: 'vintage-title' }, t('notice.vintage')),
    h('ul', null, sorted.map((r) => h('li', null, releaseText(r)))));
}
