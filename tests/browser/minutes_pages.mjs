#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the minutes pages (actas.html, issue 12): Debian's chromium driven by playwright-core against a
// live `metropoli serve` (tests/browser/minutes_test.py makes the database, the accounts and the meeting).
//
//   node tests/browser/minutes_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON
//
// ACCOUNTS_JSON: {"coordinator": {"email", "password"}, "member": {"email", "password", "name"}, "body": id,
// "meeting": id}. A coordinator drafts the minutes of the meeting, the member (who attended for a seat) amends
// them, the coordinator accepts the amendment, the member votes, the coordinator approves; the public page shows
// the approved text with its SHA-256 (equal to the API's) and its signatories; a save from a page opened before
// the approval shows the server's 409 in its words. axe-core on every page, no sideways scrolling on a phone.
// Prints one line per check and `N passed, M failed`; exits 1 on a failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, accountsArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !accountsArg) {
  console.error('usage: node tests/browser/minutes_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const ACCOUNTS = JSON.parse(readFileSync(accountsArg, 'utf8'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

async function api(path) {
  const r = await fetch(new URL(`api/v1/${path}`, BASE));
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'es-MX' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' };

const pageErrors = [];
function watch(page, name) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    pageErrors.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => pageErrors.push(`${name}: uncaught ${err.message}`));
  return page;
}

async function shot(page, name) {
  const file = `actas-${name}.png`;
  await page.screenshot({ path: join(SHOTS, file), fullPage: true });
  screenshots.push(file);
}

async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

async function gotoReady(page, path, selector) {
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  await page.waitForSelector(selector, { timeout: 20000 });
}

async function signedIn(name, account) {
  const context = await browser.newContext(DESKTOP);
  const page = watch(await context.newPage(), name);
  await gotoReady(page, 'acceso.html', '#login-form');
  await page.fill('#login-email', account.email);
  await page.fill('#login-password', account.password);
  await Promise.all([page.waitForURL(/cuenta\.html/, { timeout: 20000 }), page.press('#login-password', 'Enter')]);
  return { context, page };
}

const body = ACCOUNTS.body;
const meeting = ACCOUNTS.meeting;
const axeFound = [];
let minutesId = 0;

