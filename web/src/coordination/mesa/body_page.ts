// SPDX-License-Identifier: MIT
// The Mesa's public view: the body, its seats with who holds each today (and, on demand, who held it when), its
// next and past meetings with their iCalendar, and for a coordinator the form that convenes a meeting.
import { h } from '../../dom';
import { FormMessages, field, selectField } from '../../access/forms';
import { actionLabel, bi, biOf, biText } from '../../access/labels';
import { pageTitle } from '../../access/shell';
import { bodyCalendarUrl, bodyMeetings, bodySeats, convene, meetingCalendarUrl, Refusal, seatHistory } from './api';
import type { Body, Meeting, Seat } from './api';
import { label, MODES, POSITIONS, RULES, STATES, when, zoneName } from './labels';

function seatRow(s: Seat): HTMLTableRowElement[] {
  const history = h('td', { colspan: 4, id: `seat-${s.id}-history`, 'aria-live': 'polite' });
  const historyRow = h('tr', { class: 'seat-history', hidden: true }, history);
  const toggle = h('button', { type: 'button', class: 'btn btn-small', id: `seat-${s.id}-history-toggle`, 'aria-expanded': 'false', 'aria-controls': history.id },
    actionLabel('Historial', 'History', s.name));
  toggle.addEventListener('click', async () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    historyRow.hidden = open;
    if (open) return;
    try {
      const terms = await seatHistory(s.id);
      history.replaceChildren(h('ol', { class: 'terms' }, terms.map((t) => h('li', null,
        `${t.designated_on} → ${t.ends_on ?? biText('hoy', 'today')}: `,
        t.person ?? biText('sin designar', 'nobody designated'),
        t.alternate ? ` (${biText('suplente', 'alternate')}: ${t.alternate})` : '',
        t.note ? ` — ${t.note}` : ''))));
    } catch (e) {
      history.replaceChildren(h('p', { class: 'form-error shown' }, e instanceof Error ? e.message : String(e)));
    }
  });
  const holder = s.current?.person
    ? [s.current.person, s.current.alternate ? h('span', { class: 'muted' }, ` (${biText('suplente', 'alternate')}: ${s.current.alternate})`) : '']
    : [h('span', { class: 'muted' }, bi('Sin persona designada', 'Nobody designated'))];
  return [
    h('tr', { 'data-seat': s.id },
      h('th', { scope: 'row' }, s.name, h('br'), h('span', { class: 'muted' }, s.organisation_name)),
      h('td', null, biOf(label(POSITIONS, s.position)), s.voting ? '' : h('span', { class: 'muted' }, ` · ${biText('sin voto', 'no vote')}`)),
      h('td', null, holder),
      h('td', null, toggle)),
    historyRow,
  ];
}

function meetingItem(m: Meeting): HTMLLIElement {
  return h('li', { class: 'meeting-item', 'data-meeting': m.id },
    h('a', { href: `mesa.html?meeting=${m.id}`, class: 'meeting-link' }, m.title),
    m.example ? h('span', { class: 'badge' }, bi('ejemplo', 'example')) : '',
    h('br'),
    h('span', { class: 'muted' }, when(m.starts_at), ' · ', biOf(label(MODES, m.mode)), ' · ', biOf(label(STATES, m.state))),
    ' ',
    h('a', { href: meetingCalendarUrl(m.id), download: `reunion-${m.id}.ics` }, bi('Descargar .ics', 'Download .ics')));
}

