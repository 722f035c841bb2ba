// SPDX-License-Identifier: MIT
// observaciones.html: the region's observations on the OxCGRT scale. Anyone sees the approved ones with their
// source document; a coder (analyst or coordinator) enters a draft with its source and submits it; a reviewer (a
// coordinator who did not code it) approves or rejects it, saying why. Its coder edits a draft (or a rejected one)
// at the version read; any coder corrects an approved one with a new draft that supersedes it. The local fields
// (curfew hours, capacity, closing time, alcohol, group size) are named in the server's words (the codebook's
// `extensions`). The server decides who may do what and answers with the observation's new state; the page shows
// the buttons the server would accept and whatever it refuses, as it said it.
import '../coordination/coordination.css';
import './homologation.css';
import { h } from '../dom';
import { bi, biText } from '../access/labels';
import { maybeSignedIn } from '../access/session_store';
import { currentSession } from '../access/session';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../access/shell';
import type { SessionBody } from '../access/types';
import { Refusal, listObservations, readCodebook, reviewStep } from './observation_api';
import { type FormMode, observationForm } from './observation_form';
import type { Codebook, Observation } from './observation_types';

const STATES: Record<Observation['review_state'], [string, string]> = {
  draft: ['Borrador', 'Draft'],
  submitted: ['En revisión', 'Submitted'],
  approved: ['Aprobada', 'Approved'],
  rejected: ['Rechazada', 'Rejected'],
};

let session: SessionBody | null = null;
const roles = () => new Set((session?.account.grants ?? []).map((g) => g.role));
const mayCode = () => roles().has('analyst') || roles().has('coordinator');
const mayReview = () => roles().has('coordinator');
const me = () => session?.account.email ?? '';

const status = h('p', { class: 'form-ok', role: 'status', id: 'list-status', 'aria-atomic': 'true' });
const problem = h('p', { class: 'form-error', id: 'list-error', 'aria-live': 'assertive' });

function shown(message: (Node | string)[], into: HTMLElement, other: HTMLElement): void {
  other.replaceChildren();
  other.classList.remove('shown');
  into.replaceChildren(...message);
  into.classList.add('shown');
}

// What the list asks of the page: redraw itself, or open the form to edit or correct one observation.
interface ListHooks {
  redraw: () => void;
  open: (mode: FormMode) => void;
}

function actions(o: Observation, hooks: ListHooks): HTMLElement {
  const redraw = hooks.redraw;
  const cell = h('td', { class: 'obs-actions' });
  const run = async (step: 'submit' | 'approve' | 'reject', reason?: string) => {
    try {
      const after = await reviewStep(o, step, reason);
      shown(bi(`Observación ${after.id}: ${STATES[after.review_state][0]}.`, `Observation ${after.id}: ${STATES[after.review_state][1]}.`), status, problem);
      redraw();
    } catch (e) {
      shown([h('span', { class: 'server-said' }, e instanceof Refusal ? e.said : String(e))], problem, status);
    }
  };
  if ((o.review_state === 'draft' || o.review_state === 'rejected') && mayCode() && o.coder === me())
    cell.append(h('button', { type: 'button', class: 'btn', 'data-step': 'edit', 'aria-label': `${biText('Editar', 'Edit')}: ${biText(`observación ${o.id}`, `observation ${o.id}`)}`,
      onclick: () => hooks.open({ kind: 'edit', observation: o }) }, bi('Editar', 'Edit')));
  if (o.review_state === 'draft' && mayCode() && o.coder === me())
    cell.append(h('button', { type: 'button', class: 'btn', 'data-step': 'submit', onclick: () => void run('submit') }, bi('Enviar a revisión', 'Submit for review')));
  if (o.review_state === 'approved' && o.superseded_by === null && mayCode())
    cell.append(h('button', { type: 'button', class: 'btn', 'data-step': 'correct', 'aria-label': `${biText('Corregir', 'Correct')}: ${biText(`observación ${o.id}`, `observation ${o.id}`)}`,
      onclick: () => hooks.open({ kind: 'correct', observation: o }) }, bi('Corregir', 'Correct')));
  if (o.review_state === 'submitted' && mayReview() && o.coder !== me()) {
    const reason = h('input', { type: 'text', name: 'reason', id: `reason-${o.id}`, 'aria-label': biText(`Motivo del rechazo de la observación ${o.id}`, `Why observation ${o.id} is rejected`) });
    cell.append(
      h('button', { type: 'button', class: 'btn btn-primary', 'data-step': 'approve', onclick: () => void run('approve') }, bi('Aprobar', 'Approve')),
      h('span', { class: 'reject-group' }, reason,
        h('button', { type: 'button', class: 'btn', 'data-step': 'reject', onclick: () => void run('reject', reason.value) }, bi('Rechazar', 'Reject'))));
  }
  return cell;
}

