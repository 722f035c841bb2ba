// SPDX-License-Identifier: MIT
// The access pages speak both languages at once, Spanish first with English beside it ("Iniciar sesión / Sign
// in"): `bi()` builds such a label with the English half marked `lang="en"` for screen readers; `biText()` is the
// plain-text form for attributes and <option>s. The names of organisation kinds and roles are here too.
import { h } from '../dom';

export type Bilingual = readonly [es: string, en: string];

export function bi(es: string, en: string): (Node | string)[] {
  return [es, ' / ', h('span', { lang: 'en' }, en)];
}

export const biText = (es: string, en: string) => `${es} / ${en}`;
export const biOf = (label: Bilingual) => bi(label[0], label[1]);
export const biTextOf = (label: Bilingual) => biText(label[0], label[1]);

export const KINDS: Record<string, Bilingual> = {
  federal_government: ['Gobierno federal', 'Federal government'],
  state_government: ['Gobierno estatal', 'State government'],
  municipal_government: ['Gobierno municipal', 'Municipal government'],
  health_authority: ['Autoridad sanitaria', 'Health authority'],
  armed_forces: ['Fuerzas armadas', 'Armed forces'],
  business_chamber: ['Cámara empresarial', 'Business chamber'],
  academic_centre: ['Centro académico', 'Academic centre'],
  civil_society: ['Sociedad civil', 'Civil society'],
  other: ['Otro', 'Other'],
};

export const kindLabel = (kind: string): Bilingual => KINDS[kind] ?? [kind, kind];

export const ROLES: Record<string, Bilingual> = {
  admin: ['Administración', 'Administrator'],
  coordinator: ['Coordinación', 'Coordinator'],
  analyst: ['Análisis', 'Analyst'],
  editor: ['Edición de una organización', 'Editor of an organisation'],
  member: ['Integrante de un órgano', 'Member of a body'],
};

export const roleLabel = (role: string): Bilingual => ROLES[role] ?? [role, role];

// A server timestamp (ISO 8601) as a date and time (es-MX: "2 dic 2026, 6:30"), readable in both languages.
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

// A button's visible words followed by what it acts on, hidden but part of its accessible name ("Editar / Edit:
// Municipio de Torreón"), so that each of many alike buttons is told apart and the name starts with what is seen.
export function actionLabel(es: string, en: string, target: string): (Node | string)[] {
  return [...bi(es, en), h('span', { class: 'visually-hidden' }, `: ${target}`)];
}
