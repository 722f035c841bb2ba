// SPDX-License-Identifier: MIT
// admin.html: the admin area. Organisations (create, edit with If-Match), accounts (create, disable) and their
// roles (grant, revoke). Anyone may open the page; the server decides: a 403 from /api/v1/accounts is shown as a
// clear refusal, and every write shows the server's own answer.
import { h } from '../dom';
import { apiUrl, del, get, post, Problem, put } from './client';
import { busy, field, FormMessages, refusal, selectField } from './forms';
import { actionLabel, bi, biOf, biText, biTextOf, formatWhen, kindLabel, roleLabel, ROLES } from './labels';
import { organisationForm } from './organisation_form';
import { listOrganisations, namesById, readOrganisation } from './organisations';
import { currentSession } from './session';
import { main, notSignedIn, pageTitle, renderShell, requireLive, setTitle } from './shell';
import type { Account, Grant, Organisation } from './types';

let organisations: Organisation[] = [];
let names = new Map<number, string>();

const orgOptions = (none: string): [string, string][] => [['', none], ...organisations.map((o) => [String(o.id), names.get(o.id) ?? o.name] as [string, string])];
const roleOptions = (): [string, string][] => Object.entries(ROLES).filter(([r]) => r !== 'member').map(([r, l]) => [r, biTextOf(l)]);

// --- Organisations -------------------------------------------------------------------------------------------
function organisationsSection(): HTMLElement {
  const table = h('div', { id: 'admin-orgs' });
  const messages = new FormMessages();

  async function refresh(): Promise<void> {
    organisations = await listOrganisations();
    names = namesById(organisations);
    table.replaceChildren(
      h('div', { class: 'table-wrap' },
        h('table', { class: 'access-table', id: 'org-table' },
          h('caption', { class: 'visually-hidden' }, bi('Organizaciones', 'Organisations')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, bi('Nombre', 'Name')),
            h('th', { scope: 'col' }, bi('Tipo', 'Kind')),
            h('th', { scope: 'col' }, bi('Coalición', 'Coalition')),
            h('th', { scope: 'col' }, bi('Versión', 'Version')),
            h('th', { scope: 'col' }, bi('Acción', 'Action')))),
          h('tbody', null, organisations.flatMap(orgRow)))));
  }

  function orgRow(o: Organisation): HTMLTableRowElement[] {
    const editorRow = h('tr', { class: 'org-edit-row', hidden: true }, h('td', { colspan: 5 }));
    const button = h('button', {
      type: 'button', class: 'btn btn-small', 'data-edit-org': o.id, 'aria-expanded': 'false',
    }, actionLabel('Editar', 'Edit', o.name));
    button.addEventListener('click', async () => {
      if (!editorRow.hidden) {
        editorRow.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      try {
        const { organisation, etag } = await readOrganisation(o.id);
        const form = organisationForm(`admin-org-${o.id}`, organisation, bi('Guardar', 'Save'), async (fields, m) => {
          try {
            await put<Organisation>(apiUrl(`organisations/${o.id}`), fields, etag);
            messages.ok(bi(`«${fields.name}» guardada.`, `“${fields.name}” saved.`));
            await refresh();
          } catch (e) {
            m.error(e instanceof Problem && e.status === 412
              ? [...bi('Otra persona la cambió mientras usted la editaba; cierre y vuelva a abrir el formulario.', 'Someone else changed it while you were editing; close and reopen the form.'), ' ', e.said]
              : refusal(e));
          }
        }, () => {
          editorRow.hidden = true;
          button.setAttribute('aria-expanded', 'false');
          button.focus();
        });
        (editorRow.firstElementChild as HTMLElement).replaceChildren(form.element);
        editorRow.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        form.first.focus();
      } catch (e) {
        messages.error(refusal(e));
      }
    });
    return [
      h('tr', { 'data-org': o.id },
        h('th', { scope: 'row' }, o.name, o.short_name ? h('span', { class: 'card-sub' }, ` (${o.short_name})`) : ''),
        h('td', { 'data-label': biText('Tipo', 'Kind') }, biOf(kindLabel(o.kind))),
        h('td', { 'data-label': biText('Coalición', 'Coalition') }, o.coalition ? biText('sí', 'yes') : biText('no', 'no')),
        h('td', { 'data-label': biText('Versión', 'Version') }, String(o.version)),
        h('td', null, button)),
      editorRow,
    ];
  }

  const create = organisationForm('admin-org-new', null, bi('Crear la organización', 'Create the organisation'), async (fields, m) => {
    try {
      await post<Organisation>(apiUrl('organisations'), fields);
      create.element.reset();
      m.ok(bi(`«${fields.name}» creada.`, `“${fields.name}” created.`));
      await refresh();
    } catch (e) {
      m.error(refusal(e));
    }
  });
  void refresh().catch((e) => messages.error(refusal(e)));
  return h('section', { class: 'panel', 'aria-labelledby': 'orgs-heading', id: 'organisations' },
    h('h2', { id: 'orgs-heading' }, bi('Organizaciones', 'Organisations')),
    messages.element, table,
    h('details', { class: 'section', id: 'org-new' },
      h('summary', null, bi('Nueva organización', 'New organisation')), create.element));
}

