// SPDX-License-Identifier: MIT
// cuenta.html (mi cuenta / my account): who I am and my roles; change my password (the server's refusals shown
// as it words them: too short, a common password, a wrong current one); my API tokens (create: the token shown
// once with a copy button; list; revoke); sign out.
import { h } from '../dom';
import { apiUrl, del, get, post, Problem, put } from './client';
import { busy, field, FormMessages, refusal } from './forms';
import { actionLabel, bi, biText, formatWhen, roleLabel } from './labels';
import { listOrganisations, namesById } from './organisations';
import { currentSession, signOut } from './session';
import { main, notSignedIn, pageTitle, renderShell, requireLive, setTitle } from './shell';
import type { ApiToken, Grant, NewToken, SessionBody } from './types';

function grantText(g: Grant, names: Map<number, string>): (Node | string)[] {
  const [es, en] = roleLabel(g.role);
  const scope = g.organisation != null ? names.get(g.organisation) ?? `#${g.organisation}` : null;
  const body = g.body != null ? `#${g.body}` : null;
  return [
    ...bi(es, en),
    scope ? `: ${scope}` : '',
    body ? ` (${biText('órgano', 'body')} ${body})` : '',
  ];
}

function whoAmI(session: SessionBody, names: Map<number, string>): HTMLElement {
  const a = session.account;
  return h('section', { class: 'panel', 'aria-labelledby': 'who-heading', id: 'who' },
    h('h2', { id: 'who-heading' }, bi('Quién soy', 'Who I am')),
    h('dl', { class: 'facts' },
      h('dt', null, bi('Correo', 'E-mail')), h('dd', { id: 'who-email' }, a.email),
      a.name ? [h('dt', null, bi('Nombre', 'Name')), h('dd', { id: 'who-name' }, a.name)] : '',
      h('dt', null, bi('Roles', 'Roles')),
      h('dd', null,
        a.grants.length
          ? h('ul', { class: 'plain-list', id: 'who-roles' }, a.grants.map((g) => h('li', { 'data-role': g.role }, grantText(g, names))))
          : h('span', { id: 'who-roles' }, bi('Ninguno', 'None'))),
      session.expires_at ? [h('dt', null, bi('La sesión vence', 'Session expires')), h('dd', null, formatWhen(session.expires_at))] : ''));
}

function passwordSection(): HTMLElement {
  const current = field(bi('Contraseña actual', 'Current password'), { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = field(bi('Contraseña nueva', 'New password'), { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true },
    bi('Al menos 12 caracteres, y no una contraseña común.', 'At least 12 characters, and not a common password.'));
  const again = field(bi('Repita la contraseña nueva', 'Repeat the new password'), { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true });
  const messages = new FormMessages();
  messages.describe(current.input, next.input, again.input);
  const form = h('form', { id: 'password-form', class: 'form-narrow', novalidate: true, 'aria-labelledby': 'pw-heading' },
    current.row, next.row, again.row, messages.element,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'pw-submit' }, bi('Cambiar la contraseña', 'Change the password'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      const empty = [current.input, next.input, again.input].filter((i) => !i.value);
      if (empty.length) {
        messages.error(bi('Llene los tres campos.', 'Fill in the three fields.'), empty);
        return;
      }
      if (next.input.value !== again.input.value) {
        messages.error(bi('Las dos contraseñas nuevas no coinciden.', 'The two new passwords differ.'), [again.input]);
        again.input.focus();
        return;
      }
      try {
        await put<unknown>(apiUrl('session/password'), { current_password: current.input.value, new_password: next.input.value });
        form.reset();
        messages.ok(bi('Contraseña cambiada. Úsela la próxima vez que inicie sesión.', 'Password changed. Use it the next time you sign in.'));
      } catch (e) {
        // 401 here is the server saying the current password is wrong (the session itself is still valid).
        const wrongCurrent = e instanceof Problem && e.status === 401;
        messages.error(wrongCurrent ? [h('span', { class: 'server-said' }, e.said)] : refusal(e),
          wrongCurrent ? [current.input] : e instanceof Problem && e.status === 400 ? [next.input] : []);
      }
    });
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'pw-heading', id: 'password' },
    h('h2', { id: 'pw-heading' }, bi('Cambiar la contraseña', 'Change the password')), form);
}