// The local fields of an observation in the server's words: "Toque de queda desde / Curfew from: 22:00", the
// alcohol rule by its label, a capacity as a percentage. A key the codebook does not name shows as it is.
function extensionList(o: Observation, codebook: Codebook): HTMLElement | '' {
  const entries = Object.entries(o.extensions);
  if (!entries.length) return '';
  return h('ul', { class: 'obs-extensions' }, entries.map(([key, v]) => {
    const f = codebook.extensions?.find((x) => x.key === key);
    const choice = f?.kind === 'choice' ? codebook.choices.alcohol_sales.find((c) => c.value === v) : undefined;
    const shownValue = choice ? bi(choice.es, choice.en) : [f?.kind === 'percent' ? `${v} %` : String(v)];
    return h('li', { 'data-key': key }, f ? bi(f.es, f.en) : key, ': ', ...shownValue);
  }));
}

function table(list: Observation[], codebook: Codebook, hooks: ListHooks): HTMLElement {
  if (!list.length) return h('p', { id: 'observation-list' }, bi('No hay observaciones con ese estado.', 'No observations in that state.'));
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': biText('Tabla de observaciones', 'Table of observations') },
    h('table', { class: 'matrix-table', id: 'observation-list' },
      h('caption', null, bi('Observaciones, la más reciente primero', 'Observations, newest first')),
      h('thead', null, h('tr', null, ...[
        bi('Núm.', 'No.'), bi('Jurisdicción', 'Jurisdiction'), bi('Indicador', 'Indicator'), bi('Valor', 'Value'), bi('Vigencia', 'In force'),
        bi('Estado', 'State'), bi('Fuente', 'Source'), bi('Acciones', 'Actions')].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, list.map((o) => h('tr', { 'data-id': o.id, 'data-state': o.review_state },
        h('td', null, String(o.id)),
        h('td', null, `${o.jurisdiction_name} (${o.scope})`),
        h('td', null, o.indicator, ' ', o.indicator_name ? bi(o.indicator_name.es, o.indicator_name.en) : ''),
        h('td', null, o.value_label ? `${o.value} — ${o.value_label.es}` : o.value, o.flag === null ? '' : o.flag === 1 ? ' (general)' : ' (focalizada / targeted)',
          extensionList(o, codebook)),
        h('td', null, `${o.start_date} → ${o.end_date ?? biText('hasta nuevo aviso', 'until further notice')}`),
        h('td', { class: 'obs-state' }, bi(...STATES[o.review_state]), o.review_reason ? h('span', { class: 'field-hint' }, ` ${o.review_reason}`) : '',
          o.supersedes ? h('span', { class: 'field-hint obs-corrects' }, ' ', bi(`corrige la ${o.supersedes}`, `corrects ${o.supersedes}`)) : '',
          o.superseded_by ? h('span', { class: 'field-hint obs-corrected' }, ' ', bi(`corrección: ${o.superseded_by}`, `correction: ${o.superseded_by}`)) : ''),
        h('td', null, o.source.url ? h('a', { href: o.source.url, rel: 'noopener', class: 'obs-source' }, o.source.title) : o.source.title, ` (${o.source.issuer})`),
        actions(o, hooks))))));
}

