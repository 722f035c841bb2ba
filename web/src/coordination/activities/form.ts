// SPDX-License-Identifier: MIT
// The form that registers an activity, or updates one (PUT with If-Match, its version): the implementing,
// programming and funding organisations from the directory, sector, activity, state and municipality (the
// region's INEGI codes), dates, status and people. The server checks every field and names the one it refuses.
import { h } from '../../dom';
import { busy, field, FormMessages, selectField } from '../../access/forms';
import { bi, biText, biTextOf } from '../../access/labels';
import type { Organisation } from '../../access/types';
import { ACTIVITY_STATUSES } from '../labels';
import { showRefusal } from '../shared';
import type { Activity, Matrix } from '../types';
import { createActivity, updateActivity } from './api';

export function activityForm(orgs: Organisation[], places: Matrix['places'], editing: Activity | null,
  saved: (a: Activity) => void): HTMLFormElement {
  const messages = new FormMessages();
  const orgOptions = (none: boolean): [string, string][] => [
    ...(none ? [['', biText('Ninguna', 'None')] as [string, string]] : []),
    ...orgs.map((o) => [String(o.id), o.name] as [string, string]),
  ];
  const p = editing ? `activity-${editing.id}` : 'activity-new';
  const org = selectField(bi('Organización ejecutora', 'Implementing organisation'), { name: 'organisation', id: `${p}-organisation` }, orgOptions(false));
  const prog = selectField(bi('Organización que programa', 'Programming organisation'), { name: 'programming', id: `${p}-programming` }, orgOptions(true));
  const fund = selectField(bi('Organización que financia', 'Funding organisation'), { name: 'funding', id: `${p}-funding` }, orgOptions(true));
  const sector = field(bi('Sector', 'Sector'), { name: 'sector', id: `${p}-sector`, required: true, placeholder: 'Salud' });
  const what = field(bi('Actividad', 'Activity'), { name: 'activity', id: `${p}-activity`, required: true });
  const adm2 = selectField(bi('Municipio', 'Municipality'), { name: 'adm2', id: `${p}-adm2` }, places.map((x) => [x.code, `${x.name} (${x.code})`] as [string, string]));
  const start = field(bi('Inicio', 'Start'), { name: 'start_date', id: `${p}-start`, type: 'date', required: true });
  const end = field(bi('Fin', 'End'), { name: 'end_date', id: `${p}-end`, type: 'date' });
  const status = selectField(bi('Estado', 'Status'), { name: 'status', id: `${p}-status` }, Object.entries(ACTIVITY_STATUSES).map(([k, l]) => [k, biTextOf(l)] as [string, string]));
  const reached = field(bi('Personas alcanzadas', 'People reached'), { name: 'reached', id: `${p}-reached`, inputmode: 'numeric' });
  const targeted = field(bi('Personas meta', 'People targeted'), { name: 'targeted', id: `${p}-targeted`, inputmode: 'numeric' });
  if (editing) {
    org.input.value = String(editing.organisation);
    prog.input.value = editing.programming ? String(editing.programming) : '';
    fund.input.value = editing.funding ? String(editing.funding) : '';
    sector.input.value = editing.sector;
    what.input.value = editing.activity;
    if (editing.adm2) adm2.input.value = editing.adm2;
    start.input.value = editing.start_date;
    end.input.value = editing.end_date ?? '';
    status.input.value = editing.status;
    reached.input.value = editing.reached === null ? '' : String(editing.reached);
    targeted.input.value = editing.targeted === null ? '' : String(editing.targeted);
  } else {
    status.input.value = 'ongoing';
  }
  const form = h('form', { id: `${p}-form`, class: 'form-narrow', novalidate: true },
    h('h3', null, editing ? bi('Actualizar actividad', 'Update activity') : bi('Registrar actividad', 'Register an activity')),
    org.row, prog.row, fund.row, sector.row, what.row, adm2.row, start.row, end.row, status.row, reached.row, targeted.row,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: `${p}-submit` }, editing ? bi('Guardar', 'Save') : bi('Registrar', 'Register'))),
    messages.element);
  messages.describe(...form.querySelectorAll<HTMLElement>('input, select'));
  const id = (v: string) => (v ? Number(v) : null);
  const count = (v: string) => (v.trim() === '' ? null : Number.isInteger(Number(v)) ? Number(v) : v);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      const body = {
        organisation: Number(org.input.value), programming: id(prog.input.value), funding: id(fund.input.value),
        sector: sector.input.value.trim(), activity: what.input.value.trim(), adm1: adm2.input.value.slice(0, 2), adm2: adm2.input.value,
        start_date: start.input.value || null, end_date: end.input.value || null, status: status.input.value,
        reached: count(reached.input.value), targeted: count(targeted.input.value),
      };
      try {
        const a = editing ? await updateActivity(editing, body) : await createActivity(body);
        messages.ok(bi(`Guardada (versión ${a.version}).`, `Saved (version ${a.version}).`));
        saved(a);
      } catch (e) {
        showRefusal(messages, form, e);
      }
    });
  });
  return form;
}
