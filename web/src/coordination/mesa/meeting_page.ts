// SPDX-License-Identifier: MIT
// One meeting: its facts and iCalendar, the agenda with each item's minutes (and the total against the meeting's),
// the attendance seat by seat and the quorum exactly as the server computed them. A coordinator also gets the
// agenda form (an item or a sub-item), the attendance table (one select per seat, keyboard-usable) and the
// held/cancelled buttons; each write sends the meeting's version and the page redraws from the server's answer.
import { h } from '../../dom';
import { FormMessages, field, selectField } from '../../access/forms';
import { actionLabel, bi, biOf, biText } from '../../access/labels';
import { pageTitle } from '../../access/shell';
import { addAgendaItem, meetingCalendarUrl, recordAttendance, Refusal, removeAgendaItem, setState } from './api';
import type { AgendaItem, MeetingDetail } from './api';
import { label, MODES, RULES, STATES, STATUSES, when } from './labels';

type Redraw = (m: MeetingDetail, focusId?: string) => void;

function refusalOf(err: unknown): Refusal {
  return err instanceof Refusal ? err : new Refusal(0, err instanceof Error ? err.message : String(err), []);
}

function agendaRows(m: MeetingDetail, editable: boolean, redraw: Redraw, messages: FormMessages): HTMLTableRowElement[] {
  const row = (item: AgendaItem, number: string, sub: boolean) => {
    const remove = editable
      ? h('button', { type: 'button', class: 'btn btn-small', id: `agenda-${item.id}-remove` }, actionLabel('Quitar', 'Remove', item.title))
      : null;
    remove?.addEventListener('click', async () => {
      try {
        redraw(await removeAgendaItem(m, item.id), 'agenda-heading');
      } catch (err) {
        messages.error([h('span', { class: 'server-said' }, refusalOf(err).said)]);
      }
    });
    return h('tr', { class: sub ? 'agenda-sub' : '', 'data-item': item.id },
      h('th', { scope: 'row' }, number),
      h('td', null, sub ? h('span', { class: 'indent', 'aria-hidden': 'true' }, '↳ ') : '', item.title),
      h('td', { class: 'num' }, `${item.duration_minutes} min`),
      editable ? h('td', null, remove) : '');
  };
  const rows: HTMLTableRowElement[] = [];
  m.agenda.forEach((item, i) => {
    rows.push(row(item, `${i + 1}`, false));
    item.children.forEach((c, k) => rows.push(row(c, `${i + 1}.${k + 1}`, true)));
  });
  return rows;
}

function agendaForm(m: MeetingDetail, redraw: Redraw): HTMLFormElement {
  const messages = new FormMessages();
  const title = field(bi('Punto', 'Item'), { name: 'title', required: true, id: 'agenda-title', autocomplete: 'off' });
  const minutes = field(bi('Duración (minutos)', 'Duration (minutes)'), { name: 'minutes', type: 'number', min: 0, max: 1440, required: true, id: 'agenda-minutes', inputmode: 'numeric' });
  const parent = selectField(bi('Dentro de', 'Within'), { name: 'parent', id: 'agenda-parent' },
    [['', biText('(punto principal)', '(top-level item)')], ...m.agenda.map((i): [string, string] => [String(i.id), i.title])]);
  const inputs: Record<string, HTMLElement> = { '/title': title.input, '/duration_minutes': minutes.input, '/parent': parent.input };
  messages.describe(...Object.values(inputs));
  const form = h('form', { class: 'panel form-narrow', id: 'agenda-form', 'aria-labelledby': 'agenda-form-heading', novalidate: true },
    h('h3', { id: 'agenda-form-heading' }, bi('Añadir al orden del día', 'Add to the agenda')),
    title.row, minutes.row, parent.row,
    h('button', { type: 'submit', class: 'btn', id: 'agenda-submit' }, bi('Añadir', 'Add')),
    messages.element);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    messages.clear();
    try {
      const item: { title: string; duration_minutes: number; parent?: number } = { title: title.input.value, duration_minutes: Number(minutes.input.value || 'NaN') };
      if (minutes.input.value === '') {
        messages.error(bi('Indique la duración en minutos', 'Give the duration in minutes'), [minutes.input]);
        minutes.input.focus();
        return;
      }
      if (parent.input.value) item.parent = Number(parent.input.value);
      redraw(await addAgendaItem(m, item), 'agenda-title');
    } catch (err) {
      const r = refusalOf(err);
      const invalid = r.fields.map((f) => inputs[f]).filter((x): x is HTMLElement => !!x);
      messages.error([h('span', { class: 'server-said' }, r.said)], invalid);
      (invalid[0] ?? title.input).focus();
    }
  });
  return form;
}

