// SPDX-License-Identifier: MIT
// The map of activities per municipality, drawn by the project's map (web/src/map.ts) on its municipal geometry:
// each municipality is shaded by how many activities it has and labelled with the count in words.
import { getGeo } from '../../api';
import type { Level } from '../../api';
import { h } from '../../dom';
import { renderMap } from '../../map';
import type { MapPlace } from '../../map';
import type { Matrix } from '../types';

const SHADES = ['#eef3f8', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd'];

export async function activityMap(container: HTMLElement, m: Matrix): Promise<void> {
  const geo = await getGeo();
  const totals = new Map<string, { activities: number; reached: number }>();
  for (const c of m.cells) {
    const t = totals.get(c.adm2) ?? { activities: 0, reached: 0 };
    t.activities += c.activities;
    t.reached += c.reached;
    totals.set(c.adm2, t);
  }
  const most = Math.max(1, ...[...totals.values()].map((t) => t.activities));
  const places: MapPlace[] = m.places.map((p) => {
    const t = totals.get(p.code) ?? { activities: 0, reached: 0 };
    const shade = t.activities === 0 ? SHADES[0] : SHADES[Math.min(4, 1 + Math.floor(((t.activities - 1) / most) * 4))];
    const level: Level = {
      id: `3w-${t.activities}`,
      color: shade,
      verified: true,
      label: { es: `${t.activities} actividades: ${t.reached.toLocaleString('es-MX')} personas alcanzadas`, en: `${t.activities} activities: ${t.reached.toLocaleString('es-MX')} people reached` },
    } as Level;
    return { code: p.code, name: p.name, level: { kind: 'single', level }, href: `3w.html?adm2=${p.code}` };
  });
  const box = h('div', { class: 'activity-map', id: 'activity-map' });
  container.replaceChildren(box);
  renderMap(box, geo, places, box.clientWidth || container.clientWidth || 600);
}
