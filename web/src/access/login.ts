// SPDX-License-Identifier: MIT
// acceso.html: sign in with e-mail and password. A refusal shows the server's own words (the same for an unknown
// e-mail and a wrong password; a wait after too many failures); on success the page goes to the account page
// (or the page named by ?next=). ?salida=1 says the previous session was closed.
import { h } from '../dom';
import { busy, field, FormMessages } from './forms';
import { bi } from './labels';
import { Problem } from './client';
import { currentSession, signIn } from './session';
import { maybeSignedIn } from './session_store';
import { main, nextPage, pageTitle, renderShell, requireLive, setTitle } from './shell';

async function start(): Promise<void> {
  setTitle('Iniciar sesión', 'Sign in');
  renderShell('login');
  if (!(await requireLive())) return;
  // Someone signed in already on this browser: say so, and offer the account page (no request otherwise).
  const already = maybeSignedIn() ? await currentSession().catch(() => null) : null;
  renderShell('login', already);

  const email = field(bi('Correo electrónico', 'E-mail'), { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true, spellcheck: 'false' });
  const password = field(bi('Contraseña', 'Password'), { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const messages = new FormMessages();
  messages.describe(email.input, password.input);
  const form = h('form', { class: 'panel form-narrow', id: 'login-form', novalidate: true, 'aria-labelledby': 'page-title' },
    email.row,
    password.row,
    messages.element,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' }, bi('Iniciar sesión', 'Sign in'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      const missing = [email.input, password.input].filter((i) => !i.value.trim());
      if (missing.length) {
        messages.error(bi('Escriba su correo y su contraseña.', 'Enter your e-mail and your password.'), missing);
        missing[0].focus();
        return;
      }
      try {
        await signIn(email.input.value.trim(), password.input.value);
        messages.ok(bi('Sesión iniciada.', 'Signed in.'));
        location.assign(nextPage());
      } catch (e) {
        password.input.value = '';
        if (e instanceof Problem) {
          const words: (Node | string)[] = [h('span', { class: 'server-said' }, e.said)];
          if (e.status === 429 && e.retryAfter) words.push(' ', ...bi(`Espere ${e.retryAfter} s.`, `Wait ${e.retryAfter} s.`));
          messages.error(words, e.status === 401 ? [email.input, password.input] : []);
        } else {
          messages.error(String(e));
        }
        password.input.focus();
      }
    });
  });

  const closed = new URLSearchParams(location.search).get('salida') === '1';
  main.replaceChildren(
    h('div', { class: 'page access-page' },
      h('div', { class: 'page-head' },
        pageTitle(bi('Iniciar sesión', 'Sign in')),
        h('p', { class: 'lead' },
          bi('Para quienes escriben en Metrópoli: cada institución su parte. Los datos públicos no necesitan cuenta.',
            'For those who write in Metrópoli: each institution its own part. The public data need no account.'))),
      closed ? h('p', { class: 'notice', role: 'status', id: 'signed-out' }, bi('Sesión cerrada.', 'Signed out.')) : '',
      already
        ? h('p', { class: 'notice', id: 'already' },
            bi(`Ya inició sesión como ${already.account.email}.`, `You are signed in as ${already.account.email}.`), ' ',
            h('a', { href: 'cuenta.html' }, bi('Ir a mi cuenta', 'Go to my account')))
        : '',
      form),
  );
  email.input.focus();
}

void start();
