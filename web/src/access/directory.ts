// SPDX-License-Identifier: MIT
// organizaciones.html: the public directory of organisations (the Mesa de Salud's institutions and the coalition
// of 35+ that supports the metro agenda), filtered by the server by kind, sector and coalition (?kind=&sector=
// &coalition= in the page's address too, so a filtered view can be shared). Whoever may edit an organisation (an
// admin, or that organisation's editor) sees "Editar / Edit" on its card: the form PUTs with If-Match, the ETag
// of the version it was opened on, and says so when someone else changed it meanwhile (412) or the server
// refuses (403).
import { h } from '../dom';
import { apiUrl, get, Problem, put } from './client';
import { refusal } from './forms';
import { showHistory } from './history';
import { actionLabel, bi, biOf, biText, biTextOf, kindLabel, KINDS } from './labels';
import { organisationForm } from './organisation_form';
import { listOrganisations, readOrganisation } from './organisations';
import type { OrganisationFilter } from './organisations';
import { currentSession, mayEditOrganisation } from './session';
import { maybeSignedIn } from './session_store';
import { main, pageTitle, renderShell, requireLive, setTitle } from './shell';
import type { Organisation, SessionBody } from './types';
import type { components } from '../generated/openapi';

type Jurisdiction = components['schemas']['Jurisdiction'];

let session: SessionBody | null = null;
let placeNames = new Map<string, string>();

function readFilter(): OrganisationFilter {
  const q = new URLSearchParams(location.search);
  const coalition = q.get('coalition');
  return {
    kind: q.get('kind') || undefined,
    sector: q.get('sector') || undefined,
    coalition: coalition === 'true' || coalition === 'false' ? coalition : undefined,
  };
}

function writeFilter(filter: OrganisationFilter): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}

const jurisdictionText = (code: string) => (placeNames.has(code) ? `${placeNames.get(code)} (${code})` : code);

