// SPDX-License-Identifier: MIT
// The Mesa's words in both languages: positions, meeting modes and states, attendance statuses, quorum rules; and
// times shown in the reader's time zone with the zone named.
import type { Bilingual } from '../../access/labels';

export const POSITIONS: Record<string, Bilingual> = {
  presidency: ['Presidencia', 'Presidency'],
  technical_secretariat: ['Secretaría técnica', 'Technical secretariat'],
  member: ['Integrante', 'Member'],
};

export const MODES: Record<string, Bilingual> = {
  in_person: ['Presencial', 'In person'],
  online: ['En línea', 'Online'],
  hybrid: ['Híbrida', 'Hybrid'],
};

export const STATES: Record<string, Bilingual> = {
  convened: ['Convocada', 'Convened'],
  held: ['Celebrada', 'Held'],
  cancelled: ['Cancelada', 'Cancelled'],
};

export const STATUSES: Record<string, Bilingual> = {
  present: ['Presente', 'Present'],
  alternate_present: ['Suplente presente', 'Alternate present'],
  absent: ['Ausente', 'Absent'],
  excused: ['Justificada', 'Excused'],
};

export const RULES: Record<string, Bilingual> = {
  more_than_half: ['más de la mitad', 'more than half'],
  two_thirds: ['dos tercios', 'two thirds'],
  all: ['todos', 'all'],
};

export const label = (table: Record<string, Bilingual>, key: string | null): Bilingual => (key && table[key]) || [key ?? '—', key ?? '—'];

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// "4 may 2020, 11:00 (America/Monterrey)".
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' }).format(d)} (${zone})`;
}

export const zoneName = zone;
