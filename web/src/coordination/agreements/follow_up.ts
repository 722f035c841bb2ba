// SPDX-License-Identifier: MIT
// The follow-up (?vista=seguimiento&as_of=YYYY-MM-DD): per organisation, what is late and what falls due within
// two weeks, and each organisation's scorecard (owed, done, done on time, late, open on time), as the server
// computes them for the day chosen.
import { h } from '../../dom';
import { field, FormMessages, refusal } from '../../access/forms';
import { bi, biText } from '../../access/labels';
import { main, pageTitle } from '../../access/shell';
import { readOverdue, readScorecards } from './api';
import type { OverdueView, ScorecardView } from './api';
import { formatDay } from './shared';

function overdueSection(view: OverdueView): HTMLElement {
  return h('section', { 'aria-labelledby': 'overdue-title' },
    h('h2', { id: 'overdue-title' }, bi(`Vencidos y por vencer al ${formatDay(view.as_of)}`, `Late and due as of ${view.as_of}`)),
    view.organisations.length === 0
      ? h('p', { id: 'overdue-none' }, bi('Nada vencido ni por vencer.', 'Nothing late or due.'))
      : h('div', { id: 'overdue-list' }, view.organisations.map((o) =>
        h('div', { class: 'card' },
          h('h3', null, o.organisation.name),
          o.late.length ? h('p', null, h('strong', null, bi('Vencidos', 'Late')), ': ',
            o.late.flatMap((a, i) => [i ? '; ' : '', h('a', { href: `acuerdos.html?id=${a.id}` }, a.reference), ` (${a.days_late} ${biText('días', 'days')}, ${a.progress} %)`])) : null,
          o.due.length ? h('p', null, h('strong', null, bi('Por vencer', 'Due')), ': ',
            o.due.flatMap((a, i) => [i ? '; ' : '', h('a', { href: `acuerdos.html?id=${a.id}` }, a.reference), ` (${formatDay(a.due_date)}, ${a.progress} %)`])) : null))));
}

function scorecardSection(view: ScorecardView): HTMLElement {
  const head = (es: string, en: string) => h('th', { scope: 'col' }, bi(es, en));
  return h('section', { 'aria-labelledby': 'scorecard-title' },
    h('h2', { id: 'scorecard-title' }, bi('Cumplimiento por organización', 'Scorecard per organisation')),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de cumplimiento (desplazable)', 'Scorecard table (scrollable)') },
      h('table', { class: 'data-table', id: 'scorecard-table' },
        h('thead', null, h('tr', null, head('Organización', 'Organisation'), head('Comprometidos', 'Owed'), head('Cumplidos', 'Done'),
          head('A tiempo', 'On time'), head('Vencidos', 'Late'), head('Abiertos en plazo', 'Open on time'))),
        h('tbody', null, view.organisations.map((c) =>
          h('tr', null, h('th', { scope: 'row' }, c.organisation.name), h('td', null, String(c.owed)), h('td', null, String(c.done)),
            h('td', null, String(c.done_on_time)), h('td', null, String(c.late)), h('td', null, String(c.open_on_time))))))));
}

export async function showFollowUp(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const asOf = q.get('as_of') && /^\d{4}-\d{2}-\d{2}$/.test(q.get('as_of') ?? '') ? (q.get('as_of') as string) : new Date().toISOString().slice(0, 10);
  const day = field(bi('Al día', 'As of'), { id: 'as-of', name: 'as_of', type: 'date', value: asOf, required: true });
  const messages = new FormMessages();
  const results = h('div', { id: 'follow-up-results', 'aria-live': 'polite' });
  const load = async (when: string) => {
    try {
      const [overdue, cards] = await Promise.all([readOverdue(when), readScorecards(when)]);
      results.replaceChildren(overdueSection(overdue), scorecardSection(cards));
      history.replaceState(null, '', `${location.pathname}?vista=seguimiento&as_of=${when}`);
    } catch (err) {
      messages.error(refusal(err), [day.input]);
    }
  };
  const form = h('form', { class: 'filters', id: 'follow-up-form' }, day.row,
    h('button', { type: 'submit', class: 'btn', id: 'follow-up-submit' }, bi('Ver', 'Show')), messages.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.clear();
    void load(day.input.value);
  });
  main.replaceChildren(
    h('div', { class: 'page agreements-page' },
      h('p', null, h('a', { href: 'acuerdos.html' }, bi('← Todos los acuerdos', '← All agreements'))),
      pageTitle(bi('Seguimiento de acuerdos', 'Agreements follow-up')),
      form, results));
  await load(asOf);
}