try {
  const anonymous = await browser.newContext(DESKTOP);
  const anon = watch(await anonymous.newPage(), 'anonymous');
  const coordinator = await signedIn('coordinator', ACCOUNTS.coordinator);
  const member = await signedIn('member', ACCOUNTS.member);
  const working = () => `actas.html?body=${body}&id=${minutesId}`;

  await check('the public list shows the approved example minutes with their hash', async () => {
    await gotoReady(anon, 'actas.html', '#minutes-list');
    const published = (await api('minutes?published=true')).body.minutes;
    expect(published.length === 1 && published[0].example, `the API lists ${published.length} published minutes`);
    const text = await anon.textContent('#minutes-list');
    expect(text.includes(published[0].text_sha256), 'the list does not show the SHA-256 the API gives');
    expect(await anon.isVisible('#nav-minutes'), 'no "Actas / Minutes" link in the navigation');
    axeFound.push(...(await axe(anon)).map((v) => `list: ${v}`));
    await shot(anon, 'list');
  });

  await check('a coordinator drafts the minutes of the meeting', async () => {
    const page = coordinator.page;
    await gotoReady(page, `actas.html?body=${body}&meeting=${meeting}`, '#draft-form');
    expect((await page.evaluate(() => document.activeElement?.id)) === 'draft-text', 'the text has no focus on arrival');
    await page.keyboard.type('# Acta de la sesión de junio\n\nAsistieron cuatro asientos de la Mesa.\n\n1. Se revisa la ocupación hospitalaria de Torreón y Gómez Palacio.');
    await Promise.all([page.waitForURL(/actas\.html\?body=\d+&id=\d+/, { timeout: 20000 }), page.click('#draft-submit')]);
    await page.waitForSelector('#editor-form');
    minutesId = Number(new URL(page.url()).searchParams.get('id'));
    expect(minutesId > 0, 'no minutes id in the address');
    expect((await page.textContent('#minutes-state')).includes('Borrador'), 'not shown as a draft');
    expect((await page.textContent('#editor-version')).includes('1'), 'no version 1 shown');
    axeFound.push(...(await axe(page)).map((v) => `working (coordinator): ${v}`));
    await shot(page, 'draft');
    return `minutes ${minutesId}`;
  });

  await check('the draft is not public', async () => {
    const r = await api(`minutes/${minutesId}`);
    expect(r.status === 404, `GET /api/v1/minutes/${minutesId} answered ${r.status}`);
  });

  let amendment = 0;
  await check('the member who attended amends the draft', async () => {
    const page = member.page;
    await gotoReady(page, working(), '#amend-form');
    expect(!(await page.isVisible('#editor-form')), 'a member sees the coordinator’s editor');
    await page.fill('#amend-replaces', 'cuatro asientos');
    await page.fill('#amend-text', 'cuatro de los seis asientos');
    await page.click('#amend-submit');
    await page.waitForSelector('.amendment[data-state="proposed"]');
    amendment = Number((await page.getAttribute('.amendment', 'id')).replace('amendment-', ''));
    const item = await page.textContent(`#amendment-${amendment}`);
    expect(item.includes(ACCOUNTS.member.name), `the amendment does not name its author: ${item}`);
    axeFound.push(...(await axe(page)).map((v) => `working (member): ${v}`));
    await shot(page, 'amendment');
  });

  await check('the coordinator accepts the amendment into the draft', async () => {
    const page = coordinator.page;
    await gotoReady(page, working(), `#amendment-${amendment}-accept`);
    await page.click(`#amendment-${amendment}-accept`);
    await page.waitForSelector(`#amendment-${amendment}[data-state="accepted"]`);
    const text = await page.textContent('#minutes-text');
    expect(text.includes('cuatro de los seis asientos'), `the draft does not carry the amendment: ${text}`);
    expect((await page.textContent('#editor-version')).includes('2'), 'the version did not go up');
  });

  await check('the member votes and the page shows the server’s tally', async () => {
    const page = member.page;
    await gotoReady(page, working(), '#vote-for');
    await page.click('#vote-for');
    await page.waitForFunction(() => document.querySelector('#tally-for')?.textContent === '1');
    const tally = (await (await fetch(new URL(`api/v1/bodies/${body}/minutes/${minutesId}`, BASE))).status);
    expect(tally === 401, `the working route answered the anonymous ${tally}`);
    const result = await page.textContent('#tally-result');
    expect(result.includes('aprobada') || result.includes('carried'), `not carried: ${result}`);
    expect((await page.textContent('#tally-quorum')).includes('4 / 6'), 'the quorum line does not say 4 / 6');
    await shot(page, 'vote');
  });

  // A page opened before the approval, as a second coordinator would have it.
  const stale = watch(await coordinator.context.newPage(), 'coordinator (stale)');
  await check('the coordinator approves: the hash and the signatories appear', async () => {
    await gotoReady(stale, working(), '#editor-form');
    const page = coordinator.page;
    await gotoReady(page, working(), '#approve');
    await page.click('#approve');
    await page.waitForSelector('#minutes-sha256');
    const hash = (await page.textContent('#minutes-sha256')).trim();
    expect(/^[0-9a-f]{64}$/.test(hash), `no SHA-256 shown: ${hash}`);
    expect((await page.textContent('#minutes-state')).includes('Aprobada'), 'not shown as approved');
    expect(!(await page.isVisible('#editor-form')), 'the editor is still offered on approved minutes');
    await shot(page, 'approved');
  });

  await check('a save after the approval shows the server’s 409', async () => {
    await stale.fill('#editor-text', 'Un cambio tardío.');
    const answer = stale.waitForResponse((r) => r.url().includes(`/minutes/${minutesId}`) && r.request().method() === 'PUT');
    await stale.click('#editor-save');
    const response = await answer;
    expect(response.status() === 409, `the save answered ${response.status()}`);
    await stale.waitForSelector('#editor-form .form-error.shown');
    const said = await stale.textContent('#editor-form .form-error');
    expect(said.includes('approved minutes are immutable; file a correction'), `the page says: ${said}`);
    await shot(stale, '409');
  });

  await check('the public page shows the approved minutes with their hash and signatories', async () => {
    const api_minutes = (await api(`minutes/${minutesId}`)).body;
    expect(api_minutes && api_minutes.state === 'approved', 'the API does not give the approved minutes to everyone');
    await gotoReady(anon, `actas.html?id=${minutesId}`, '#minutes-sha256');
    expect((await anon.textContent('#minutes-sha256')).trim() === api_minutes.text_sha256, 'the page’s hash is not the API’s');
    const signatories = await anon.textContent('#minutes-signatories');
    expect(signatories.includes(ACCOUNTS.member.name), `the member who voted for does not sign: ${signatories}`);
    expect((await anon.textContent('#minutes-text')).includes('cuatro de los seis asientos'), 'the text is not the approved one');
    expect(await anon.isVisible('#minutes-text h2'), 'the Markdown heading is not rendered');
    axeFound.push(...(await axe(anon)).map((v) => `public: ${v}`));
    await shot(anon, 'public');
  });

  await check('axe-core: no violation on the minutes pages', async () => {
    expect(axeFound.length === 0, axeFound.join('; '));
  });

  await check('phone: the public and working pages fit the width', async () => {
    const context = await browser.newContext(PHONE);
    const page = watch(await context.newPage(), 'phone');
    const wide = [];
    for (const path of ['actas.html', `actas.html?id=${minutesId}`]) {
      await gotoReady(page, path, '#page-title');
      if ((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) > 1) wide.push(path);
    }
    await shot(page, 'phone');
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
