// SPDX-License-Identifier: MIT
// The map of the five municipalities: SVG drawn with d3-geo (Mercator fitted to the municipalities; no tiles).
// Each municipality is filled with its level's colour and labelled in text with its name and level; an
// undetermined (ranged) level is hatched and a missing one grey. Each municipality is a link to its page.
import { geoArea, geoCentroid, geoMercator, geoPath } from 'd3-geo';
import type { Feature, Geometry, Polygon, MultiPolygon, Position } from 'geojson';
import { h, s } from './dom';
import { t } from './i18n';
import { levelText, NO_DATA_FILL, RANGE_PATTERN_ID } from './levels';
import type { LevelState } from './levels';
import type { Geo, GeoFeature } from './api';

type GeoProperties = GeoFeature['properties'];

export interface MapPlace {
  code: string;
  name: string;
  level: LevelState;
  href: string;
}

// d3-geo takes the spherical polygon on the clockwise side of each ring; GeoJSON (RFC 7946) winds exterior rings
// counter-clockwise. A ring wound the other way would cover the whole globe, so rewind what comes out too big.
function rewound(feature: Feature<Geometry, GeoProperties>): Feature<Geometry, GeoProperties> {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const reverseRings = (rings: Position[][]) => rings.map((r) => [...r].reverse());
  const g = feature.geometry;
  if (g.type === 'Polygon') return { ...feature, geometry: { ...g, coordinates: reverseRings((g as Polygon).coordinates) } };
  if (g.type === 'MultiPolygon')
    return { ...feature, geometry: { ...g, coordinates: (g as MultiPolygon).coordinates.map(reverseRings) } };
  return feature;
}

// The label anchor: the centroid of the largest polygon, which stays inside ordinary shapes.
function anchor(feature: Feature<Geometry, GeoProperties>): [number, number] {
  const g = feature.geometry;
  if (g.type === 'MultiPolygon') {
    let best: Feature<Polygon> | null = null;
    let bestArea = -1;
    for (const coordinates of (g as MultiPolygon).coordinates) {
      const part: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } };
      const a = geoArea(part);
      if (a < 2 * Math.PI && a > bestArea) {
        bestArea = a;
        best = part;
      }
    }
    if (best) return geoCentroid(best);
  }
  return geoCentroid(feature);
}

export function fillFor(level: LevelState): string {
  if (level.kind === 'single') return level.level.color;
  if (level.kind === 'range') return `url(#${RANGE_PATTERN_ID})`;
  return NO_DATA_FILL;
}

