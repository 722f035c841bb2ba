#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the Mesa page (issue 12): Debian's chromium driven by playwright-core against a live
// `metropoli serve` whose coordinator the command line made (tests/browser/mesa_test.py makes it).
//
//   node tests/browser/mesa_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON
//
// ACCOUNTS_JSON: {"coordinator": {"email", "password"}} (a file, never the command line). Every expected value is
// read from the API the page uses. Checks: the nav link; the public page lists the six seats with no coordinator
// form; a seat's history opens; the example meeting shows its agenda and the server's quorum; the coordinator
// signs in, a convene refused names the field (the server's words), then convenes; adds agenda items, a sub-item
// that does not fit refused naming it; records attendance with the keyboard and sees the server's quorum; axe-core
// finds no violation on each page; no sideways scrolling on a phone. Screenshots mesa-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, accountsArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !accountsArg) {
  console.error('usage: node tests/browser/mesa_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNTS_JSON');
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
async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${typeof detail === 'string' && detail ? ` — ${detail}` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} — ${e && e.message ? e.message.split('\n')[0] : String(e)}`);
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
  await page.screenshot({ path: join(SHOTS, `mesa-${name}.png`), fullPage: true });
}

async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

async function axeClean(page, where) {
  const v = await axe(page);
  expect(v.length === 0, `axe on ${where}: ${v.join('; ')}`);
}

async function gotoReady(page, path, selector) {
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  await page.waitForSelector(selector, { timeout: 20000 });
}

const bodies = (await api('bodies')).body.bodies;
const mesa = bodies[0];
const seats = (await api(`bodies/${mesa.id}/seats`)).body.seats;
const meetings = (await api(`bodies/${mesa.id}/meetings`)).body.meetings;
const example = meetings.find((m) => m.example);

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'es-MX' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' };

try {
  const desktop = await browser.newContext(DESKTOP);
  console.log(`# ${BASE}: ${mesa.name}, ${seats.length} seats, ${meetings.length} meeting(s)`);

  await check('the public Mesa page lists the six seats the API gives, with no coordinator form', async () => {
    const page = watch(await desktop.newPage(), 'mesa');
    await gotoReady(page, 'mesa.html', '#seats-table tbody tr[data-seat]');
    const ids = await page.$$eval('#seats-table tbody tr[data-seat]', (rows) => rows.map((r) => Number(r.getAttribute('data-seat'))));
    expect(seats.length === 6, `the API lists ${seats.length} seats`);
    expect(ids.join() === seats.map((s) => s.id).join(), `rows ${ids.join()} vs API ${seats.map((s) => s.id).join()}`);
    const text = await page.textContent('#seats-table');
    for (const s of seats) expect(text.includes(s.organisation_name), `“${s.organisation_name}” missing`);
    expect(!(await page.$('#convene-form')), 'a convene form for an anonymous visitor');
    const nav = await page.textContent('#nav-mesa');
    expect(/Mesa de Salud \/ Health Board/.test(nav), `nav link “${nav}”`);
    expect((await page.$$('#meetings-past .meeting-item, #meetings-next .meeting-item')).length === meetings.length, 'meetings listed differ from the API');
    const ics = await page.getAttribute('#body-calendar', 'href');
    const r = await fetch(new URL(ics, BASE));
    const cal = await r.text();
    expect(r.headers.get('content-type').startsWith('text/calendar') && cal.startsWith('BEGIN:VCALENDAR\r\n'), 'the .ics link is not a calendar');
    await axeClean(page, 'mesa.html');
    await shot(page, 'body-desktop');
    await page.close();
    return `${ids.length} seats`;
  });

  await check('a seat’s history opens with the keyboard and lists its terms', async () => {
    const page = watch(await desktop.newPage(), 'history');
    await gotoReady(page, 'mesa.html', '#seats-table tbody tr[data-seat]');
    const seat = seats[0];
    await page.focus(`#seat-${seat.id}-history-toggle`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#seat-${seat.id}-history li`, { timeout: 10000 });
    const terms = (await api(`seats/${seat.id}/history`)).body.terms;
    const shown = await page.$$(`#seat-${seat.id}-history li`);
    expect(shown.length === terms.length, `${shown.length} terms shown, the API ${terms.length}`);
    expect((await page.getAttribute(`#seat-${seat.id}-history-toggle`, 'aria-expanded')) === 'true', 'aria-expanded not set');
    await page.close();
  });

  await check('the example meeting shows its agenda and the quorum the server computed', async () => {
    expect(example, 'no example meeting in the API');
    const detail = (await api(`meetings/${example.id}`)).body;
    const page = watch(await desktop.newPage(), 'example');
    await gotoReady(page, `mesa.html?meeting=${example.id}`, '#agenda-table');
    const rows = await page.$$('#agenda-table tbody tr');
    const items = detail.agenda.reduce((n, i) => n + 1 + i.children.length, 0);
    expect(rows.length === items, `${rows.length} agenda rows, the API ${items}`);
    const total = await page.textContent('#agenda-total');
    expect(total.includes(`${detail.agenda_minutes} de ${detail.meeting_minutes}`), `total “${total}”`);
    const quorum = await page.textContent('#quorum');
    const q = detail.quorum;
    expect(quorum.includes(`${q.present_voting} de ${q.voting_seats}`) && quorum.includes(`se requieren ${q.required}`), `quorum “${quorum}”`);
    expect(!(await page.$('#attendance-form')), 'an attendance form for an anonymous visitor');
    await axeClean(page, 'the example meeting');
    await shot(page, 'example-meeting');
    await page.close();
    return quorum.trim().slice(0, 60);
  });

  await check('on a phone the Mesa page does not scroll sideways', async () => {
    const phone = await browser.newContext(PHONE);
    const page = watch(await phone.newPage(), 'phone');
    await gotoReady(page, 'mesa.html', '#seats-table tbody tr[data-seat]');
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(over <= 1, `the page is ${over}px wider than the screen`);
    await shot(page, 'body-phone');
    await phone.close();
  });

  const page = watch(await desktop.newPage(), 'coordinator');
  let meetingId = 0;
  await check('the coordinator signs in and sees the convene form', async () => {
    await gotoReady(page, 'acceso.html?next=mesa.html', '#login-form');
    await page.fill('#login-email', ACCOUNTS.coordinator.email);
    await page.fill('#login-password', ACCOUNTS.coordinator.password);
    await page.press('#login-password', 'Enter');
    await page.waitForURL(/mesa\.html/, { timeout: 15000 });
    await page.waitForSelector('#convene-form', { timeout: 15000 });
  });

  await check('a convened meeting without its place is refused naming the field, then convened', async () => {
    await page.fill('#convene-title', 'Sesión ordinaria de prueba');
    await page.fill('#convene-starts', '2026-06-01T10:00');
    await page.fill('#convene-ends', '2026-06-01T12:00');
    const refused = page.waitForResponse((r) => r.url().includes('/meetings') && r.request().method() === 'POST');
    await page.click('#convene-submit');
    const answer = await refused;
    expect(answer.status() === 422, `the server answered ${answer.status()}`);
    const said = (await answer.json()).detail;
    await page.waitForSelector('#convene-form .form-error.shown', { timeout: 10000 });
    const shown = await page.textContent('#convene-form .form-error');
    expect(shown.includes(said), `the page says “${shown}”, the server “${said}”`);
    expect((await page.getAttribute('#convene-place', 'aria-invalid')) === 'true', 'the place is not marked invalid');
    expect((await page.evaluate(() => document.activeElement?.id)) === 'convene-place', 'focus is not on the place');
    await page.keyboard.type('Torreón, Coahuila');
    await page.click('#convene-submit');
    await page.waitForURL(/meeting=\d+/, { timeout: 15000 });
    meetingId = Number(new URL(page.url()).searchParams.get('meeting'));
    await page.waitForSelector('#agenda-form', { timeout: 15000 });
    return said;
  });

  await check('agenda items are added; a sub-item that does not fit is refused naming it and the minutes over', async () => {
    const add = async (title, minutes, parent) => {
      await page.fill('#agenda-title', title);
      await page.fill('#agenda-minutes', String(minutes));
      if (parent) await page.selectOption('#agenda-parent', { label: parent });
      const answer = page.waitForResponse((r) => r.url().includes('/agenda') && r.request().method() === 'POST');
      await page.click('#agenda-submit');
      return answer;
    };
    expect((await (await add('Informe de la situación', 60)).status()) === 201, 'the first item was refused');
    await page.waitForSelector('#agenda-table', { timeout: 10000 });
    expect((await (await add('Jurisdicción Sanitaria de Torreón', 40, 'Informe de la situación')).status()) === 201, 'the sub-item was refused');
    const over = await add('Gómez Palacio', 30, 'Informe de la situación');
    expect(over.status() === 422, `the overflowing sub-item answered ${over.status()}`);
    const said = (await over.json()).detail;
    expect(said.includes("'Gómez Palacio'") && said.includes('10 minutes over'), `the server said “${said}”`);
    await page.waitForSelector('#agenda-form .form-error.shown', { timeout: 10000 });
    const shown = await page.textContent('#agenda-form .form-error');
    expect(shown.includes(said), `the page says “${shown}”`);
    expect((await page.getAttribute('#agenda-minutes', 'aria-invalid')) === 'true', 'the duration is not marked invalid');
    const detail = (await api(`meetings/${meetingId}`)).body;
    expect(detail.agenda.length === 1 && detail.agenda[0].children.length === 1, 'the API’s agenda differs');
    const rows = await page.$$('#agenda-table tbody tr');
    expect(rows.length === 2, `${rows.length} rows`);
    await axeClean(page, 'the coordinator’s meeting page');
    return said;
  });

  await check('attendance taken with the keyboard shows the quorum the server computed', async () => {
    const detail = (await api(`meetings/${meetingId}`)).body;
    // Four present, one absent, one excused: with six voting seats, more than half asks for four.
    const statuses = ['present', 'present', 'present', 'present', 'absent', 'excused'];
    for (const [i, a] of detail.attendance.entries()) {
      await page.focus(`#attend-${a.seat}`);
      await page.selectOption(`#attend-${a.seat}`, statuses[i] ?? 'absent');
    }
    const answer = page.waitForResponse((r) => r.url().includes('/attendance') && r.request().method() === 'PUT');
    await page.focus('#attendance-submit');
    await page.keyboard.press('Enter');
    expect((await answer).status() === 200, 'the attendance was refused');
    await page.waitForSelector('#quorum.quorum-yes', { timeout: 10000 });
    const q = (await api(`meetings/${meetingId}`)).body.quorum;
    expect(q.present_voting === 4 && q.required === 4 && q.quorum, `the API says ${JSON.stringify(q)}`);
    const shown = await page.textContent('#quorum');
    expect(shown.includes('Hay quórum') && shown.includes(`${q.present_voting} de ${q.voting_seats}`), `quorum “${shown}”`);
    expect((await page.evaluate(() => document.activeElement?.id)) === 'quorum', 'focus did not move to the quorum');
    await axeClean(page, 'the meeting after attendance');
    await shot(page, 'meeting-coordinator');
    return shown.trim().slice(0, 60);
  });

  await check('no script error on any page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('; '));
  });
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