// --- Accounts and roles --------------------------------------------------------------------------------------
function grantLabel(g: Grant): string {
  const scope = g.organisation != null ? `: ${names.get(g.organisation) ?? `#${g.organisation}`}` : '';
  return `${biTextOf(roleLabel(g.role))}${scope}`;
}

function accountsSection(accounts: Account[]): HTMLElement {
  const holder = h('div', { id: 'admin-accounts' });
  const messages = new FormMessages();

  async function refresh(): Promise<void> {
    try {
      render((await get<{ accounts: Account[] }>(apiUrl('accounts'))).data.accounts ?? []);
    } catch (e) {
      messages.error(refusal(e));
    }
  }

  async function act(work: () => Promise<unknown>, done: (Node | string)[]): Promise<void> {
    try {
      await work();
      messages.ok(done);
      await refresh();
    } catch (e) {
      messages.error(refusal(e));
    }
  }

  function grantForm(a: Account): HTMLElement {
    const role = selectField(bi('Rol', 'Role'), { id: `grant-${a.id}-role` }, roleOptions());
    const org = selectField(bi('Organización (para edición)', 'Organisation (for an editor)'), { id: `grant-${a.id}-org` }, orgOptions(biText('ninguna', 'none')));
    const form = h('form', { class: 'grant-form', novalidate: true, 'aria-label': biText(`Dar un rol a ${a.email}`, `Grant a role to ${a.email}`) },
      role.row, org.row,
      h('button', { type: 'submit', class: 'btn btn-small', id: `grant-${a.id}-submit` }, bi('Dar el rol', 'Grant the role')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, () => {
        const body: Grant = { role: role.input.value };
        if (org.input.value) body.organisation = Number(org.input.value);
        return act(() => post(apiUrl(`accounts/${a.id}/grants`), body), bi(`Rol dado a ${a.email}.`, `Role granted to ${a.email}.`));
      });
    });
    return h('details', null, h('summary', null, bi('Dar un rol', 'Grant a role')), form);
  }

  function render(list: Account[]): void {
    holder.replaceChildren(
      h('div', { class: 'table-wrap' },
        h('table', { class: 'access-table', id: 'account-table' },
          h('caption', { class: 'visually-hidden' }, bi('Cuentas', 'Accounts')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, bi('Cuenta', 'Account')),
            h('th', { scope: 'col' }, bi('Estado', 'State')),
            h('th', { scope: 'col' }, bi('Roles', 'Roles')),
            h('th', { scope: 'col' }, bi('Acción', 'Action')))),
          h('tbody', null, list.map((a) => {
            const person = a.person?.name ?? a.name ?? '';
            const disabled = a.state === 'disabled';
            return h('tr', { 'data-account': a.id, 'data-email': a.email },
              h('th', { scope: 'row' }, a.email, person ? h('span', { class: 'card-sub' }, ` — ${person}`) : '',
                h('br'), h('span', { class: 'card-sub' }, biText('Último acceso', 'Last sign-in'), ': ', formatWhen(a.last_login))),
              h('td', { 'data-label': biText('Estado', 'State'), class: disabled ? 'state-disabled' : '' },
                disabled ? biText('desactivada', 'disabled') : biText('activa', 'active')),
              h('td', { 'data-label': biText('Roles', 'Roles') },
                h('ul', { class: 'grant-list' }, a.grants.map((g) => {
                  const label = grantLabel(g);
                  return h('li', null, label,
                    g.id != null
                      ? h('button', {
                          type: 'button', class: 'btn btn-small btn-danger',
                          onclick: () => void act(() => del(apiUrl(`accounts/${a.id}/grants/${g.id}`)), bi(`Rol quitado a ${a.email}.`, `Role revoked from ${a.email}.`)),
                        }, actionLabel('Quitar', 'Revoke', `${label}, ${a.email}`))
                      : '');
                })),
                disabled ? '' : grantForm(a)),
              h('td', null,
                disabled
                  ? ''
                  : h('button', {
                      type: 'button', class: 'btn btn-small btn-danger', 'data-disable': a.id,
                      onclick: () => {
                        if (!window.confirm(biText(`¿Desactivar la cuenta ${a.email}? Sus sesiones y claves dejarán de valer.`, `Disable the account ${a.email}? Its sessions and tokens stop working.`))) return;
                        void act(() => post(apiUrl(`accounts/${a.id}/disable`)), bi(`Cuenta ${a.email} desactivada.`, `Account ${a.email} disabled.`));
                      },
                    }, actionLabel('Desactivar', 'Disable', a.email))));
          })))));
  }

  // A new account: e-mail, name, first password (the person changes it in "mi cuenta"), an organisation, a role.
  const email = field(bi('Correo', 'E-mail'), { id: 'acc-email', type: 'email', autocomplete: 'off', required: true });
  const name = field(bi('Nombre de la persona', 'Person’s name'), { id: 'acc-name', required: true });
  const password = field(bi('Contraseña inicial', 'Initial password'), { id: 'acc-password', type: 'password', autocomplete: 'new-password', required: true },
    bi('Al menos 12 caracteres; la persona la cambia en «Mi cuenta».', 'At least 12 characters; the person changes it in “My account”.'));
  const org = selectField(bi('Organización', 'Organisation'), { id: 'acc-org' }, orgOptions(biText('ninguna', 'none')));
  const role = selectField(bi('Rol', 'Role'), { id: 'acc-role' }, [['', biText('ninguno', 'none')], ...roleOptions()]);
  const createMessages = new FormMessages();
  createMessages.describe(email.input, name.input, password.input);
  const form = h('form', { id: 'account-form', class: 'form-narrow', novalidate: true },
    email.row, name.row, password.row, org.row, role.row, createMessages.element,
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'acc-submit' }, bi('Crear la cuenta', 'Create the account')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      createMessages.clear();
      const empty = [email.input, name.input, password.input].filter((i) => !i.value.trim());
      if (empty.length) {
        createMessages.error(bi('Llene correo, nombre y contraseña.', 'Fill in e-mail, name and password.'), empty);
        return;
      }
      const orgId = org.input.value ? Number(org.input.value) : null;
      const grants: Grant[] = role.input.value ? [{ role: role.input.value, ...(orgId !== null && role.input.value === 'editor' ? { organisation: orgId } : {}) }] : [];
      try {
        await post<Account>(apiUrl('accounts'), {
          email: email.input.value.trim(), name: name.input.value.trim(), password: password.input.value,
          organisations: orgId !== null ? [orgId] : [], grants,
        });
        createMessages.ok(bi(`Cuenta ${email.input.value.trim()} creada.`, `Account ${email.input.value.trim()} created.`));
        form.reset();
        await refresh();
      } catch (e) {
        createMessages.error(refusal(e));
      }
    });
  });

  render(accounts);
  return h('section', { class: 'panel', 'aria-labelledby': 'accounts-heading', id: 'accounts' },
    h('h2', { id: 'accounts-heading' }, bi('Cuentas y roles', 'Accounts and roles')),
    messages.element, holder,
    h('details', { class: 'section', id: 'account-new' }, h('summary', null, bi('Nueva cuenta', 'New account')), form));
}

