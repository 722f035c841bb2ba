// SPDX-License-Identifier: MIT
// decisiones.html: the harmonised decisions of the Mesa (?meeting=N: one meeting's) and one decision (?id=N): the
// measure agreed, the municipalities and who owes it in each, the vote seat by seat with the tally the server
// counts, the agreements a carried decision created, and each municipality's compliance calendar. A member who
// attended for a seat votes from the page (the server decides which seat); a coordinator closes the vote with
// the version read. Every figure is the server's: the page never recomputes a tally, a status or a lag.
import '../../coordination/coordination.css';
import '../../coordination/minutes/minutes.css';
import '../homologation.css';
import './decisions.css';
import { h } from '../../dom';
import { busy, field, FormMessages, refusal } from '../../access/forms';
import { bi, biText } from '../../access/labels';
import { maybeSignedIn } from '../../access/session_store';
import { currentSession } from '../../access/session';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { tallyView } from '../../coordination/minutes/view';
import { closeVote, compliance, decision, decisions, vote } from './api';
import { complianceView } from './calendar';
import type { Decision, DecisionDetail, DecisionState } from './types';

const STATES: Record<DecisionState, [string, string]> = {
  proposed: ['En votación', 'Being voted'],
  carried: ['Aprobada', 'Carried'],
  rejected: ['Rechazada', 'Rejected'],
  no_quorum: ['Sin quórum', 'No quorum'],
};

const CHOICES: [string, string, string][] = [
  ['for', 'A favor', 'For'],
  ['against', 'En contra', 'Against'],
  ['abstain', 'Abstención', 'Abstain'],
];

// The decision page's badge carries the id the tests and the live region read; the list's badges carry none.
const stateBadge = (s: DecisionState, id?: string) => h('span', { class: s === 'carried' ? 'badge badge-ok' : 'badge', id, 'data-state': s }, bi(...STATES[s]));
const page = (...children: (Node | string)[]) => h('div', { class: 'page access-page decision-page' }, ...children);

async function showList(meeting: number | null): Promise<void> {
  const list = await decisions(meeting ?? undefined);
  main.replaceChildren(page(
    pageTitle(meeting ? bi(`Decisiones armonizadas de la reunión ${meeting}`, `Harmonised decisions of meeting ${meeting}`) : bi('Decisiones armonizadas', 'Harmonised decisions')),
    h('p', { class: 'lead' }, bi('Medidas que la Mesa vota para toda la metrópoli, los acuerdos que crean y quién las cumple día por día.',
      'Measures the Mesa votes for the whole metro, the agreements they create and who complies day by day.')),
    list.length
      ? h('ul', { class: 'named-list', id: 'decision-list' }, list.map((d: Decision) => h('li', { 'data-id': d.id },
          h('a', { href: `decisiones.html?id=${d.id}` }, `${d.reference}: ${d.title}`), ' ', stateBadge(d.state),
          d.example ? [' ', h('span', { class: 'badge decision-example-badge' }, bi('ejemplo', 'example'))] : '',
          ` — ${d.meeting_title} (${d.meeting_date})`)))
      : h('p', { id: 'decision-list', role: 'status' }, bi('Aún no hay decisiones.', 'No decisions yet.'))));
}