function facts(o: Organisation): HTMLElement {
  const row = (label: (Node | string)[], value: Node | string | null) => (value ? [h('dt', null, label), h('dd', null, value)] : []);
  const site = o.website ? h('a', { href: o.website, rel: 'noopener', class: 'org-website' }, o.website.replace(/^https?:\/\//, '')) : null;
  return h('dl', { class: 'facts' },
    row(bi('Sectores', 'Sectors'), o.sectors.length ? o.sectors.join(', ') : null),
    row(bi('Jurisdicciones', 'Jurisdictions'), o.jurisdictions.length ? o.jurisdictions.map(jurisdictionText).join(', ') : null),
    row(bi('Contacto', 'Contact'), o.contact || null),
    row(bi('Sitio web', 'Website'), site));
}

function card(o: Organisation): HTMLLIElement {
  const li = h('li', { class: 'card org-card', 'data-org': o.id, 'aria-labelledby': `org-${o.id}-name` });
  fillCard(li, o);
  return li;
}

function fillCard(li: HTMLLIElement, o: Organisation, saved = false): void {
  const status = h('p', { class: 'form-ok', role: 'status', id: `org-${o.id}-status` });
  const editable = session !== null && mayEditOrganisation(session.account.grants, o.id);
  const editor = h('div', { class: 'org-editor', id: `org-${o.id}-editor`, hidden: true });
  const editButton = editable
    ? h('button', {
        type: 'button', class: 'btn btn-small org-edit', id: `org-${o.id}-edit`, 'aria-expanded': 'false', 'aria-controls': editor.id,
      }, actionLabel('Editar', 'Edit', o.name))
    : null;
  // Those who may edit an organisation may read its history (the server's audit.entity permission).
  const history = h('div', { class: 'org-history', id: `org-${o.id}-history`, hidden: true, 'aria-live': 'polite' });
  const historyButton = editable
    ? h('button', {
        type: 'button', class: 'btn btn-small org-history-toggle', id: `org-${o.id}-history-toggle`, 'aria-expanded': 'false', 'aria-controls': history.id,
      }, actionLabel('Historial', 'History', o.name))
    : null;
  li.replaceChildren(
    h('h2', { class: 'card-title', id: `org-${o.id}-name`, tabindex: -1 }, o.name),
    h('p', { class: 'card-sub' }, o.short_name ? `${o.short_name} · ` : '', biOf(kindLabel(o.kind))),
    o.coalition || o.seed
      ? h('ul', { class: 'badges' },
          o.coalition ? h('li', { class: 'badge badge-coalition' }, bi('Coalición metropolitana', 'Metro coalition')) : '',
          o.seed ? h('li', { class: 'badge', title: biText('Datos iniciales tomados del documento fuente; se pueden editar', 'Seed data from the source deck; editable') }, bi('Datos iniciales', 'Seed data')) : '')
      : '',
    facts(o),
    status,
    editButton ? h('div', { class: 'form-actions' }, editButton, historyButton ?? '') : '',
    editor,
    history,
  );
  if (saved) {
    status.replaceChildren(...bi(`Cambios guardados (versión ${o.version}).`, `Changes saved (version ${o.version}).`));
    status.classList.add('shown');
  }
  editButton?.addEventListener('click', () => void openEditor(li, o, editor, editButton));
  historyButton?.addEventListener('click', () => {
    const open = history.hidden;
    history.hidden = !open;
    historyButton.setAttribute('aria-expanded', String(open));
    if (open) void showHistory(`organisation:${o.id}`, history);
  });
}

async function openEditor(li: HTMLLIElement, shown: Organisation, editor: HTMLElement, button: HTMLButtonElement): Promise<void> {
  if (!editor.hidden) {
    closeEditor(editor, button);
    return;
  }
  // The version being edited is the server's current one, with its ETag, not the list's (maybe older) copy.
  let current: { organisation: Organisation; etag: string };
  try {
    current = await readOrganisation(shown.id);
  } catch (e) {
    editor.hidden = false;
    editor.replaceChildren(h('p', { class: 'form-error shown', role: 'alert' }, refusal(e)));
    return;
  }
  const prefix = `org-${shown.id}-f`;
  const form = organisationForm(prefix, current.organisation, bi('Guardar', 'Save'), async (fields, messages) => {
    try {
      const answer = await put<Organisation>(apiUrl(`organisations/${shown.id}`), fields, current.etag);
      fillCard(li, answer.data, true);
      (document.getElementById(`org-${shown.id}-name`) as HTMLElement).focus();
    } catch (e) {
      if (e instanceof Problem && e.status === 412) {
        const reload = h('button', {
          type: 'button', class: 'btn btn-small', id: `${prefix}-reload`,
          onclick: async () => {
            try {
              const fresh = await readOrganisation(shown.id);
              fillCard(li, fresh.organisation);
              const again = li.querySelector<HTMLButtonElement>('.org-edit');
              again?.click();
            } catch (err) {
              messages.error(refusal(err));
            }
          },
        }, bi('Recargar', 'Reload'));
        messages.error([
          ...bi('Otra persona cambió esta organización mientras usted la editaba; sus cambios no se guardaron. Recargue para ver la versión actual y vuelva a hacerlos.',
            'Someone else changed this organisation while you were editing it; your changes were not saved. Reload to see the current version and make them again.'),
          ' ', h('span', { class: 'server-said' }, e.said), ' ', reload,
        ]);
      } else {
        messages.error(refusal(e));
      }
    }
  }, () => {
    closeEditor(editor, button);
    button.focus();
  });
  editor.replaceChildren(h('h3', null, bi('Editar', 'Edit'), ` — ${current.organisation.name}`), form.element);
  editor.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  form.first.focus();
}

function closeEditor(editor: HTMLElement, button: HTMLButtonElement): void {
  editor.hidden = true;
  editor.replaceChildren();
  button.setAttribute('aria-expanded', 'false');
}

async function start(): Promise<void> {
  setTitle('Organizaciones', 'Organisations');
  renderShell('directory');
  if (!(await requireLive())) return;
  // Who may edit: asked only when someone signed in on this browser (the public need no session request).
  if (maybeSignedIn()) session = await currentSession().catch(() => null);
  renderShell('directory', session);
  // The region's places (from its configuration, not the data), to name the jurisdictions' INEGI codes.
  const places = get<Jurisdiction[]>(apiUrl('jurisdictions'))
    .then((a) => {
      placeNames = new Map((a.data ?? []).map((p) => [p.code, p.name]));
    })
    .catch(() => undefined);

  const filter = readFilter();
  let all: Organisation[] = [];
  try {
    [all] = await Promise.all([listOrganisations(), places]);
  } catch (e) {
    main.replaceChildren(h('div', { class: 'page access-page' }, pageTitle(bi('Organizaciones', 'Organisations')), h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
    return;
  }
  const sectors = [...new Set(all.flatMap((o) => o.sectors))].sort((a, b) => a.localeCompare(b, 'es'));
  const select = (id: string, label: (Node | string)[], options: [string, string][], value?: string) => {
    const el = h('select', { id, name: id.replace('filter-', '') }, options.map(([v, t]) => h('option', { value: v }, t)));
    el.value = value ?? '';
    return { el, row: h('div', { class: 'field' }, h('label', { for: id }, label), el) };
  };
  const kind = select('filter-kind', bi('Tipo', 'Kind'), [['', biText('Todos', 'All')], ...Object.entries(KINDS).map(([k, l]) => [k, biTextOf(l)] as [string, string])], filter.kind);
  const sector = select('filter-sector', bi('Sector', 'Sector'), [['', biText('Todos', 'All')], ...sectors.map((s) => [s, s] as [string, string])], filter.sector);
  const coalition = select('filter-coalition', bi('Coalición', 'Coalition'), [
    ['', biText('Todas', 'All')],
    ['true', biText('Solo la coalición', 'Coalition only')],
    ['false', biText('Fuera de la coalición', 'Outside the coalition')],
  ], filter.coalition);
  const count = h('p', { class: 'org-count', id: 'org-count', role: 'status' });
  const list = h('ul', { class: 'cards org-list', id: 'org-list' });

  async function apply(f: OrganisationFilter): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      const shown = await listOrganisations(f);
      list.replaceChildren(...shown.map(card));
      const n = shown.length;
      count.replaceChildren(...bi(n === 1 ? '1 organización' : `${n} organizaciones`, n === 1 ? '1 organisation' : `${n} organisations`),
        ...(f.kind || f.sector || f.coalition ? [' ', ...bi(`(de ${all.length})`, `(of ${all.length})`)] : []));
    } catch (e) {
      count.replaceChildren(...refusal(e));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  const form = h('form', { class: 'filters', id: 'org-filters', role: 'search', 'aria-label': biText('Filtrar organizaciones', 'Filter organisations') },
    kind.row, sector.row, coalition.row,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'filter-apply' }, bi('Filtrar', 'Filter')),
      h('button', { type: 'reset', class: 'btn', id: 'filter-clear' }, bi('Quitar filtros', 'Clear filters'))));
  const current = (): OrganisationFilter => ({ kind: kind.el.value || undefined, sector: sector.el.value || undefined, coalition: coalition.el.value || undefined });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = current();
    writeFilter(f);
    void apply(f);
  });
  form.addEventListener('reset', () => {
    setTimeout(() => {
      writeFilter({});
      void apply({});
    });
  });

  main.replaceChildren(
    h('div', { class: 'page' },
      h('div', { class: 'page-head' },
        pageTitle(bi('Organizaciones', 'Organisations')),
        h('p', { class: 'lead' },
          bi('Las instituciones de la Mesa de Salud de la Zona Metropolitana de La Laguna y la coalición de más de 35 organizaciones que apoya la agenda metropolitana.',
            'The institutions of the La Laguna metro zone’s Mesa de Salud and the coalition of 35+ organisations that supports the metro agenda.'))),
      form, count, list));
  await apply(filter);
}

void start();