async function start(): Promise<void> {
  setTitle('Administración', 'Admin');
  renderShell('admin');
  if (!(await requireLive())) return;
  const session = await currentSession().catch(() => null);
  renderShell('admin', session);
  if (!session) {
    main.replaceChildren(notSignedIn('admin.html'));
    return;
  }
  // The server says who may administer: the accounts list answers 403 to anyone else.
  let accounts: Account[];
  try {
    organisations = await listOrganisations();
    names = namesById(organisations);
    accounts = (await get<{ accounts: Account[] }>(apiUrl('accounts'))).data.accounts ?? [];
  } catch (e) {
    const forbidden = e instanceof Problem && e.status === 403;
    main.replaceChildren(
      h('div', { class: 'page access-page' },
        pageTitle(bi('Administración', 'Admin')),
        h('div', { class: 'notice notice-caution', role: 'alert', id: 'admin-refused' },
          forbidden
            ? h('p', null, bi('Esta área es solo para quienes administran Metrópoli; su cuenta no tiene ese rol.', 'This area is only for Metrópoli’s administrators; your account does not hold that role.'))
            : '',
          h('p', null, refusal(e))),
        h('p', null, h('a', { href: 'cuenta.html' }, bi('Ir a mi cuenta', 'Go to my account')))));
    return;
  }
  main.replaceChildren(
    h('div', { class: 'page access-page' },
      h('div', { class: 'page-head' },
        pageTitle(bi('Administración', 'Admin')),
        h('p', { class: 'lead' }, bi(`Sesión de ${session.account.email}. Cada cambio queda en la bitácora de auditoría.`, `Signed in as ${session.account.email}. Every change is written to the audit log.`))),
      organisationsSection(),
      accountsSection(accounts)),
  );
}

void start();