async function draw(codebook: Codebook): Promise<void> {
  const filter = h('select', { id: 'state-filter', name: 'state' },
    h('option', { value: '' }, biText('Todos los que puede ver', 'All you may see')),
    ...Object.entries(STATES).map(([k, [es, en]]) => h('option', { value: k }, biText(es, en))));
  if (!mayCode() && !mayReview()) filter.replaceChildren(h('option', { value: 'approved' }, biText('Aprobadas', 'Approved')));
  const listArea = h('div', { id: 'observations' });
  const formArea = h('section', { 'aria-labelledby': 'observation-form-title', id: 'observation-form-area' });
  // The form: a new observation, or (from the list) the edit of a draft or the correction of an approved one;
  // saving or cancelling those brings the new-observation form back.
  const showForm = (mode: FormMode) => {
    const back = () => showForm({ kind: 'new' });
    const saved = (o: Observation) => {
      void redraw();
      if (mode.kind !== 'new') {
        back();
        shown(mode.kind === 'edit' ? bi(`Observación ${o.id} guardada (versión ${o.version}).`, `Observation ${o.id} saved (version ${o.version}).`)
          : bi(`Corrección ${o.id} de la observación ${mode.observation.id} guardada como borrador.`, `Correction ${o.id} of observation ${mode.observation.id} saved as a draft.`), status, problem);
      }
    };
    formArea.replaceChildren(observationForm(codebook, saved, mode, mode.kind === 'new' ? undefined : back));
    if (mode.kind !== 'new') {
      formArea.scrollIntoView({ block: 'start' });
      document.getElementById('observation-form-title')?.focus();
    }
  };
  const redraw = async () => {
    try {
      listArea.replaceChildren(table(await listObservations(filter.value || undefined), codebook, { redraw: () => void redraw(), open: showForm }));
    } catch (e) {
      shown([h('span', { class: 'server-said' }, e instanceof Refusal ? e.said : String(e))], problem, status);
    }
  };
  filter.addEventListener('change', () => void redraw());
  main.replaceChildren(h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      pageTitle(bi('Observaciones de medidas', 'Observations of measures')),
      h('p', { class: 'lead' }, bi('Cada medida decretada, codificada en la escala OxCGRT con su documento fuente. Solo las aprobadas cuentan para los índices y la política efectiva.',
        'Each measure decreed, coded on the OxCGRT scale with its source document. Only approved ones count for the indices and the effective policy.')),
      h('p', null, h('a', { href: 'homologacion.html' }, bi('Matriz de homologación', 'Homologation matrix')))),
    mayCode() ? formArea :
      h('p', { id: 'sign-in-hint' }, bi('Para capturar o revisar observaciones inicie sesión con una cuenta de análisis o coordinación.',
        'To enter or review observations sign in with an analyst or coordinator account.'), ' ', h('a', { href: 'acceso.html?next=observaciones.html' }, bi('Acceso', 'Sign in'))),
    h('section', { 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, bi('Observaciones', 'Observations')),
      h('div', { class: 'field' }, h('label', { for: 'state-filter' }, bi('Estado', 'State')), filter),
      status, problem, listArea)));
  if (mayCode()) showForm({ kind: 'new' });
  await redraw();
}

async function start(): Promise<void> {
  setTitle('Observaciones', 'Observations');
  renderShell('homologation');
  if (!(await requireLive())) return;
  if (maybeSignedIn()) {
    session = await currentSession().catch(() => null);
    renderShell('homologation', session);
  }
  try {
    await draw(await readCodebook());
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page' }, pageTitle(bi('Observaciones', 'Observations')),
      h('p', { class: 'form-error shown', role: 'alert' }, e instanceof Refusal ? e.said : String(e))));
  }
}

void start();