// The hatch pattern, defined once in the document (a hidden but rendered SVG) and used by the map and legends.
export function installGlobalDefs(): void {
  if (document.getElementById(RANGE_PATTERN_ID)) return;
  const defs = s('defs', null,
    s('pattern', { id: RANGE_PATTERN_ID, patternUnits: 'userSpaceOnUse', width: 9, height: 9, patternTransform: 'rotate(45)' },
      s('rect', { width: 9, height: 9, fill: '#ececec' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 9, stroke: '#6b6b6b', 'stroke-width': 3.5 })));
  document.body.append(s('svg', { class: 'global-defs', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false' }, defs));
}

export function renderMap(container: HTMLElement, geo: Geo, places: MapPlace[], widthHint: number): void {
  const width = Math.max(300, Math.min(900, Math.floor(widthHint)));
  const narrow = width < 520;
  const height = Math.round(width * (narrow ? 1.15 : 0.9));
  const features = geo.features.map(rewound);
  const municipalities = features.filter((f) => f.properties.kind !== 'state' && places.some((p) => p.code === f.properties.code));
  const states = features.filter((f) => f.properties.kind === 'state');
  const pad = narrow ? 10 : 24;
  const projection = geoMercator().fitExtent(
    [[pad, pad], [width - pad, height - pad]],
    { type: 'FeatureCollection', features: municipalities },
  );
  const path = geoPath(projection);
  const byCode = new Map(places.map((p) => [p.code, p]));

  const svg = s('svg', {
    class: 'zone-map',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'group',
    'aria-label': t('map.label', {
      items: municipalities
        .map((f) => {
          const p = byCode.get(f.properties.code);
          return t('map.item', { name: f.properties.name, level: p ? levelText(p.level) : t('level.none') });
        })
        .join('; '),
    }),
  });
  svg.append(s('rect', { x: 0, y: 0, width, height, fill: '#fbfbfb' }));

  // State outlines behind: the state line is the river between Torreón and Gómez Palacio.
  for (const f of states) {
    svg.append(s('path', { d: path(f) ?? '', class: 'state-outline', fill: f.properties.code === '05' ? '#e9eef4' : '#f3eee4' }));
  }
  const shapes = s('g', { class: 'municipalities' });
  const labels = s('g', { class: 'map-labels', 'aria-hidden': 'true' });
  const fontSize = narrow ? 12 : 14;
  for (const f of municipalities) {
    const place = byCode.get(f.properties.code);
    if (!place) continue;
    const levelName = levelText(place.level, true);
    const link = s('a', {
      href: place.href,
      class: 'map-place',
      'data-code': place.code,
      'aria-label': t('map.linkLabel', { name: place.name, level: levelText(place.level) }),
    });
    link.append(s('title', null, `${place.name}: ${levelText(place.level)}`));
    link.append(s('path', { d: path(f) ?? '', fill: fillFor(place.level), class: 'municipality' }));
    shapes.append(link);

    const [x, y] = projection(anchor(f)) ?? [0, 0];
    const text = s('text', { x, y, class: 'map-label', 'text-anchor': 'middle', 'font-size': fontSize, 'data-code': place.code });
    text.append(s('tspan', { x, dy: '-0.2em', class: 'map-label-name' }, place.name));
    text.append(s('tspan', { x, dy: '1.25em', class: 'map-label-level' }, levelName));
    labels.append(text);
  }
  svg.append(shapes, labels);

  // State names in the corners they occupy (Durango west of the river, Coahuila east).
  svg.append(
    s('text', { x: pad, y: height - pad / 2 - 2, class: 'state-label', 'text-anchor': 'start', 'aria-hidden': 'true' }, 'Durango'),
    s('text', { x: width - pad, y: pad + 4, class: 'state-label', 'text-anchor': 'end', 'aria-hidden': 'true' }, 'Coahuila'),
  );
  container.replaceChildren(svg);
  nudgeLabels(svg);
}

// Labels of neighbouring municipalities may overlap once drawn; push overlapping ones apart vertically.
function nudgeLabels(svg: SVGSVGElement): void {
  const texts = [...svg.querySelectorAll<SVGTextElement>('text.map-label')];
  const boxes = texts.map((el) => ({ el, box: el.getBBox(), dy: 0 }));
  for (let pass = 0; pass < 6; pass++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const ay = a.box.y + a.dy;
        const by = b.box.y + b.dy;
        const overlapX = a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width;
        const overlapY = ay < by + b.box.height && by < ay + a.box.height;
        if (overlapX && overlapY) {
          const push = (Math.min(ay + a.box.height, by + b.box.height) - Math.max(ay, by)) / 2 + 2;
          if (ay <= by) {
            a.dy -= push;
            b.dy += push;
          } else {
            a.dy += push;
            b.dy -= push;
          }
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  for (const b of boxes) if (b.dy) b.el.setAttribute('transform', `translate(0 ${b.dy.toFixed(1)})`);
}

export function legend(levels: { color: string; label: string }[]): HTMLElement {
  const swatch = (fill: string) =>
    s('svg', { class: 'swatch', width: 18, height: 18, viewBox: '0 0 18 18', 'aria-hidden': 'true' },
      s('rect', { x: 0.5, y: 0.5, width: 17, height: 17, fill, stroke: '#333', 'stroke-width': 1 }));
  return h('div', { class: 'legend' },
    h('h3', { class: 'legend-title' }, t('legend.heading')),
    h('ul', { class: 'legend-list' },
      levels.map((l) => h('li', null, swatch(l.color), h('span', null, l.label))),
      h('li', null, swatch(`url(#${RANGE_PATTERN_ID})`), h('span', null, t('legend.range'))),
      h('li', null, swatch(NO_DATA_FILL), h('span', null, t('legend.none')))));
}