function attendanceTable(m: MeetingDetail, editable: boolean, redraw: Redraw): HTMLElement {
  const messages = new FormMessages();
  const selects: [number, HTMLSelectElement][] = [];
  const rows = m.attendance.map((a) => {
    let cell: HTMLElement;
    if (editable) {
      const id = `attend-${a.seat}`;
      const select = h('select', { id, name: id, 'aria-label': `${biText('Asistencia', 'Attendance')}: ${a.seat_name}` },
        h('option', { value: '' }, biText('— sin registrar', '— not recorded')),
        Object.entries(STATUSES).map(([k, v]) => h('option', { value: k, selected: a.status === k }, biText(v[0], v[1]))));
      selects.push([a.seat, select]);
      cell = h('td', null, select);
    } else {
      cell = h('td', null, a.status ? biOf(label(STATUSES, a.status)) : h('span', { class: 'muted' }, bi('sin registrar', 'not recorded')));
    }
    return h('tr', { 'data-seat': a.seat },
      h('th', { scope: 'row' }, a.seat_name, h('br'), h('span', { class: 'muted' }, a.organisation_name)),
      h('td', null, a.voting ? bi('sí', 'yes') : bi('no', 'no')),
      cell,
      h('td', null, a.person ?? '—'));
  });
  const table = h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de asistencia', 'Attendance table') },
    h('table', { class: 'data-table', id: 'attendance-table' },
      h('caption', { class: 'visually-hidden' }, bi('Asistencia por asiento', 'Attendance by seat')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, bi('Asiento', 'Seat')),
        h('th', { scope: 'col' }, bi('Vota', 'Votes')),
        h('th', { scope: 'col' }, bi('Asistencia', 'Attendance')),
        h('th', { scope: 'col' }, bi('Quién asistió', 'Who attended')))),
      h('tbody', null, rows)));
  if (!editable) return table;
  const form = h('form', { id: 'attendance-form', 'aria-labelledby': 'attendance-heading' },
    table,
    h('button', { type: 'submit', class: 'btn', id: 'attendance-submit' }, bi('Guardar asistencia', 'Save attendance')),
    messages.element);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    messages.clear();
    const marks = selects.filter(([, s]) => s.value).map(([seat, s]) => ({ seat, status: s.value }));
    if (!marks.length) {
      messages.error(bi('Elija la asistencia de al menos un asiento', 'Choose the attendance of at least one seat'));
      return;
    }
    try {
      redraw(await recordAttendance(m, marks), 'quorum');
    } catch (err) {
      const r = refusalOf(err);
      const index = r.fields.map((f) => /^\/attendance\/(\d+)\//.exec(f)).find(Boolean);
      const bad = index ? selects.find(([seat]) => seat === marks[Number(index[1])]?.seat)?.[1] : undefined;
      messages.error([h('span', { class: 'server-said' }, r.said)], bad ? [bad] : []);
      bad?.focus();
    }
  });
  return form;
}

function quorumBox(m: MeetingDetail): HTMLElement {
  const q = m.quorum;
  return h('div', { class: `panel quorum ${q.quorum ? 'quorum-yes' : 'quorum-no'}`, id: 'quorum', tabindex: -1, role: 'status' },
    h('p', { class: 'quorum-verdict' }, q.quorum ? bi('Hay quórum', 'Quorum present') : bi('No hay quórum', 'No quorum')),
    h('p', null, bi(`${q.present_voting} de ${q.voting_seats} asientos con voto presentes; se requieren ${q.required} (${label(RULES, q.rule)[0]}).`,
      `${q.present_voting} of ${q.voting_seats} voting seats present; ${q.required} required (${label(RULES, q.rule)[1]}).`)));
}

