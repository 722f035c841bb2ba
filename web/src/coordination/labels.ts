// SPDX-License-Identifier: MIT
// The Coordinar pages' words for the server's keys: convenio statuses, the source deck's four tasks, kinds of
// party, evidence of a signature, and activity statuses, each Spanish first with English beside it.
import type { Bilingual } from '../access/labels';

const of = (table: Record<string, Bilingual>) => (key: string | null | undefined): Bilingual =>
  (key && table[key]) || [key ?? '—', key ?? '—'];

export const CONVENIO_STATUSES: Record<string, Bilingual> = {
  draft: ['Borrador', 'Draft'],
  in_signature: ['En firma', 'In signature'],
  in_force: ['Vigente', 'In force'],
  expired: ['Vencido', 'Expired'],
};
export const convenioStatus = of(CONVENIO_STATUSES);

export const TASKS: Record<string, Bilingual> = {
  analizar: ['Analizar', 'Analyse'],
  coordinar: ['Coordinar', 'Coordinate'],
  homologar: ['Homologar', 'Harmonise'],
  comunicar: ['Comunicar', 'Communicate'],
};
export const task = of(TASKS);

export const PARTY_KINDS: Record<string, Bilingual> = {
  state_government: ['Gobierno estatal', 'State government'],
  municipal_government: ['Gobierno municipal', 'Municipal government'],
  federal_agency: ['Dependencia federal', 'Federal agency'],
  civil_society: ['Sociedad civil', 'Civil society'],
  other: ['Otra', 'Other'],
};
export const partyKind = of(PARTY_KINDS);

export const EVIDENCE: Record<string, Bilingual> = {
  original: ['Original firmado', 'Signed original'],
  scanned_copy: ['Copia escaneada', 'Scanned copy'],
  electronic_signature: ['Firma electrónica', 'Electronic signature'],
  public_act: ['Publicación oficial', 'Official publication'],
  other: ['Otra', 'Other'],
};
export const evidence = of(EVIDENCE);

export const ACTIVITY_STATUSES: Record<string, Bilingual> = {
  planned: ['Planeada', 'Planned'],
  ongoing: ['En curso', 'Ongoing'],
  completed: ['Concluida', 'Completed'],
  suspended: ['Suspendida', 'Suspended'],
};
export const activityStatus = of(ACTIVITY_STATUSES);

// A progress the server computed, as text: "57.5 %", or the words for none.
export function percentText(p: number | null | undefined): Bilingual {
  if (p === null || p === undefined) return ['sin acuerdos vinculados', 'no linked agreements'];
  const t = `${p.toLocaleString('es-MX', { maximumFractionDigits: 1 })} %`;
  return [t, t];
}
