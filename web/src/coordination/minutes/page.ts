// SPDX-License-Identifier: MIT
// actas.html: the minutes (actas) of the Mesa de Salud and its bodies.
//   actas.html                     the public list of approved, published minutes
//   actas.html?id=N                one approved minutes: text, SHA-256, signatories, the correction that replaced it
//   actas.html?body=B              a body's minutes, drafts included (its coordinators and members)
//   actas.html?body=B&id=N         one minutes as the body works on it (working.ts)
//   actas.html?body=B&meeting=M    draft the minutes of a meeting (a coordinator)
import { h } from '../../dom';
import { Problem } from '../../access/client';
import { busy, FormMessages, refusal } from '../../access/forms';
import { bi, biText } from '../../access/labels';
import { currentSession } from '../../access/session';
import { maybeSignedIn } from '../../access/session_store';
import { main, pageTitle, renderShell, requireLive, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { bodyMinutesList, draftMinutes, publicMinutes, publishedMinutes } from './api';
import type { Minutes } from './types';
import { approvedFacts, meetingLine, minutesHref, minutesText, stateBadge } from './view';
import { renderWorking } from './working';
import './minutes.css';

function page(...children: (Node | string | (Node | string)[])[]): HTMLElement {
  return h('div', { class: 'page access-page minutes-page' }, ...children);
}

function failure(title: (Node | string)[], e: unknown): void {
  main.replaceChildren(page(pageTitle(title), h('p', { class: 'form-error shown', role: 'alert', id: 'minutes-error' }, refusal(e))));
}

function listItem(m: Minutes, body?: number): HTMLLIElement {
  return h('li', { class: 'card minutes-card', 'data-minutes': m.id },
    h('h2', { class: 'card-title' }, h('a', { href: minutesHref(m.id, body), id: `minutes-link-${m.id}` }, `${m.meeting_title} — ${m.meeting_date}`)),
    meetingLine(m),
    h('p', null, stateBadge(m), m.corrects ? [' ', ...bi(`corrige el acta #${m.corrects}`, `corrects minutes #${m.corrects}`)] : '',
      m.corrected_by ? [' ', ...bi(`corregida por #${m.corrected_by}`, `corrected by #${m.corrected_by}`)] : ''),
    m.text_sha256 ? h('p', { class: 'hash-line' }, 'SHA-256 ', h('code', { class: 'hash' }, m.text_sha256)) : '');
}

async function showPublicList(session: SessionBody | null): Promise<void> {
  setTitle('Actas', 'Minutes');
  let list: Minutes[];
  try {
    list = await publishedMinutes();
  } catch (e) {
    failure(bi('Actas', 'Minutes'), e);
    return;
  }
  const bodies = new Set((session?.account.grants ?? []).filter((g) => g.role === 'member' && g.body).map((g) => g.body as number));
  if (session?.account.grants.some((g) => g.role === 'coordinator')) for (const m of list) bodies.add(m.body);
  main.replaceChildren(page(
    pageTitle(bi('Actas aprobadas', 'Approved minutes')),
    h('p', null, bi('Las actas aprobadas de los órganos públicos y transparentes. Cada una lleva la huella SHA-256 de su texto canónico y no cambia: una corrección es un acta nueva que la nombra.',
      'The approved minutes of public and transparent bodies. Each carries the SHA-256 of its canonical text and never changes: a correction is new minutes that name it.')),
    bodies.size
      ? h('p', { class: 'notice' }, bi('Vista de trabajo (borradores incluidos):', 'Working view (drafts included):'), ' ',
          [...bodies].map((b) => h('a', { href: `actas.html?body=${b}`, class: 'working-link', id: `working-body-${b}` }, biText(`órgano ${b}`, `body ${b}`))))
      : '',
    list.length
      ? h('ul', { class: 'cards minutes-list', id: 'minutes-list' }, list.map((m) => listItem(m)))
      : h('p', { id: 'minutes-list', role: 'status' }, bi('Aún no hay actas aprobadas.', 'No approved minutes yet.'))));
}

async function showPublic(id: number): Promise<void> {
  setTitle(`Acta ${id}`, `Minutes ${id}`);
  let m: Minutes;
  try {
    m = await publicMinutes(id);
  } catch (e) {
    failure(bi(`Acta ${id}`, `Minutes ${id}`), e);
    return;
  }
  main.replaceChildren(page(
    h('p', null, h('a', { href: 'actas.html' }, bi('← Todas las actas', '← All minutes'))),
    pageTitle([...bi('Acta', 'Minutes'), `: ${m.meeting_title}`]),
    meetingLine(m),
    h('p', null, stateBadge(m)),
    m.corrected_by
      ? h('p', { class: 'notice notice-warn', id: 'minutes-corrected-notice' }, bi('Esta acta fue corregida por', 'These minutes were corrected by'), ' ',
          h('a', { href: minutesHref(m.corrected_by) }, `#${m.corrected_by}`))
      : '',
    approvedFacts(m),
    h('h2', null, bi('Texto', 'Text')),
    minutesText(m)));
}

async function showBodyList(body: number): Promise<void> {
  setTitle('Actas del órgano', "The body's minutes");
  let list: Minutes[];
  try {
    list = await bodyMinutesList(body);
  } catch (e) {
    failure(bi('Actas del órgano', "The body's minutes"), e);
    return;
  }
  main.replaceChildren(page(
    h('p', null, h('a', { href: 'actas.html' }, bi('← Actas aprobadas', '← Approved minutes'))),
    pageTitle(bi(`Actas del órgano ${body}`, `Minutes of body ${body}`)),
    list.length
      ? h('ul', { class: 'cards minutes-list', id: 'minutes-list' }, list.map((m) => listItem(m, body)))
      : h('p', { id: 'minutes-list', role: 'status' }, bi('Este órgano aún no tiene actas.', 'This body has no minutes yet.'))));
}

function showDraftForm(body: number, meeting: number): void {
  setTitle('Redactar acta', 'Draft minutes');
  const messages = new FormMessages();
  const text = h('textarea', { id: 'draft-text', name: 'text', rows: 16, required: true, 'aria-describedby': 'draft-text-hint' });
  messages.describe(text);
  const form = h('form', { class: 'form minutes-form', id: 'draft-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'draft-text' }, bi('Texto del acta (Markdown)', 'Text of the minutes (Markdown)')),
      h('p', { class: 'field-hint', id: 'draft-text-hint' }, bi('Títulos con #, listas con - o 1., **negritas**.', 'Headings with #, lists with - or 1., **bold**.')),
      text),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'draft-submit' }, bi('Crear borrador', 'Create the draft')),
    messages.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form, async () => {
      try {
        const m = await draftMinutes(body, meeting, text.value);
        location.assign(minutesHref(m.id, body));
      } catch (err) {
        messages.error(refusal(err), err instanceof Problem && err.status === 400 ? [text] : []);
        text.focus();
      }
    });
  });
  main.replaceChildren(page(pageTitle(bi(`Redactar el acta de la reunión ${meeting}`, `Draft the minutes of meeting ${meeting}`)), form));
  text.focus();
}

async function start(): Promise<void> {
  setTitle('Actas', 'Minutes');
  renderShell('minutes');
  if (!(await requireLive())) return;
  const session = maybeSignedIn() ? await currentSession().catch(() => null) : null;
  renderShell('minutes', session);
  const q = new URLSearchParams(location.search);
  const number = (key: string) => {
    const v = Number(q.get(key));
    return Number.isInteger(v) && v > 0 ? v : null;
  };
  const id = number('id');
  const body = number('body');
  const meeting = number('meeting');
  if (body && meeting) showDraftForm(body, meeting);
  else if (body && id) await renderWorking(body, id, session);
  else if (body) await showBodyList(body);
  else if (id) await showPublic(id);
  else await showPublicList(session);
}

void start();