function conveneForm(body: Body): HTMLElement {
  const messages = new FormMessages();
  const title = field(bi('Título', 'Title'), { name: 'title', required: true, id: 'convene-title', autocomplete: 'off' });
  const starts = field(bi('Inicio', 'Start'), { name: 'starts', type: 'datetime-local', required: true, id: 'convene-starts' }, bi(`Hora de ${zoneName}`, `${zoneName} time`));
  const ends = field(bi('Fin', 'End'), { name: 'ends', type: 'datetime-local', required: true, id: 'convene-ends' });
  const mode = selectField(bi('Modalidad', 'Mode'), { name: 'mode', id: 'convene-mode' },
    Object.entries(MODES).map(([k, v]) => [k, biText(v[0], v[1])]));
  const place = field(bi('Lugar', 'Place'), { name: 'place', id: 'convene-place' }, bi('Presencial o híbrida', 'In person or hybrid'));
  const link = field(bi('Enlace', 'Link'), { name: 'link', type: 'url', id: 'convene-link', placeholder: 'https://' }, bi('En línea o híbrida', 'Online or hybrid'));
  const inputs: Record<string, HTMLElement> = {
    '/title': title.input, '/starts_at': starts.input, '/ends_at': ends.input, '/mode': mode.input, '/place': place.input, '/link': link.input,
  };
  messages.describe(...Object.values(inputs));
  const utc = (local: string) => (local ? new Date(local).toISOString() : '');
  const form = h('form', { class: 'panel form-narrow', id: 'convene-form', 'aria-labelledby': 'convene-heading', novalidate: true },
    h('h2', { id: 'convene-heading' }, bi('Convocar una reunión', 'Convene a meeting')),
    title.row, starts.row, ends.row, mode.row, place.row, link.row,
    h('button', { type: 'submit', class: 'btn', id: 'convene-submit' }, bi('Convocar', 'Convene')),
    messages.element);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    messages.clear();
    try {
      const made = await convene(body.id, {
        title: title.input.value, starts_at: utc(starts.input.value), ends_at: utc(ends.input.value),
        mode: mode.input.value, place: place.input.value, link: link.input.value,
      });
      location.assign(`mesa.html?meeting=${made.id}`);
    } catch (err) {
      const r = err instanceof Refusal ? err : new Refusal(0, String(err), []);
      const invalid = r.fields.map((f) => inputs[f]).filter((x): x is HTMLElement => !!x);
      messages.error([h('span', { class: 'server-said' }, r.said)], invalid);
      (invalid[0] ?? title.input).focus();
    }
  });
  return form;
}

export async function bodyPage(body: Body, coordinator: boolean): Promise<HTMLElement> {
  const [seats, meetings] = await Promise.all([bodySeats(body.id), bodyMeetings(body.id)]);
  const now = new Date().toISOString();
  const next = meetings.filter((m) => m.ends_at >= now && m.state !== 'cancelled');
  const past = meetings.filter((m) => !next.includes(m)).reverse();
  const list = (items: Meeting[], id: string) =>
    items.length ? h('ul', { class: 'meeting-list', id }, items.map(meetingItem)) : h('p', { class: 'muted', id }, bi('Ninguna', 'None'));
  return h('div', { class: 'page access-page mesa-page' },
    pageTitle([body.name]),
    h('p', { class: 'lead' }, body.description.replace(/([^.!?…])\s*$/, '$1.'),
      body.installed_on ? [' ', h('span', { class: 'muted' }, bi(`Instalada el ${body.installed_on}.`, `Installed on ${body.installed_on}.`))] : ''),
    h('p', null, bi('Quórum', 'Quorum'), `: ${biText(...label(RULES, body.quorum))} `, bi('de los asientos con voto', 'of the voting seats')),
    h('section', { 'aria-labelledby': 'seats-heading' },
      h('h2', { id: 'seats-heading' }, bi('Asientos', 'Seats'), ` (${seats.length})`),
      h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de asientos', 'Seats table') },
        h('table', { class: 'data-table', id: 'seats-table' },
          h('caption', { class: 'visually-hidden' }, bi('Asientos y quién los ocupa hoy', 'Seats and who holds them today')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, bi('Asiento', 'Seat')),
            h('th', { scope: 'col' }, bi('Cargo', 'Position')),
            h('th', { scope: 'col' }, bi('Quién lo ocupa', 'Who holds it')),
            h('th', { scope: 'col' }, bi('Historial', 'History')))),
          h('tbody', null, seats.flatMap(seatRow))))),
    h('section', { 'aria-labelledby': 'meetings-heading' },
      h('h2', { id: 'meetings-heading' }, bi('Reuniones', 'Meetings')),
      h('p', null, h('a', { href: bodyCalendarUrl(body.id), download: `organo-${body.id}.ics`, id: 'body-calendar' }, bi('Calendario de la Mesa (.ics)', 'The Board\'s calendar (.ics)'))),
      h('h3', null, bi('Próximas', 'Next')), list(next, 'meetings-next'),
      h('h3', null, bi('Pasadas', 'Past')), list(past, 'meetings-past')),
    coordinator ? conveneForm(body) : '');
}
