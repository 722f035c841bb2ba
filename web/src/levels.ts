// SPDX-License-Identifier: MIT
// Risk levels as the API gives them per day: a level id, {min, max} when missing components leave a range, or null.
import type { Level, LevelRange, Scheme } from './api';
import { t, text } from './i18n';

export type LevelState =
  | { kind: 'none' }
  | { kind: 'single'; level: Level }
  | { kind: 'range'; min: Level; max: Level };

function find(scheme: Scheme, id: string): Level {
  const unknown = t('level.unknown', { id });
  return scheme.levels.find((l) => l.id === id) ?? { id, label: { es: unknown, en: unknown }, color: '#9e9e9e', verified: false };
}

export function levelState(scheme: Scheme, value: LevelRange | undefined): LevelState {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'string') return { kind: 'single', level: find(scheme, value) };
  if (value.min === value.max) return { kind: 'single', level: find(scheme, value.min) };
  return { kind: 'range', min: find(scheme, value.min), max: find(scheme, value.max) };
}

// The full label ("Verde: en vías de contención") or the short one ("Verde") for tight places like the map.
export function levelLabel(level: Level, short = false): string {
  const label = text(level.label);
  if (!short) return label;
  const colon = label.indexOf(':');
  return colon > 0 ? label.slice(0, colon) : label;
}

export function levelText(state: LevelState, short = false): string {
  switch (state.kind) {
    case 'none':
      return t('level.none');
    case 'single':
      return levelLabel(state.level, short);
    case 'range':
      return t('level.range', { min: levelLabel(state.min, short), max: levelLabel(state.max, short) });
  }
}

// Relative luminance contrast: black or white text on a level colour, whichever passes WCAG AA better.
export function textOn(color: string): string {
  const rgb = parseColor(color);
  if (!rgb) return '#000';
  const lum = luminance(rgb);
  const withBlack = (lum + 0.05) / 0.05;
  const withWhite = 1.05 / (lum + 0.05);
  return withBlack >= withWhite ? '#000' : '#fff';
}

function parseColor(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: [number, number, number]): number {
  const c = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

export const NO_DATA_FILL = '#d6d6d6';
export const RANGE_PATTERN_ID = 'level-range-hatch';