export function meetingPage(m: MeetingDetail, coordinator: boolean, redraw: Redraw): HTMLElement {
  const editable = coordinator && m.state === 'convened';
  const agendaMessages = new FormMessages();
  const stateButtons = coordinator && m.state === 'convened'
    ? h('div', { class: 'actions' },
        ...(['held', 'cancelled'] as const).map((s) => {
          const b = h('button', { type: 'button', class: 'btn btn-small', id: `state-${s}` },
            s === 'held' ? bi('Marcar celebrada', 'Mark held') : bi('Cancelar la reunión', 'Cancel the meeting'));
          b.addEventListener('click', async () => {
            try {
              redraw(await setState(m, s), 'page-title');
            } catch (err) {
              agendaMessages.error([h('span', { class: 'server-said' }, refusalOf(err).said)]);
            }
          });
          return b;
        }))
    : '';
  return h('div', { class: 'page access-page mesa-page' },
    h('p', null, h('a', { href: 'mesa.html', id: 'back-to-body' }, '← ', m.body_name)),
    pageTitle([m.title, m.example ? h('span', { class: 'badge' }, bi('ejemplo', 'example')) : '']),
    h('dl', { class: 'facts' },
      h('dt', null, bi('Inicio', 'Start')), h('dd', null, when(m.starts_at)),
      h('dt', null, bi('Fin', 'End')), h('dd', null, when(m.ends_at)),
      h('dt', null, bi('Modalidad', 'Mode')), h('dd', null, biOf(label(MODES, m.mode))),
      m.place ? [h('dt', null, bi('Lugar', 'Place')), h('dd', null, m.place)] : '',
      m.link ? [h('dt', null, bi('Enlace', 'Link')), h('dd', null, h('a', { href: m.link, rel: 'noopener' }, m.link))] : '',
      h('dt', null, bi('Estado', 'State')), h('dd', { id: 'meeting-state' }, biOf(label(STATES, m.state)))),
    h('p', null, h('a', { href: meetingCalendarUrl(m.id), download: `reunion-${m.id}.ics`, id: 'meeting-ics' }, bi('Descargar .ics', 'Download .ics'))),
    h('p', null, h('a', { href: `decisiones.html?meeting=${m.id}`, id: 'meeting-decisions' }, bi('Decisiones armonizadas de esta reunión', "This meeting's harmonised decisions"))),
    stateButtons,
    h('section', { 'aria-labelledby': 'agenda-heading' },
      h('h2', { id: 'agenda-heading', tabindex: -1 }, bi('Orden del día', 'Agenda')),
      h('p', { id: 'agenda-total' }, bi(`${m.agenda_minutes} de ${m.meeting_minutes} minutos`, `${m.agenda_minutes} of ${m.meeting_minutes} minutes`)),
      m.agenda.length
        ? h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': biText('Tabla del orden del día', 'Agenda table') },
            h('table', { class: 'data-table', id: 'agenda-table' },
              h('caption', { class: 'visually-hidden' }, bi('Orden del día con duraciones', 'Agenda with durations')),
              h('thead', null, h('tr', null,
                h('th', { scope: 'col' }, '#'),
                h('th', { scope: 'col' }, bi('Punto', 'Item')),
                h('th', { scope: 'col' }, bi('Duración', 'Duration')),
                editable ? h('th', { scope: 'col' }, bi('Acción', 'Action')) : '')),
              h('tbody', null, agendaRows(m, editable, redraw, agendaMessages))))
        : h('p', { class: 'muted' }, bi('Sin puntos todavía', 'No items yet')),
      agendaMessages.element,
      editable ? agendaForm(m, redraw) : ''),
    h('section', { 'aria-labelledby': 'attendance-heading' },
      h('h2', { id: 'attendance-heading' }, bi('Asistencia y quórum', 'Attendance and quorum')),
      quorumBox(m),
      attendanceTable(m, coordinator && m.state !== 'cancelled', redraw)));
}
