// SPDX-License-Identifier: MIT
// One minutes as its body works on them (actas.html?body=B&id=N): the draft editor for a coordinator (a textarea,
// saved with If-Match: the version the page read), the amendments with accept and reject, the amendment form of
// a member who attended for a seat (the server decides who attended), the vote panel with the tally the server
// counts, the approve button and, once approved, the opening of a correction. Every refusal shows the server's
// own words (a 409 "approved minutes are immutable; file a correction", a 412 when someone saved meanwhile).
import { h } from '../../dom';
import { Problem } from '../../access/client';
import { busy, FormMessages, refusal } from '../../access/forms';
import { actionLabel, bi, formatWhen } from '../../access/labels';
import { main, pageTitle, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { approve, castVote, decideAmendment, openCorrection, proposeAmendment, saveDraft, workingMinutes } from './api';
import type { Amendment, WorkingMinutes } from './types';
import { approvedFacts, meetingLine, minutesHref, minutesText, stateBadge, tallyView } from './view';

interface Roles {
  coordinator: boolean;
  member: boolean;
}

function rolesOf(session: SessionBody | null, body: number): Roles {
  const grants = session?.account.grants ?? [];
  return {
    coordinator: grants.some((g) => g.role === 'coordinator'),
    member: grants.some((g) => g.role === 'member' && g.body === body),
  };
}

const STATES: Record<Amendment['state'], [string, string]> = {
  proposed: ['Propuesta', 'Proposed'],
  accepted: ['Aceptada', 'Accepted'],
  rejected: ['Rechazada', 'Rejected'],
};

const CHOICES: [string, string, string][] = [
  ['for', 'A favor', 'For'],
  ['against', 'En contra', 'Against'],
  ['abstain', 'Abstención', 'Abstain'],
];

export async function renderWorking(body: number, id: number, session: SessionBody | null, notice?: (Node | string)[]): Promise<void> {
  setTitle(`Acta ${id}`, `Minutes ${id}`);
  let m: WorkingMinutes;
  try {
    m = await workingMinutes(body, id);
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page access-page minutes-page' },
      pageTitle(bi(`Acta ${id}`, `Minutes ${id}`)), h('p', { class: 'form-error shown', role: 'alert', id: 'minutes-error' }, refusal(e))));
    return;
  }
  const roles = rolesOf(session, body);
  const draft = m.state === 'draft';
  const reload = (said?: (Node | string)[]) => renderWorking(body, id, session, said);
  const status = h('p', { class: notice ? 'form-ok shown' : 'form-ok', role: 'status', id: 'minutes-status', tabindex: -1 }, notice ?? '');

  const sections: (Node | string)[] = [];
  // The editor: a coordinator's, on the version read. Kept on the page as it was read, so that a save after
  // someone approved the minutes meets the server's refusal, shown as the server words it.
  if (roles.coordinator && draft) {
    const messages = new FormMessages();
    const text = h('textarea', { id: 'editor-text', name: 'text', rows: 14 });
    text.value = m.text;
    messages.describe(text);
    const form = h('form', { class: 'form minutes-form', id: 'editor-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'editor-text' }, bi('Texto del borrador (Markdown)', 'Text of the draft (Markdown)')), text),
      h('p', { class: 'field-hint', id: 'editor-version' }, bi('Versión', 'Version'), ` ${m.version}`),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'editor-save' }, bi('Guardar borrador', 'Save the draft')),
      messages.element);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void busy(form, async () => {
        try {
          await saveDraft(m, text.value);
          await reload(bi('Borrador guardado.', 'Draft saved.'));
        } catch (err) {
          messages.error(refusal(err), err instanceof Problem && err.status === 400 ? [text] : []);
          text.focus();
        }
      });
    });
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'editor-title' }, h('h2', { id: 'editor-title' }, bi('Editar el borrador', 'Edit the draft')), form));
  }

  // The amendments, each with its author and fate; a coordinator decides the proposed ones.
  const amendmentMessages = new FormMessages();
  const amendmentItem = (a: Amendment) => {
    const buttons = roles.coordinator && draft && a.state === 'proposed'
      ? h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'btn btn-small btn-primary', id: `amendment-${a.id}-accept` }, actionLabel('Aceptar', 'Accept', `#${a.id}`)),
          h('button', { type: 'button', class: 'btn btn-small', id: `amendment-${a.id}-reject` }, actionLabel('Rechazar', 'Reject', `#${a.id}`)))
      : null;
    for (const [accept, button] of [[true, buttons?.children[0]], [false, buttons?.children[1]]] as [boolean, Element | undefined][]) {
      button?.addEventListener('click', async () => {
        try {
          await decideAmendment(m, a.id, accept);
          await reload(accept ? bi(`Enmienda #${a.id} aceptada y aplicada.`, `Amendment #${a.id} accepted and applied.`) : bi(`Enmienda #${a.id} rechazada.`, `Amendment #${a.id} rejected.`));
        } catch (err) {
          amendmentMessages.error(refusal(err));
        }
      });
    }
    return h('li', { class: 'amendment', id: `amendment-${a.id}`, 'data-state': a.state },
      h('p', null, h('strong', null, `#${a.id} `), h('span', { class: 'badge' }, bi(...STATES[a.state])), ' ',
        a.person ?? a.author, a.seat_name ? ` — ${a.seat_name}` : '', ` · ${formatWhen(a.created_at)}`),
      a.replaces ? h('p', null, bi('Reemplaza', 'Replaces'), ': ', h('q', null, a.replaces)) : h('p', null, bi('Añade un párrafo', 'Adds a paragraph')),
      h('p', { class: 'amendment-text' }, bi('Texto', 'Text'), ': ', h('q', null, a.text)),
      buttons ?? '');
  };
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'amendments-title' },
    h('h2', { id: 'amendments-title' }, bi('Enmiendas', 'Amendments')),
    m.amendments.length ? h('ul', { class: 'amendments', id: 'amendments' }, m.amendments.map(amendmentItem)) : h('p', { id: 'amendments' }, bi('Sin enmiendas.', 'No amendments.')),
    amendmentMessages.element));

  // A member who attended (or a coordinator) proposes an amendment to the draft.
  if (draft && (roles.member || roles.coordinator)) {
    const messages = new FormMessages();
    const replaces = h('input', { id: 'amend-replaces', name: 'replaces', type: 'text', 'aria-describedby': 'amend-replaces-hint' });
    const text = h('textarea', { id: 'amend-text', name: 'text', rows: 4, required: true });
    messages.describe(replaces, text);
    const form = h('form', { class: 'form minutes-form', id: 'amend-form', novalidate: true },
      h('div', { class: 'field' },
        h('label', { for: 'amend-replaces' }, bi('Pasaje que reemplaza (opcional)', 'Passage it replaces (optional)')),
        h('p', { class: 'field-hint', id: 'amend-replaces-hint' }, bi('Copie el pasaje exacto del borrador; vacío: el texto se añade al final.', 'Copy the exact passage of the draft; empty: the text is added at the end.')),
        replaces),
      h('div', { class: 'field' }, h('label', { for: 'amend-text' }, bi('Texto de la enmienda', 'Text of the amendment')), text),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'amend-submit' }, bi('Proponer enmienda', 'Propose the amendment')),
      messages.element);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void busy(form, async () => {
        try {
          const a = await proposeAmendment(m, replaces.value, text.value);
          await reload(bi(`Enmienda #${a.id} propuesta.`, `Amendment #${a.id} proposed.`));
        } catch (err) {
          const field = err instanceof Problem ? err.said : '';
          messages.error(refusal(err), field.startsWith('/replaces') ? [replaces] : field.startsWith('/text') ? [text] : []);
        }
      });
    });
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'amend-title' }, h('h2', { id: 'amend-title' }, bi('Proponer una enmienda', 'Propose an amendment')), form));
  }

  // The vote: the tally as the server counts it; a member votes for the seat she attended for.
  const voteMessages = new FormMessages();
  const voteButtons = draft && roles.member
    ? h('div', { class: 'actions', role: 'group', 'aria-label': 'Votar / Vote' },
        CHOICES.map(([choice, es, en]) => {
          const b = h('button', { type: 'button', class: 'btn', id: `vote-${choice}` }, bi(es, en));
          b.addEventListener('click', async () => {
            try {
              await castVote(m, choice);
              await reload(bi('Voto registrado.', 'Vote recorded.'));
            } catch (err) {
              voteMessages.error(refusal(err));
            }
          });
          return b;
        }))
    : '';
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'vote-title' },
    h('h2', { id: 'vote-title' }, bi('Votación', 'Vote')),
    tallyView(m.tally),
    m.votes.length ? h('ul', { id: 'votes' }, m.votes.map((v) => h('li', null, `${v.seat_name}: `, h('strong', null, bi(...(CHOICES.find((c) => c[0] === v.choice)?.slice(1) as [string, string]))), v.by_alternate ? [' (', ...bi('suplente', 'alternate'), ')'] : ''))) : '',
    voteButtons, voteMessages.element));

  // Approval, and once approved the opening of a correction.
  if (roles.coordinator) {
    const messages = new FormMessages();
    const button = draft
      ? h('button', { type: 'button', class: 'btn btn-primary', id: 'approve' }, bi('Aprobar el acta', 'Approve the minutes'))
      : m.corrected_by
        ? null
        : h('button', { type: 'button', class: 'btn', id: 'open-correction' }, bi('Abrir una corrección', 'Open a correction'));
    button?.addEventListener('click', async () => {
      try {
        if (draft) {
          await approve(m);
          await reload(bi('Acta aprobada: ya no cambia.', 'Minutes approved: they no longer change.'));
        } else {
          const c = await openCorrection(m);
          location.assign(minutesHref(c.id, body));
        }
      } catch (err) {
        messages.error(refusal(err));
      }
    });
    if (button) sections.push(h('section', { class: 'card' }, button, messages.element));
  }

  main.replaceChildren(h('div', { class: 'page access-page minutes-page' },
    h('p', null, h('a', { href: `actas.html?body=${body}` }, bi('← Actas del órgano', "← The body's minutes"))),
    pageTitle([...bi('Acta', 'Minutes'), ` #${m.id}: ${m.meeting_title}`]),
    meetingLine(m),
    h('p', null, stateBadge(m), ' ', bi('Versión', 'Version'), ` ${m.version}`,
      m.corrects ? [' · ', ...bi('Corrige', 'Corrects'), ' ', h('a', { href: minutesHref(m.corrects, body) }, `#${m.corrects}`)] : '',
      m.published ? [' · ', h('a', { href: minutesHref(m.id), id: 'public-link' }, bi('Página pública', 'Public page'))] : ''),
    status,
    m.state === 'approved' ? approvedFacts(m) : '',
    h('section', { class: 'card', 'aria-labelledby': 'text-title' }, h('h2', { id: 'text-title' }, bi('Texto', 'Text')), minutesText(m)),
    ...sections));
  if (notice) status.focus();
}
