#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the access pages (issue 10): Debian's chromium driven by playwright-core against a live
// `metropoli serve` whose accounts were made by the command line (tests/browser/access_test.py makes them).
//
//   node tests/browser/access_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON
//
// ACCOUNTS_JSON names the accounts and their passwords (a file, never the command line):
//   {"admin": {"email", "password"}, "editor": {"email", "password", "organisation"},
//    "other": {"email", "password", "organisation"}, "new_password": "..."}
// where "organisation" is the short name of the organisation the account edits. Every expected value is read
// from the API the pages use. Checks: the header links; sign in (keyboard only), a wrong password showing the
// server's words, sign out; changing a password (the server's refusals shown; then the new password works and
// the old one fails); the directory and its filters; editing an organisation as its editor (it persists), a
// stale edit (412) explained, the editor of another organisation refused (no edit control, 403 from the server);
// the admin area for an admin and refused for others; tokens shown once; axe-core: no violation on each page;
// no sideways scrolling on a phone. Prints one line per check and `N passed, M failed`; exits 1 on a failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [baseArg, shotArg, accountsArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !accountsArg) {
  console.error('usage: node tests/browser/access_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const ACCOUNTS = JSON.parse(readFileSync(accountsArg, 'utf8'));
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A password the server must refuse as common: the first bundled one long enough to pass the length rule.
const COMMON = readFileSync(join(ROOT, 'data', 'access', 'common-passwords.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .find((l) => l.length >= 12 && !l.startsWith('#'));

let passed = 0;
let failed = 0;
const problems = [];
const screenshots = [];
async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${typeof detail === 'string' && detail ? ` — ${detail}` : ''}`);
  } catch (e) {
    failed++;
    const message = e && e.message ? e.message.split('\n')[0] : String(e);
    problems.push(`${name}: ${message}`);
    console.log(`FAIL ${name} — ${message}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function api(path, init = {}) {
  const r = await fetch(new URL(`api/v1/${path}`, BASE), init);
  const text = await r.text();
  return { status: r.status, etag: r.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

const organisations = (await api('organisations')).body.organisations;
const orgNamed = (short) => {
  const o = organisations.find((x) => x.short_name === short);
  if (!o) throw new Error(`no organisation with the short name “${short}” in /api/v1/organisations`);
  return o;
};
const editorOrg = orgNamed(ACCOUNTS.editor.organisation);
const otherOrg = orgNamed(ACCOUNTS.other.organisation);

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'es-MX' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' };

// Errors in the pages: uncaught exceptions and console errors, except the browser's own line for a refused
// request (401 before signing in, the 403 and 412 this test provokes), which the pages show in words.
const pageErrors = [];
function watch(page, name) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    pageErrors.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => pageErrors.push(`${name}: uncaught ${err.message}`));
  page.on('dialog', (d) => d.accept());
  return page;
}

async function newPage(context, name) {
  return watch(await context.newPage(), name);
}

async function shot(page, name, fullPage = true) {
  const file = `access-${name}.png`;
  await page.screenshot({ path: join(SHOTS, file), fullPage });
  screenshots.push(file);
}

// axe-core evaluated through the DevTools protocol, which the site's Content-Security-Policy does not govern.
async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function gotoReady(page, path, selector) {
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  await page.waitForSelector(selector, { timeout: 20000 });
}

// Signs in through the form, with the keyboard only: the e-mail field has focus on arrival, Tab reaches the
// password, Enter sends. Returns the page after it arrived on the account page (or stayed, on a refusal).
async function signInByKeyboard(page, email, password, expectSuccess = true) {
  await gotoReady(page, 'acceso.html', '#login-form');
  const focused = await page.evaluate(() => document.activeElement?.id);
  expect(focused === 'login-email', `the e-mail field has no focus on arrival (${focused})`);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  expect((await page.evaluate(() => document.activeElement?.id)) === 'login-password', 'Tab does not reach the password');
  await page.keyboard.type(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
  await page.keyboard.press('Enter');
  const response = await answer;
  if (expectSuccess) {
    await page.waitForURL(/cuenta\.html/, { timeout: 15000 });
    await page.waitForSelector('#who-email', { timeout: 15000 });
  }
  return response;
}

// The text a refusal shows must be the server's own problem text.
async function serverWords(response) {
  const body = await response.json();
  return body.detail || body.title;
}

try {
  const desktop = await browser.newContext(DESKTOP);
  const phone = await browser.newContext(PHONE);
  console.log(`# ${BASE}: ${organisations.length} organisations; editor of “${editorOrg.short_name}”, other of “${otherOrg.short_name}”`);

  // 1. The header of the dashboard links to sign in and to the directory (live server only).
  await check('the dashboard’s header links to sign in and to the directory', async () => {
    const page = await newPage(desktop, 'index');
    await page.goto(BASE, { waitUntil: 'networkidle' });
    await page.waitForSelector('#header-account', { timeout: 20000 });
    const link = await page.$eval('#header-account', (a) => ({ text: a.textContent, href: a.getAttribute('href') }));
    expect(link.href === 'acceso.html' && /Acceso \/ Sign in/.test(link.text), `header link “${link.text}” → ${link.href}`);
    expect(await page.$('.site-footer a[href="organizaciones.html"], #nav-directory'), 'no link to the directory');
    await page.close();
    return link.text;
  });

  // 2. The public directory: every organisation the API lists, filters answered by the server, no edit control.
  await check('the directory lists every organisation, with no edit control for the public', async () => {
    const page = await newPage(desktop, 'directory');
    await gotoReady(page, 'organizaciones.html', '#org-list > li');
    const ids = await page.$$eval('#org-list > li', (els) => els.map((e) => Number(e.getAttribute('data-org'))));
    expect(ids.length === organisations.length, `${ids.length} cards, the API ${organisations.length}`);
    expect(ids.join() === organisations.map((o) => o.id).join(), 'cards not in the API’s order');
    expect((await page.$$('.org-edit')).length === 0, 'an edit button for an anonymous visitor');
    const count = await page.textContent('#org-count');
    expect(count.includes(String(organisations.length)), `count “${count}”`);
    await shot(page, 'directory-desktop');
    await page.close();
    return count.trim();
  });

  await check('the directory’s filters by kind, sector and coalition give what the server gives', async () => {
    const page = await newPage(desktop, 'filters');
    await gotoReady(page, 'organizaciones.html', '#org-list > li');
    const kind = editorOrg.kind;
    const sector = otherOrg.sectors[0];
    const cases = [
      [{ kind }, async () => page.selectOption('#filter-kind', kind)],
      [{ kind: '', sector }, async () => { await page.selectOption('#filter-kind', ''); await page.selectOption('#filter-sector', sector); }],
      [{ sector: '', coalition: 'true' }, async () => { await page.selectOption('#filter-sector', ''); await page.selectOption('#filter-coalition', 'true'); }],
    ];
    const seen = [];
    for (const [filter, set] of cases) {
      await set();
      const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
      const expected = (await api(`organisations?${q}`)).body.organisations.map((o) => o.id);
      const answer = page.waitForResponse((r) => r.url().includes('/api/v1/organisations?'));
      await page.click('#filter-apply');
      await answer;
      await page.waitForFunction((n) => document.querySelectorAll('#org-list > li').length === n && !document.querySelector('#org-list[aria-busy]'), expected.length, { timeout: 10000 });
      const ids = await page.$$eval('#org-list > li', (els) => els.map((e) => Number(e.getAttribute('data-org'))));
      expect(ids.join() === expected.join(), `${JSON.stringify(filter)}: cards ${ids}, the server ${expected}`);
      expect(page.url().includes(q.toString()), `the address ${page.url()} does not keep the filter ${q}`);
      seen.push(`${q}: ${ids.length}`);
    }
    expect(seen.some((s) => !s.endsWith(`: ${organisations.length}`)), 'no filter narrowed the list');
    await page.close();
    return seen.join('; ');
  });

  await check('phone: the directory fits the width', async () => {
    const page = await newPage(phone, 'directory-phone');
    await gotoReady(page, 'organizaciones.html', '#org-list > li');
    const wide = await overflow(page);
    expect(wide <= 1, `the page is ${wide}px wider than the phone`);
    await shot(page, 'directory-phone');
    await page.close();
  });

  // 3. Sign in: a wrong password shows the server's words; the page stays.
  await check('a wrong password shows the server’s message and stays on the sign-in page', async () => {
    const page = await newPage(desktop, 'wrong-password');
    const response = await signInByKeyboard(page, ACCOUNTS.editor.email, `${ACCOUNTS.editor.password}-wrong`, false);
    expect(response.status() === 401, `POST /api/v1/session answered ${response.status()}`);
    const said = await serverWords(response);
    await page.waitForSelector('#login-form .form-error.shown', { timeout: 10000 });
    const shown = await page.textContent('#login-form .form-error');
    expect(shown.includes(said), `the page says “${shown}”, the server “${said}”`);
    expect((await page.getAttribute('#login-form .form-error', 'aria-live')) === 'assertive', 'the error is not announced');
    expect((await page.getAttribute('#login-password', 'aria-invalid')) === 'true', 'the password is not marked invalid');
    expect(page.url().includes('acceso.html'), `moved to ${page.url()}`);
    await shot(page, 'login-error-desktop');
    await page.close();
    return said;
  });

  const editorPage = await newPage(desktop, 'editor');
  await check('the editor signs in with the keyboard only and arrives on “mi cuenta” with their roles', async () => {
    const response = await signInByKeyboard(editorPage, ACCOUNTS.editor.email, ACCOUNTS.editor.password);
    expect(response.status() === 200, `POST /api/v1/session answered ${response.status()}`);
    const csrf = await editorPage.evaluate(() => sessionStorage.getItem('metropoli.csrf'));
    expect(csrf && csrf.length > 0, 'the CSRF token of the answer is not kept');
    expect((await editorPage.textContent('#who-email')).trim() === ACCOUNTS.editor.email.toLowerCase(), 'wrong e-mail shown');
    const name = await editorPage.textContent('#who-name').catch(() => null);
    expect(name === ACCOUNTS.editor.name, `the name shown is “${name}”, the command line gave “${ACCOUNTS.editor.name}”`);
    const roles = await editorPage.$$eval('#who-roles li', (els) => els.map((e) => [e.getAttribute('data-role'), e.textContent]));
    expect(roles.some(([r, t]) => r === 'editor' && t.includes(editorOrg.name)), `roles shown: ${JSON.stringify(roles)}`);
    const header = await editorPage.$eval('#nav-account', (a) => [a.textContent, a.getAttribute('href')]);
    expect(header[1] === 'cuenta.html' && header[0].includes('Mi cuenta'), `header “${header[0]}” → ${header[1]}`);
    await shot(editorPage, 'account-desktop');
    return roles.map(([, t]) => t).join('; ');
  });

  await check('the dashboard’s header says “Mi cuenta” once signed in', async () => {
    const page = await newPage(desktop, 'index-signed-in');
    await page.goto(BASE, { waitUntil: 'networkidle' });
    await page.waitForSelector('#header-account', { timeout: 20000 });
    const link = await page.$eval('#header-account', (a) => [a.textContent, a.getAttribute('href')]);
    expect(link[1] === 'cuenta.html' && link[0].includes('Mi cuenta / My account'), `header “${link[0]}” → ${link[1]}`);
    await page.close();
  });

  await check('an API token is shown once, listed, and revoked', async () => {
    const page = editorPage;
    await page.fill('#token-name', 'carga semanal');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tokens') && r.request().method() === 'POST');
    await page.click('#token-submit');
    const response = await created;
    expect(response.status() === 201, `POST /api/v1/tokens answered ${response.status()}`);
    const token = (await response.json()).token;
    await page.waitForSelector('#token-value');
    expect((await page.inputValue('#token-value')) === token && token.startsWith('mtp_'), 'the token shown is not the one created');
    expect((await page.evaluate(() => document.activeElement?.id)) === 'token-shown-heading', 'focus did not move to the new token');
    await page.waitForSelector('#token-table tbody tr');
    const rows = await page.$$eval('#token-table tbody tr', (els) => els.map((e) => e.querySelector('th').textContent));
    expect(rows.includes('carga semanal'), `token list: ${rows}`);
    // The token works as a Bearer credential (the server's answer, not the page's).
    const who = await api('tokens', { headers: { Authorization: `Bearer ${token}` } });
    expect(who.status === 200, `GET /api/v1/tokens with the new token answered ${who.status}`);
    await shot(page, 'token-desktop');
    await page.click('#token-done');
    const html = await page.content();
    expect(!html.includes(token), 'the token is still in the page after “Listo”');
    const id = (await response.json()).id;
    await page.click(`button[data-revoke="${id}"]`);
    await page.waitForSelector(`#token-table tr[data-token="${id}"] [data-revoked]`, { timeout: 10000 });
    expect(!(await page.$(`button[data-revoke="${id}"]`)), 'a revoked token still offers “Revocar”');
    const after = await api('tokens', { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status === 401, `the revoked token still answers ${after.status}`);
    return `GET /api/v1/tokens with it: ${who.status} before revoking, ${after.status} after`;
  });

  await check('axe: “mi cuenta” has no violations', async () => {
    const v = await axe(editorPage);
    expect(v.length === 0, v.join('; '));
  });

  // 4. Editing an organisation as its editor: only its card has the control; the edit persists.
  let contact = '';
  await check('the editor edits their organisation in the directory and the change persists', async () => {
    const page = editorPage;
    await gotoReady(page, 'organizaciones.html', '#org-list > li');
    const editable = await page.$$eval('.org-edit', (els) => els.map((e) => e.closest('li').getAttribute('data-org')));
    expect(editable.join() === String(editorOrg.id), `edit controls on ${editable.join() || 'none'}, expected only ${editorOrg.id}`);
    const before = await api(`organisations/${editorOrg.id}`);
    // With the keyboard: Enter on the control opens the form with focus in it, Enter in a field saves.
    await page.focus(`#org-${editorOrg.id}-edit`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#org-${editorOrg.id}-f-contact`);
    expect((await page.evaluate(() => document.activeElement?.id)) === `org-${editorOrg.id}-f-name`, 'focus did not move into the form');
    contact = `Oficina de enlace, tel. 871 000 ${String(Date.now()).slice(-4)}`;
    await page.fill(`#org-${editorOrg.id}-f-contact`, contact);
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/v1/organisations/${editorOrg.id}`) && r.request().method() === 'PUT');
    await shot(page, 'directory-edit-desktop');
    await page.press(`#org-${editorOrg.id}-f-contact`, 'Enter');
    const response = await put;
    expect(response.status() === 200, `PUT answered ${response.status()}`);
    expect(response.request().headers()['if-match'] === before.etag, `If-Match ${response.request().headers()['if-match']}, the ETag ${before.etag}`);
    expect(response.request().headers()['x-csrf-token'], 'no X-CSRF-Token on the write');
    await page.waitForSelector(`#org-${editorOrg.id}-status.shown`);
    const card = await page.textContent(`li[data-org="${editorOrg.id}"]`);
    expect(card.includes(contact), 'the card does not show the new contact');
    expect((await page.evaluate(() => document.activeElement?.id)) === `org-${editorOrg.id}-name`, 'focus is not back on the card');
    const after = await api(`organisations/${editorOrg.id}`);
    expect(after.body.contact === contact, `the server has “${after.body.contact}”`);
    expect(after.body.version === before.body.version + 1, `version ${before.body.version} → ${after.body.version}`);
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector(`li[data-org="${editorOrg.id}"]`);
    expect((await page.textContent(`li[data-org="${editorOrg.id}"]`)).includes(contact), 'the change is gone after a reload');
    return `version ${after.body.version}: ${contact}`;
  });

  await check('the editor reads their organisation’s history: the edit, by them, with the contact before and after', async () => {
    const page = editorPage;
    const other = await page.$(`#org-${otherOrg.id}-history-toggle`);
    expect(!other, 'the history of another organisation is offered to this editor');
    await page.click(`#org-${editorOrg.id}-history-toggle`);
    await page.waitForSelector(`#org-${editorOrg.id}-history .history-entry`);
    const first = await page.textContent(`#org-${editorOrg.id}-history .history-entry`);
    expect(first.includes('organisation.update'), `the newest entry is “${first}”`);
    expect(first.includes('contact') && first.includes(contact), `the newest entry does not show the new contact: “${first}”`);
    const server = await api(`audit?entity=organisation:${editorOrg.id}`);
    expect(server.status === 401, `the public read an organisation's history: ${server.status}`);
    const entries = await page.$$eval(`#org-${editorOrg.id}-history .history-entry`, (els) => els.length);
    await shot(page, 'directory-history-desktop');
    return `${entries} entries, the newest organisation.update of contact`;
  });

  await check('a stale edit (someone else changed it meanwhile) shows the 412 and reloads', async () => {
    const page = editorPage;
    await page.click(`#org-${editorOrg.id}-edit`);
    await page.waitForSelector(`#org-${editorOrg.id}-f-website`);
    // Someone else (here the same editor from another tab) saves first.
    const other = await page.evaluate(async ({ id }) => {
      const r = await fetch(`api/v1/organisations/${id}`);
      const etag = r.headers.get('ETag');
      const o = await r.json();
      const w = await fetch(`api/v1/organisations/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': etag, 'X-CSRF-Token': sessionStorage.getItem('metropoli.csrf') },
        body: JSON.stringify({ contact: `${o.contact} (otra pestaña)` }),
      });
      return w.status;
    }, { id: editorOrg.id });
    expect(other === 200, `the other tab's edit answered ${other}`);
    await page.fill(`#org-${editorOrg.id}-f-website`, 'https://example.org/torreon');
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/v1/organisations/${editorOrg.id}`) && r.request().method() === 'PUT');
    await page.click(`#org-${editorOrg.id}-f-save`);
    const response = await put;
    expect(response.status() === 412, `PUT answered ${response.status()}`);
    await page.waitForSelector(`#org-${editorOrg.id}-f-form .form-error.shown`);
    const shown = await page.textContent(`#org-${editorOrg.id}-f-form .form-error`);
    expect(/Otra persona cambió/.test(shown) && /Someone else changed/.test(shown), `the page says “${shown}”`);
    await shot(page, 'directory-412-desktop');
    await page.click(`#org-${editorOrg.id}-f-reload`);
    await page.waitForFunction((id) => document.querySelector(`#org-${id}-f-contact`)?.value.includes('(otra pestaña)'), editorOrg.id, { timeout: 10000 });
    const server = await api(`organisations/${editorOrg.id}`);
    expect(server.body.website !== 'https://example.org/torreon', 'the stale edit was written');
    await page.click(`#org-${editorOrg.id}-f-cancel`);
    return shown.trim().slice(0, 80);
  });

  await check('admin area: an editor sees the server’s refusal', async () => {
    const page = await newPage(desktop, 'admin-refused');
    await gotoReady(page, 'admin.html', '#page-title');
    await page.waitForSelector('#admin-refused', { timeout: 15000 });
    const text = await page.textContent('#admin-refused');
    expect(/solo para quienes administran/.test(text), `the page says “${text}”`);
    expect((await page.$$('#account-table')).length === 0, 'the accounts table is shown');
    await shot(page, 'admin-refused-desktop');
    const v = await axe(page);
    expect(v.length === 0, `axe: ${v.join('; ')}`);
    await page.close();
    return text.trim().slice(0, 90);
  });

  // 5. The editor of another organisation: no control on this one, and the server refuses the write.
  const otherContext = await browser.newContext(DESKTOP);
  const otherPage = await newPage(otherContext, 'other');
  await check('the editor of another organisation has no edit control on it and the server answers 403', async () => {
    await signInByKeyboard(otherPage, ACCOUNTS.other.email, ACCOUNTS.other.password);
    await gotoReady(otherPage, 'organizaciones.html', '#org-list > li');
    const editable = await otherPage.$$eval('.org-edit', (els) => els.map((e) => e.closest('li').getAttribute('data-org')));
    expect(!editable.includes(String(editorOrg.id)), `an edit control on ${editorOrg.short_name}`);
    expect(editable.includes(String(otherOrg.id)), `no edit control on their own ${otherOrg.short_name}`);
    const status = await otherPage.evaluate(async ({ id }) => {
      const r = await fetch(`api/v1/organisations/${id}`);
      const w = await fetch(`api/v1/organisations/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag'), 'X-CSRF-Token': sessionStorage.getItem('metropoli.csrf') },
        body: JSON.stringify({ contact: 'no debería quedar' }),
      });
      return w.status;
    }, { id: editorOrg.id });
    expect(status === 403, `the server answered ${status} to the other editor's PUT`);
    expect((await api(`organisations/${editorOrg.id}`)).body.contact !== 'no debería quedar', 'the refused edit was written');
    await shot(otherPage, 'directory-other-editor-desktop');
    return `edit controls on ${editable.join()}; PUT → ${status}`;
  });

  // 6. Changing a password: the server's refusals, then the new one works and the old one fails.
  await check('changing the password shows the server’s refusals (too short, common, wrong current)', async () => {
    const page = otherPage;
    await gotoReady(page, 'cuenta.html', '#password-form');
    const attempts = [
      ['too short', ACCOUNTS.other.password, 'corta-123'],
      ['common', ACCOUNTS.other.password, COMMON],
      ['wrong current', `${ACCOUNTS.other.password}-x`, ACCOUNTS.new_password],
    ];
    const said = [];
    for (const [why, current, next] of attempts) {
      await page.fill('#pw-current', current);
      await page.fill('#pw-new', next);
      await page.fill('#pw-again', next);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/password'));
      await page.click('#pw-submit');
      const response = await answer;
      expect(response.status() >= 400 && response.status() < 500, `${why}: the server answered ${response.status()}`);
      const words = await serverWords(response);
      await page.waitForFunction((w) => document.querySelector('#password-form .form-error')?.textContent.includes(w), words, { timeout: 10000 });
      said.push(`${why}: ${response.status()}`);
    }
    await shot(page, 'password-refused-desktop');
    return said.join('; ');
  });

  await check('the password changes; signed out, the old password fails and the new one works', async () => {
    const page = otherPage;
    await page.fill('#pw-current', ACCOUNTS.other.password);
    await page.fill('#pw-new', ACCOUNTS.new_password);
    await page.fill('#pw-again', ACCOUNTS.new_password);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/password'));
    await page.click('#pw-submit');
    const response = await answer;
    expect(response.status() === 204, `PUT /api/v1/session/password answered ${response.status()}`);
    await page.waitForSelector('#password-form .form-ok.shown');
    // Sign out (the button), then the old password is refused and the new one accepted.
    await gotoReady(page, 'cuenta.html', '#sign-out');
    await page.click('#sign-out');
    await page.waitForURL(/acceso\.html\?salida=1/, { timeout: 10000 });
    await page.waitForSelector('#signed-out');
    const old = await signInByKeyboard(page, ACCOUNTS.other.email, ACCOUNTS.other.password, false);
    expect(old.status() === 401, `the old password answered ${old.status()}`);
    await page.waitForSelector('#login-form .form-error.shown');
    const fresh = await signInByKeyboard(page, ACCOUNTS.other.email, ACCOUNTS.new_password);
    expect(fresh.status() === 200, `the new password answered ${fresh.status()}`);
    return `old → ${old.status()}, new → ${fresh.status()}`;
  });

  // 7. Sign out: the session is gone on the server, the pages say so.
  await check('signing out ends the session (the server answers 401, the pages offer sign-in)', async () => {
    const page = editorPage;
    await gotoReady(page, 'cuenta.html', '#sign-out');
    await page.click('#sign-out');
    await page.waitForURL(/acceso\.html\?salida=1/, { timeout: 10000 });
    await page.waitForSelector('#signed-out');
    const status = await page.evaluate(async () => (await fetch('api/v1/session')).status);
    expect(status === 401, `GET /api/v1/session after signing out: ${status}`);
    await gotoReady(page, 'cuenta.html', '#sign-in-link');
    const header = await page.$eval('#nav-account', (a) => a.getAttribute('href'));
    expect(header === 'acceso.html', `the header still links to ${header}`);
    await gotoReady(page, 'organizaciones.html', '#org-list > li');
    expect((await page.$$('.org-edit')).length === 0, 'edit controls after signing out');
    await shot(page, 'signed-out-desktop');
    return `GET /api/v1/session → ${status}`;
  });

  // 8. The admin area.
  const adminContext = await browser.newContext(DESKTOP);
  const adminPage = await newPage(adminContext, 'admin');
  await check('an admin sees every account and organisation, creates an account and grants a role', async () => {
    await signInByKeyboard(adminPage, ACCOUNTS.admin.email, ACCOUNTS.admin.password);
    await gotoReady(adminPage, 'admin.html', '#account-table');
    const emails = await adminPage.$$eval('#account-table tbody tr', (els) => els.map((e) => e.getAttribute('data-email')));
    for (const a of [ACCOUNTS.admin, ACCOUNTS.editor, ACCOUNTS.other]) expect(emails.includes(a.email.toLowerCase()), `${a.email} not listed (${emails})`);
    await adminPage.waitForSelector('#org-table tbody tr');
    const orgRows = await adminPage.$$eval('#org-table tbody tr[data-org]', (els) => els.length);
    expect(orgRows === (await api('organisations')).body.organisations.length, `${orgRows} organisations in the table`);
    // A new account, an editor of the editor's organisation.
    const email = `analista-${Date.now()}@metropoli.test`;
    await adminPage.click('#account-new summary');
    await adminPage.fill('#acc-email', email);
    await adminPage.fill('#acc-name', 'Analista de Prueba');
    await adminPage.fill('#acc-password', ACCOUNTS.new_password);
    await adminPage.selectOption('#acc-org', String(editorOrg.id));
    await adminPage.selectOption('#acc-role', 'editor');
    const created = adminPage.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
    await adminPage.click('#acc-submit');
    const response = await created;
    expect(response.status() === 201, `POST /api/v1/accounts answered ${response.status()}: ${await response.text()}`);
    await adminPage.waitForSelector(`#account-table tr[data-email="${email}"]`, { timeout: 10000 });
    const row = await adminPage.textContent(`#account-table tr[data-email="${email}"]`);
    expect(row.includes(editorOrg.name), `the new account's roles: “${row}”`);
    // Grant it the analyst role.
    const id = await adminPage.getAttribute(`#account-table tr[data-email="${email}"]`, 'data-account');
    await adminPage.click(`#account-table tr[data-email="${email}"] details summary`);
    await adminPage.selectOption(`#grant-${id}-role`, 'analyst');
    const granted = adminPage.waitForResponse((r) => r.url().endsWith(`/api/v1/accounts/${id}/grants`));
    await adminPage.click(`#grant-${id}-submit`);
    const g = await granted;
    expect(g.status() >= 200 && g.status() < 300, `POST grants answered ${g.status()}`);
    await adminPage.waitForFunction((e) => /Análisis/.test(document.querySelector(`#account-table tr[data-email="${e}"]`)?.textContent ?? ''), email, { timeout: 10000 });
    await shot(adminPage, 'admin-desktop');
    return `${emails.length} accounts before, ${orgRows} organisations; created ${email}`;
  });

  // 9. Accessibility and phone width of every new page.
  await check('axe: no violations on the sign-in page, the directory (signed in as admin) and the admin area', async () => {
    const found = [];
    for (const path of ['admin.html', 'organizaciones.html']) {
      await gotoReady(adminPage, path, '#page-title');
      await adminPage.waitForLoadState('networkidle');
      for (const v of await axe(adminPage)) found.push(`${path}: ${v}`);
    }
    const anon = await newPage(desktop, 'axe-login');
    await gotoReady(anon, 'acceso.html', '#login-form');
    for (const v of await axe(anon)) found.push(`acceso.html: ${v}`);
    await shot(anon, 'login-desktop');
    await anon.close();
    expect(found.length === 0, found.join('; '));
  });

  await check('phone: every access page fits the width', async () => {
    const context = await browser.newContext(PHONE);
    const page = await newPage(context, 'phone');
    const wide = [];
    await gotoReady(page, 'acceso.html', '#login-form');
    if ((await overflow(page)) > 1) wide.push('acceso.html');
    await shot(page, 'login-phone');
    await signInByKeyboard(page, ACCOUNTS.admin.email, ACCOUNTS.admin.password);
    if ((await overflow(page)) > 1) wide.push('cuenta.html');
    await shot(page, 'account-phone');
    await gotoReady(page, 'admin.html', '#account-table');
    if ((await overflow(page)) > 1) wide.push('admin.html');
    await shot(page, 'admin-phone');
    await context.close();
    expect(wide.length === 0, `wider than the phone: ${wide.join(', ')}`);
  });

  await check('no uncaught exceptions or console errors in the pages', async () => {
    expect(pageErrors.length === 0, pageErrors.slice(0, 5).join(' | '));
  });
} catch (e) {
  failed++;
  problems.push(`run: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : String(e)}`);
  console.log(`FAIL run — ${e && e.message}`);
} finally {
  await browser.close().catch(() => {});
}

if (failed) console.log(`\nFailures:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
console.log(`Screenshots (${SHOTS}): ${screenshots.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