async function showDecision(id: number, session: SessionBody | null, notice?: (Node | string)[]): Promise<void> {
  let d: DecisionDetail;
  try {
    d = await decision(id);
  } catch (e) {
    main.replaceChildren(page(pageTitle(bi(`Decisión ${id}`, `Decision ${id}`)), h('p', { class: 'form-error shown', role: 'alert', id: 'decision-error' }, refusal(e))));
    return;
  }
  setTitle(d.reference, d.reference);
  const grants = session?.account.grants ?? [];
  const coordinator = grants.some((g) => g.role === 'coordinator');
  const member = grants.some((g) => g.role === 'member' && g.body === d.body);
  const open = d.state === 'proposed';
  const reload = (said: (Node | string)[]) => showDecision(id, session, said);
  const status = h('p', { class: notice ? 'form-ok shown' : 'form-ok', role: 'status', id: 'decision-status', tabindex: -1 }, notice ?? '');

  const voteMessages = new FormMessages();
  const buttons = open && member
    ? h('div', { class: 'actions', role: 'group', 'aria-label': biText('Votar', 'Vote') }, CHOICES.map(([choice, es, en]) => {
        const b = h('button', { type: 'button', class: 'btn', id: `vote-${choice}` }, bi(es, en));
        b.addEventListener('click', async () => {
          try {
            await vote(d, choice);
            await reload(bi('Voto registrado.', 'Vote recorded.'));
          } catch (err) {
            voteMessages.error(refusal(err));
          }
        });
        return b;
      }))
    : '';
  const closeMessages = new FormMessages();
  const close = open && coordinator ? h('button', { type: 'button', class: 'btn btn-primary', id: 'close-vote' }, bi('Cerrar la votación', 'Close the vote')) : null;
  close?.addEventListener('click', async () => {
    try {
      const closed = await closeVote(d);
      await reload(bi(`Votación cerrada: ${STATES[closed.state][0]}.`, `Vote closed: ${STATES[closed.state][1]}.`));
    } catch (err) {
      closeMessages.error(refusal(err));
    }
  });

  const agreements = d.agreement_details.length
    ? h('ul', { class: 'named-list', id: 'decision-agreements' }, d.agreement_details.map((a) => h('li', { 'data-id': a.id },
        h('a', { href: `acuerdos.html?id=${a.id}` }, a.reference), `: ${a.responsible_name} — ${a.jurisdictions.join(', ')}; `,
        bi('vence', 'due'), ` ${a.due_date ?? '—'}; ${a.progress} %`)))
    : h('p', { id: 'decision-agreements' }, open ? bi('Se crearán al aprobarse: uno por responsable.', 'Created once carried: one per owner.') : bi('Ninguno: la decisión no se aprobó.', 'None: the decision was not carried.'));

  // The compliance calendar, for a chosen range (the server's default: a week before the agreed date to 30 days after).
  const calendar = h('div', { id: 'compliance' });
  const from = field(bi('Desde', 'From'), { type: 'date', name: 'from', id: 'compliance-from' });
  const to = field(bi('Hasta', 'To'), { type: 'date', name: 'to', id: 'compliance-to' });
  const rangeMessages = new FormMessages();
  const drawCompliance = async () => {
    try {
      const c = await compliance(d.id, from.input.value || undefined, to.input.value || undefined);
      from.input.value = c.from;
      to.input.value = c.to;
      calendar.replaceChildren(complianceView(c));
      rangeMessages.clear();
    } catch (err) {
      rangeMessages.error(refusal(err));
    }
  };
  const range = h('form', { class: 'filters', id: 'compliance-form', role: 'search', novalidate: true }, from.row, to.row,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'compliance-apply' }, bi('Ver', 'Show'))), rangeMessages.element);
  range.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(range, drawCompliance);
  });

  main.replaceChildren(page(
    h('p', null, h('a', { href: 'decisiones.html' }, bi('← Decisiones armonizadas', '← Harmonised decisions'))),
    pageTitle([`${d.reference}: `, d.title]),
    d.example
      ? h('p', { class: 'notice notice-example', id: 'decision-example' },
          bi('Ejemplo de demostración: una votación ilustrativa de la Mesa, no un registro. Su cumplimiento sí se calcula con las medidas de 2020 incluidas.',
            'Demo example: an illustrative vote of the Mesa, not a record. Its compliance is computed from the bundled 2020 measures.'))
      : '',
    h('p', { class: 'card-sub', id: 'decision-meeting' }, d.body_name, ' · ',
      h('a', { href: `mesa.html?meeting=${d.meeting}` }, bi('Reunión', 'Meeting'), ` #${d.meeting}: ${d.meeting_title} (${d.meeting_date})`)),
    h('p', null, stateBadge(d.state, 'decision-state'), ' ', bi('Versión', 'Version'), ` ${d.version}`),
    status,
    h('dl', { class: 'facts' },
      h('dt', null, bi('Medida acordada', 'Agreed measure')), h('dd', { id: 'decision-measure' }, bi(d.measure_text.es, d.measure_text.en)),
      h('dt', null, bi('Aplica desde', 'Applies from')), h('dd', { id: 'decision-applies' }, d.applies_from),
      h('dt', null, bi('Municipios y responsables', 'Municipalities and owners')),
      h('dd', null, h('ul', { id: 'decision-places' }, d.jurisdictions.map((j) => h('li', { 'data-code': j.code }, `${j.name} — ${j.owner_name}`))))),
    d.text ? h('p', { id: 'decision-text' }, d.text) : '',
    h('section', { class: 'card', 'aria-labelledby': 'vote-title' },
      h('h2', { id: 'vote-title' }, bi('Votación por asiento', 'Vote by seat')),
      tallyView(d.tally),
      d.votes.length
        ? h('ul', { id: 'votes' }, d.votes.map((v) => h('li', { 'data-seat': v.seat }, `${v.seat_name}: `,
            h('strong', null, bi(...(CHOICES.find((c) => c[0] === v.choice)?.slice(1) as [string, string]))),
            v.person ? ` — ${v.person}` : '', v.by_alternate ? [' (', ...bi('suplente', 'alternate'), ')'] : '')))
        : h('p', { id: 'votes' }, bi('Aún no vota ningún asiento.', 'No seat has voted yet.')),
      buttons, voteMessages.element, close ?? '', closeMessages.element),
    h('section', { class: 'card', 'aria-labelledby': 'agreements-title' },
      h('h2', { id: 'agreements-title' }, bi('Acuerdos para aplicarla', 'Agreements to implement it')), agreements),
    h('section', { 'aria-labelledby': 'compliance-title' },
      h('h2', { id: 'compliance-title' }, bi('Cumplimiento por municipio', 'Compliance by municipality')), range, calendar)));
  if (notice) status.focus();
  await drawCompliance();
}

async function start(): Promise<void> {
  setTitle('Decisiones armonizadas', 'Harmonised decisions');
  renderShell('homologation');
  if (!(await requireLive())) return;
  const session = maybeSignedIn() ? await currentSession().catch(() => null) : null;
  renderShell('homologation', session);
  const q = new URLSearchParams(location.search);
  const number = (key: string) => {
    const v = Number(q.get(key));
    return Number.isInteger(v) && v > 0 ? v : null;
  };
  try {
    const id = number('id');
    if (id) await showDecision(id, session);
    else await showList(number('meeting'));
  } catch (e) {
    main.replaceChildren(page(pageTitle(bi('Decisiones armonizadas', 'Harmonised decisions')), h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
  }
}

void start();
