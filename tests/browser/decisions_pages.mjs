#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of a vote on a harmonised decision (decisiones.html, issue 13): Debian's chromium driven by
// playwright-core against a live `metropoli serve` (tests/browser/decisions_test.py makes the database, the
// accounts, the meeting, the proposal and three seats' votes).
//
//   node tests/browser/decisions_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON
//
// ACCOUNTS_JSON: {"coordinator": {"email", "password"}, "member": {"email", "password", "name"}, "body": id,
// "meeting": id, "decision": id}. The public page shows the proposal with the server's tally (three for); the
// member, who attended for a seat, signs in and votes for; the tally shows four and the member's vote by seat; a
// second vote of the same seat shows the server's 409; the coordinator closes the vote and the page shows the
// decision carried with the agreements it created, equal to the API's; the compliance calendar has a row per
// municipality with the statuses the API gives; the preset's example decision (ACCOUNTS_JSON "example") shows as an
// example, carried 5 to 1, with its four agreements (examples too) and its calendar. axe-core on every page, no
// sideways scrolling on a phone.
// Prints one line per check and `N passed, M failed`; exits 1 on a failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, accountsArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !accountsArg) {
  console.error('usage: node tests/browser/decisions_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON');
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
  const file = `decisiones-${name}.png`;
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

const decisionId = ACCOUNTS.decision;
const axeFound = [];
const path = `decisiones.html?id=${decisionId}`;

