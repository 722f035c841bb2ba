// SPDX-License-Identifier: MIT
// Risk levels as the API gives them per day: a level id, "min..max" when components are missing, or null.
import { pick, t } from './i18n';
import type { Level, Scheme } from './types';

export type LevelState =
  | { kind: 'none' }
  | { kind: 'single'; level: Level }
  | { kind: 'range'; min: Level; max: Level };

function find(scheme: Scheme, id: string): Level {
  return (
    scheme.levels.find((l) => l.id === id) ?? {
      id,
      label_es: t('level.unknown', { id }),
      label_en: t('level.unknown', { id }),
      color: '#9e9e9e',
    }
  );
}

export function parseLevel(scheme: Scheme, value: string | null | undefined): LevelState {
  if (!value) return { kind: 'none' };
  const parts = value.split('..');
  if (parts.length === 2) {
    if (parts[0] === parts[1]) return { kind: 'single', level: find(scheme, parts[0]) };
    return { kind: 'range', min: find(scheme, parts[0]), max: find(scheme, parts[1]) };
  }
  return { kind: 'single', level: find(scheme, value) };
}

// The full label ("Verde: en vías de contención") or the short one ("Verde") for tight places like the map.
export function levelLabel(level: Level, short = false): string {
  const label = pick(level as unknown as Record<string, unknown>, 'label');
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