function tokensSection(): HTMLElement {
  const list = h('div', { id: 'token-list', 'aria-live': 'polite' });
  const listMessages = new FormMessages();
  const shown = h('div', { id: 'token-shown' });

  async function refresh(): Promise<void> {
    try {
      const tokens = (await get<{ tokens: ApiToken[] }>(apiUrl('tokens'))).data.tokens ?? [];
      list.replaceChildren(
        tokens.length
          ? h('div', { class: 'table-wrap' },
              h('table', { class: 'access-table', id: 'token-table' },
                h('caption', { class: 'visually-hidden' }, bi('Mis claves de API', 'My API tokens')),
                h('thead', null, h('tr', null,
                  h('th', { scope: 'col' }, bi('Nombre', 'Name')),
                  h('th', { scope: 'col' }, bi('Creada', 'Created')),
                  h('th', { scope: 'col' }, bi('Último uso', 'Last used')),
                  h('th', { scope: 'col' }, bi('Acción', 'Action')))),
                h('tbody', null, tokens.map((t) =>
                  h('tr', { 'data-token': t.id },
                    h('th', { scope: 'row' }, t.name),
                    h('td', { 'data-label': biText('Creada', 'Created') }, formatWhen(t.created_at)),
                    h('td', { 'data-label': biText('Último uso', 'Last used') }, t.last_used ? formatWhen(t.last_used) : biText('nunca', 'never')),
                    h('td', null,
                      t.revoked_at
                        ? h('span', { class: 'state-disabled', 'data-revoked': '' }, biText('Revocada', 'Revoked'), ` ${formatWhen(t.revoked_at)}`)
                        : h('button', {
                        type: 'button', class: 'btn btn-small btn-danger', 'data-revoke': t.id,
                        onclick: () => void revoke(t),
                      }, actionLabel('Revocar', 'Revoke', t.name))))))))
          : h('p', { id: 'token-none' }, bi('No tiene claves de API.', 'You have no API tokens.')),
      );
    } catch (e) {
      listMessages.error(refusal(e));
    }
  }

  async function revoke(t: ApiToken): Promise<void> {
    if (!window.confirm(biText(`¿Revocar la clave «${t.name}»? Los programas que la usan dejarán de funcionar.`, `Revoke the token “${t.name}”? Programs using it will stop working.`))) return;
    try {
      await del<unknown>(apiUrl(`tokens/${t.id}`));
      listMessages.ok(bi(`Clave «${t.name}» revocada.`, `Token “${t.name}” revoked.`));
      await refresh();
      document.getElementById('token-name')?.focus();
    } catch (e) {
      listMessages.error(refusal(e));
    }
  }

  const name = field(bi('Nombre de la clave', 'Token name'), { id: 'token-name', required: true, maxlength: 100 },
    bi('Para qué programa es, p. ej. «carga semanal».', 'Which program it is for, e.g. “weekly load”.'));
  const messages = new FormMessages();
  messages.describe(name.input);
  const form = h('form', { id: 'token-form', class: 'form-narrow', novalidate: true, 'aria-labelledby': 'token-new-heading' },
    h('h3', { id: 'token-new-heading' }, bi('Crear una clave', 'Create a token')),
    name.row, messages.element,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'token-submit' }, bi('Crear la clave', 'Create the token'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      if (!name.input.value.trim()) {
        messages.error(bi('Escriba un nombre para la clave.', 'Enter a name for the token.'), [name.input]);
        return;
      }
      try {
        const created = (await post<NewToken>(apiUrl('tokens'), { name: name.input.value.trim() })).data;
        form.reset();
        showOnce(created);
        await refresh();
      } catch (e) {
        messages.error(refusal(e));
      }
    });
  });

  function showOnce(created: NewToken): void {
    const value = h('input', { id: 'token-value', class: 'token-value', readonly: true, value: created.token, 'aria-describedby': 'token-once', spellcheck: 'false' });
    const copied = h('span', { role: 'status', id: 'token-copied' });
    const copy = h('button', {
      type: 'button', class: 'btn', id: 'token-copy',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(created.token);
        } catch {
          value.select();
          document.execCommand('copy');
        }
        copied.replaceChildren(...bi('Copiada.', 'Copied.'));
      },
    }, bi('Copiar', 'Copy'));
    shown.replaceChildren(
      h('div', { class: 'token-box' },
        h('h3', { id: 'token-shown-heading', tabindex: -1 }, bi(`Clave «${created.name}» creada`, `Token “${created.name}” created`)),
        h('p', { id: 'token-once' }, bi('Cópiela ahora: no se volverá a mostrar. Envíela como «Authorization: Bearer …».', 'Copy it now: it will not be shown again. Send it as “Authorization: Bearer …”.')),
        h('div', { class: 'field' }, h('label', { for: 'token-value' }, bi('La clave', 'The token')), value),
        h('div', { class: 'form-actions' }, copy, copied,
          h('button', { type: 'button', class: 'btn', id: 'token-done', onclick: () => { shown.replaceChildren(); name.input.focus(); } }, bi('Listo, la guardé', 'Done, I saved it')))));
    (document.getElementById('token-shown-heading') as HTMLElement).focus();
  }

  void refresh();
  return h('section', { class: 'panel', 'aria-labelledby': 'tokens-heading', id: 'tokens' },
    h('h2', { id: 'tokens-heading' }, bi('Mis claves de API', 'My API tokens')),
    h('p', { class: 'lead' }, bi('Para programas que escriben en Metrópoli sin su contraseña. Cada clave se puede revocar.', 'For programs that write to Metrópoli without your password. Each token can be revoked.')),
    list, listMessages.element, shown, form);
}

function signOutSection(): HTMLElement {
  const messages = new FormMessages();
  const button = h('button', { type: 'button', class: 'btn', id: 'sign-out' }, bi('Cerrar sesión', 'Sign out'));
  button.addEventListener('click', async () => {
    try {
      await signOut();
      location.assign('acceso.html?salida=1');
    } catch (e) {
      messages.error(refusal(e));
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'out-heading' },
    h('h2', { id: 'out-heading' }, bi('Cerrar sesión', 'Sign out')), messages.element, button);
}

async function start(): Promise<void> {
  setTitle('Mi cuenta', 'My account');
  renderShell('account');
  if (!(await requireLive())) return;
  main.setAttribute('aria-busy', 'true');
  let session: SessionBody | null;
  try {
    session = await currentSession();
  } catch (e) {
    main.removeAttribute('aria-busy');
    main.replaceChildren(h('div', { class: 'page access-page' }, pageTitle(bi('Mi cuenta', 'My account')), h('p', { class: 'form-error shown', role: 'alert' }, refusal(e))));
    return;
  }
  renderShell('account', session);
  main.removeAttribute('aria-busy');
  if (!session) {
    main.replaceChildren(notSignedIn('cuenta.html'));
    return;
  }
  const names = namesById(await listOrganisations().catch(() => []));
  main.replaceChildren(
    h('div', { class: 'page access-page' },
      h('div', { class: 'page-head' }, pageTitle(bi('Mi cuenta', 'My account'))),
      whoAmI(session, names),
      passwordSection(),
      tokensSection(),
      signOutSection()),
  );
}

void start();