try {
  const anonymous = await browser.newContext(DESKTOP);
  const anon = watch(await anonymous.newPage(), 'anonymous');
  const member = await signedIn('member', ACCOUNTS.member);
  const coordinator = await signedIn('coordinator', ACCOUNTS.coordinator);

  await check('the public page shows the proposal with the server’s tally', async () => {
    await gotoReady(anon, path, '#minutes-tally');
    const d = (await api(`decisions/${decisionId}`)).body;
    expect(d.state === 'proposed' && d.tally.for === 3, `the API gives ${d.state} with ${d.tally.for} for`);
    expect((await anon.textContent('#decision-state')).includes('En votación'), 'not shown as being voted');
    expect((await anon.textContent('#tally-for')).trim() === '3', 'the page does not show the 3 votes for');
    expect((await anon.textContent('#decision-measure')).includes(d.measure_text.es), 'the measure is not the server’s words');
    expect(!(await anon.isVisible('#vote-for')), 'an anonymous visitor is offered the vote');
    expect((await anon.$$('#decision-places li')).length === 5, 'not five municipalities');
    await anon.waitForSelector('#compliance-calendar');
    axeFound.push(...(await axe(anon)).map((v) => `public: ${v}`));
    await shot(anon, 'public');
  });

  await check('the member signs in and votes for: the tally and the vote by seat show', async () => {
    const page = member.page;
    await gotoReady(page, path, '#vote-for');
    await page.click('#vote-for');
    await page.waitForFunction(() => document.querySelector('#tally-for')?.textContent === '4', null, { timeout: 20000 });
    const d = (await api(`decisions/${decisionId}`)).body;
    expect(d.tally.for === 4 && d.votes.length === 4, `the API counts ${d.tally.for} for in ${d.votes.length} votes`);
    const mine = d.votes.find((v) => v.person === ACCOUNTS.member.name);
    expect(mine && mine.choice === 'for', `no vote of the member in the API: ${JSON.stringify(d.votes)}`);
    const listed = await page.textContent(`#votes li[data-seat="${mine.seat}"]`);
    expect(listed.includes(ACCOUNTS.member.name) && listed.includes('A favor'), `the page lists: ${listed}`);
    expect((await page.textContent('#tally-quorum')).includes('5 / 6'), 'the quorum line does not say 5 / 6');
    expect((await page.textContent('#tally-result')).includes('aprobada'), 'the tally does not say carried');
    axeFound.push(...(await axe(page)).map((v) => `member: ${v}`));
    await shot(page, 'voted');
  });

  await check('a second vote of the same seat shows the server’s 409', async () => {
    const page = member.page;
    const answer = page.waitForResponse((r) => r.url().includes(`/decisions/${decisionId}/votes`) && r.request().method() === 'POST');
    await page.click('#vote-against');
    const response = await answer;
    expect(response.status() === 409, `the second vote answered ${response.status()}`);
    await page.waitForSelector('#vote-title ~ .form-messages .form-error.shown, .card .form-error.shown');
    const said = await page.textContent('.card .form-error.shown');
    expect(said.includes('has voted'), `the page says: ${said}`);
    expect((await api(`decisions/${decisionId}`)).body.tally.against === 0, 'a vote against was counted');
  });

  await check('the coordinator closes the vote: carried, with the agreements it created', async () => {
    const page = coordinator.page;
    await gotoReady(page, path, '#close-vote');
    await page.click('#close-vote');
    await page.waitForSelector('#decision-state[data-state="carried"]', { timeout: 20000 });
    const d = (await api(`decisions/${decisionId}`)).body;
    expect(d.state === 'carried' && d.agreement_details.length === 3, `the API: ${d.state}, ${d.agreement_details.length} agreements`);
    const items = await page.$$eval('#decision-agreements li', (els) => els.map((e) => e.textContent));
    expect(items.length === 3, `the page lists ${items.length} agreements`);
    for (const a of d.agreement_details)
      expect(items.some((t) => t.includes(a.reference) && t.includes(a.responsible_name)), `${a.reference} of ${a.responsible_name} is not listed`);
    expect(!(await page.isVisible('#vote-for')) && !(await page.isVisible('#close-vote')), 'a closed vote still offers voting or closing');
    const href = await page.getAttribute('#decision-agreements li a', 'href');
    expect(href === `acuerdos.html?id=${d.agreement_details[0].id}`, `the agreement links to ${href}`);
    axeFound.push(...(await axe(page)).map((v) => `closed: ${v}`));
    await shot(page, 'carried');
    return d.agreement_details.map((a) => a.reference).join(', ');
  });

  await check('the compliance calendar has a row per municipality with the server’s statuses', async () => {
    const c = (await api(`decisions/${decisionId}/compliance`)).body;
    await gotoReady(anon, path, '#compliance-calendar');
    const rows = await anon.$$eval('#compliance-calendar tbody tr', (trs) => trs.map((tr) => ({
      code: tr.getAttribute('data-code'),
      statuses: [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-status')),
    })));
    expect(rows.length === 5, `${rows.length} rows`);
    for (const j of c.jurisdictions) {
      const row = rows.find((r) => r.code === j.code);
      expect(row && row.statuses.join() === j.days.map((d) => d.status).join(), `${j.code}: the page's statuses are not the API's`);
    }
    const all = rows.flatMap((r) => r.statuses);
    expect(all.includes('complies') && all.includes('laxer'), `Durango's curfew complies and Coahuila's absence is laxer: ${[...new Set(all)]}`);
    const lags = await anon.$$eval('#compliance-summary tbody tr', (trs) => Object.fromEntries(trs.map((t) => [t.getAttribute('data-code'), t.querySelector('.lag-days').textContent])));
    for (const j of c.jurisdictions)
      expect(lags[j.code] === (j.lag_days === null ? '—' : String(j.lag_days)), `${j.code}: the page's lag ${lags[j.code]}, the API's ${j.lag_days}`);
    return `${c.from}..${c.to}`;
  });

  await check('the preset’s example decision: marked as one, carried 5 to 1, its four agreements and its calendar', async () => {
    const id = ACCOUNTS.example;
    const d = (await api(`decisions/${id}`)).body;
    expect(d.example === true && d.state === 'carried', `the API gives example ${d.example}, ${d.state}`);
    expect(d.tally.for === 5 && d.tally.against === 1 && d.tally.abstain === 0, `the API's tally ${JSON.stringify(d.tally)}`);
    expect(d.applies_from === '2020-11-12' && d.measure_text.es.includes('22:00–05:00'), `the API's measure ${d.measure_text.es} from ${d.applies_from}`);
    await gotoReady(anon, `decisiones.html?id=${id}`, '#compliance-calendar tbody tr');
    expect(await anon.isVisible('#decision-example'), 'the page does not say it is an example');
    expect((await anon.getAttribute('#decision-state', 'data-state')) === 'carried', 'not shown as carried');
    expect((await anon.textContent('#tally-for')).trim() === '5', 'the page does not show the 5 votes for');
    expect((await anon.$$('#votes li')).length === 6, 'not six votes by seat');
    const items = await anon.$$eval('#decision-agreements li', (els) => els.map((e) => e.textContent));
    expect(items.length === 4 && d.agreement_details.length === 4, `${items.length} agreements listed, the API's ${d.agreement_details.length}`);
    for (const a of d.agreement_details) {
      expect(items.some((t) => t.includes(a.reference) && t.includes(a.responsible_name)), `${a.reference} of ${a.responsible_name} is not listed`);
      const full = (await api(`agreements/${a.id}`)).body;
      expect(full.example === true, `${a.reference} is not marked as an example`);
    }
    const c = (await api(`decisions/${id}/compliance`)).body;
    const rows = await anon.$$eval('#compliance-calendar tbody tr', (trs) => trs.map((tr) => ({
      code: tr.getAttribute('data-code'),
      statuses: [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-status')),
    })));
    for (const j of c.jurisdictions) {
      const row = rows.find((r) => r.code === j.code);
      expect(row && row.statuses.join() === j.days.map((x) => x.status).join(), `${j.code}: the page's statuses are not the API's`);
    }
    // Durango's curfew of 3-17 November 2020 complies in Gómez Palacio and Lerdo from the agreed day; Coahuila's
    // absence of one is laxer in Torreón.
    const status = (code, day) => c.jurisdictions.find((j) => j.code === code).days.find((x) => x.date === day).status;
    expect(status('10007', '2020-11-12') === 'complies' && status('10012', '2020-11-12') === 'complies', 'Durango’s municipalities do not comply on 12 November');
    expect(status('05035', '2020-11-12') === 'laxer', `Torreón on 12 November: ${status('05035', '2020-11-12')}`);
    axeFound.push(...(await axe(anon)).map((v) => `example: ${v}`));
    await shot(anon, 'example');
    return `${d.reference}, ${d.agreement_details.map((a) => a.reference).join(', ')}`;
  });

  await check('the list shows both decisions, the example marked as one', async () => {
    await gotoReady(anon, 'decisiones.html', '#decision-list li');
    const items = await anon.$$eval('#decision-list li', (els) => els.map((e) => ({ id: Number(e.getAttribute('data-id')), example: !!e.querySelector('.decision-example-badge') })));
    expect(items.length === 2, `${items.length} decisions listed`);
    expect(items.find((i) => i.id === ACCOUNTS.example)?.example === true, 'the example is not marked');
    expect(items.find((i) => i.id === decisionId)?.example === false, 'the proposal is marked as an example');
    expect((await anon.$$('#decision-state')).length === 0, 'the list repeats the decision page’s #decision-state');
  });

  await check('the Mesa meeting page links to its decisions', async () => {
    await gotoReady(anon, `decisiones.html?meeting=${ACCOUNTS.meeting}`, '#decision-list');
    expect((await anon.$$('#decision-list li')).length === 1, 'the meeting lists no decision');
  });

  await check('axe-core: no violation on the decisions pages', async () => {
    expect(axeFound.length === 0, axeFound.join('; '));
  });

  await check('phone: the decision page fits the width (the calendar scrolls inside its region)', async () => {
    const context = await browser.newContext(PHONE);
    const page = watch(await context.newPage(), 'phone');
    await gotoReady(page, path, '#compliance-calendar');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot(page, 'phone');
    await context.close();
    expect(wide <= 1, `wider than the phone by ${wide} px`);
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
