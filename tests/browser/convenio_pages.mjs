#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the convenio and 3W pages (issue 12): Debian's chromium driven by playwright-core against a live
// `metropoli serve` (tests/browser/convenio_test.py prepares it).
//
//   node tests/browser/convenio_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNT_JSON
//
// ACCOUNT_JSON: {"email", "password", "clause", "agreement"}: a coordinator, and the clause the agreement (progress
// 40) was linked to. Checks, each against what the API says: the public convenio page shows the draft example, its
// parties unsigned and the clause's progress with a link to its agreement; a coordinator moves it to signature,
// is refused a signature without a signer (the field named), records one; the 3W page refuses a bad HXL file naming
// its row and column with nothing imported, imports a good one and shows the matrix with a gap and an overlap named
// in words; axe-core finds no violation; no sideways scrolling on a phone. Exits 1 on a failure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, accountArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !accountArg) {
  console.error('usage: node tests/browser/convenio_pages.mjs BASE_URL SCREENSHOT_DIR ACCOUNT_JSON');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const ACCOUNT = JSON.parse(readFileSync(accountArg, 'utf8'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let passed = 0;
let failed = 0;
const problems = [];
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
  return { status: r.status, body: await r.json() };
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
const newPage = async (context, name) => watch(await context.newPage(), name);
const shot = (page, file) => page.screenshot({ path: join(SHOTS, file), fullPage: true });
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
async function signIn(page) {
  await gotoReady(page, 'acceso.html', '#login-form');
  await page.fill('#login-email', ACCOUNT.email);
  await page.fill('#login-password', ACCOUNT.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/cuenta\.html/, { timeout: 15000 });
}

const listed = (await api('convenios')).body.convenios;
const seeded = (await api(`convenios/${listed[0].id}`)).body;

try {
  const desktop = await browser.newContext(DESKTOP);
  const phone = await browser.newContext(PHONE);
  console.log(`# ${BASE}: convenio ${seeded.id} “${seeded.title}”, ${seeded.parties.length} parties, ${seeded.clauses.length} clauses`);

  await check('the public convenio page shows the draft example, its unsigned parties and a clause’s progress', async () => {
    const page = await newPage(desktop, 'convenio-public');
    await gotoReady(page, 'convenio.html', '#parties');
    expect((await page.textContent('#page-title')).includes(seeded.title), 'no title');
    expect(await page.isVisible('#convenio-example'), 'the example notice is not shown');
    expect((await page.textContent('#convenio-status')).includes('Borrador'), 'status is not Borrador');
    const rows = await page.$$eval('#parties tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length === seeded.parties.length, `${rows.length} party rows, the API ${seeded.parties.length}`);
    expect(rows.every((t) => t.includes('Sin firma')), 'a party shows as signed');
    const clause = seeded.clauses.find((k) => k.id === ACCOUNT.clause);
    expect(clause && clause.progress === 40, `the API’s clause progress is ${clause?.progress}`);
    const progress = await page.textContent(`#clause-${clause.id}-progress`);
    expect(progress.includes('40 %'), `the clause shows “${progress}”`);
    const link = await page.$eval(`#clause-${clause.id} a`, (a) => a.getAttribute('href'));
    expect(link === `acuerdos.html?id=${ACCOUNT.agreement}`, `agreement link ${link}`);
    expect(await page.$('#coord-panel') === null, 'the coordinator panel is shown to the public');
    const v = await axe(page);
    expect(v.length === 0, `axe: ${v.join('; ')}`);
    await shot(page, 'convenio-public.png');
    await page.close();
    return `${clause.number}: ${progress.trim()}`;
  });

  const coordinator = await browser.newContext(DESKTOP);
  await check('a coordinator moves the convenio to signature and records a signature; a missing signer is named', async () => {
    const page = await newPage(coordinator, 'convenio-coordinator');
    await signIn(page);
    await gotoReady(page, 'convenio.html', '#coord-panel');
    await page.selectOption('#status-next', 'in_signature');
    await page.click('#status-form-submit');
    await page.waitForSelector('#sign-form', { timeout: 15000 });
    expect((await page.textContent('#convenio-status')).includes('En firma'), 'status is not En firma');
    const party = seeded.parties[0];
    await page.selectOption('#sign-party', String(party.id));
    await page.fill('#sign-on', '2026-01-20');
    await page.click('#sign-form-submit');
    await page.waitForSelector('#sign-form .form-error.shown', { timeout: 15000 });
    const error = await page.textContent('#sign-form .form-error');
    expect(/signed_by/.test(error), `the refusal does not name signed_by: “${error}”`);
    expect((await page.getAttribute('#sign-by', 'aria-invalid')) === 'true', 'the signer field is not marked invalid');
    await page.fill('#sign-by', 'Persona Titular de Prueba');
    await page.fill('#sign-title', 'Secretaría de Salud');
    await page.selectOption('#sign-evidence', 'scanned_copy');
    await page.fill('#sign-evidence-url', 'sha256:9f2c');
    await page.click('#sign-form-submit');
    await page.waitForSelector(`#parties tr[data-party="${party.id}"] .signed-yes`, { timeout: 15000 });
    const after = (await api(`convenios/${seeded.id}`)).body;
    expect(after.status === 'in_signature' && after.signed_parties === 1, `API: ${after.status}, ${after.signed_parties} signed`);
    expect(after.parties[0].signature.signed_by === 'Persona Titular de Prueba', 'the API has another signer');
    const v = await axe(page);
    expect(v.length === 0, `axe: ${v.join('; ')}`);
    await shot(page, 'convenio-signed.png');
    await page.close();
    return `${party.organisation_name} signed`;
  });

  const bad = join(SHOTS, '..', 'convenio-3w-bad.csv');
  const good = join(SHOTS, '..', 'convenio-3w-good.csv');
  const header = 'Organización,Sector,Actividad,Estado,Municipio,Inicio,Estatus,Alcanzadas\n#org+impl,#sector,#activity,#adm1+code,#adm2+code,#date+start,#status,#reached\n';
  writeFileSync(bad, `${header}Sociedad Civil Laguna,Salud,Brigadas,05,05035,2020-06-01,ongoing,100\nSociedad Civil Laguna,Salud,Brigadas,05,05035,2020-06-01,ongoing,muchas\n`);
  writeFileSync(good, `${header}Sociedad Civil Laguna,Salud,Brigadas de salud,05,05035,2020-06-01,ongoing,100\nSalud Gómez Palacio,Salud,Módulo de pruebas,05,05035,2020-06-10,ongoing,50\nSalud Gómez Palacio,Salud,Pruebas,10,10007,2020-06-10,planned,\n`);

  await check('the 3W page refuses a bad HXL row naming its row and column, then shows the imported matrix with a gap and an overlap', async () => {
    const page = await newPage(coordinator, '3w');
    await gotoReady(page, '3w.html', '#hxl-form');
    await page.setInputFiles('#hxl-file', bad);
    await page.click('#hxl-submit');
    await page.waitForSelector('#hxl-problems li', { timeout: 15000 });
    const listedProblems = await page.textContent('#hxl-problems');
    expect(/row 4/.test(listedProblems) && listedProblems.includes('#reached'), `problems: “${listedProblems}”`);
    expect((await api('activities')).body.activities.length === 0, 'a bad import wrote activities');
    await page.setInputFiles('#hxl-file', good);
    await page.click('#hxl-submit');
    await page.waitForFunction(() => document.querySelector('#page-said')?.textContent?.includes('Importadas 3'), null, { timeout: 15000 });
    const m = (await api('activities/matrix')).body;
    expect(m.overlaps.length === 1 && m.overlaps[0].municipality === 'Torreón', `API overlaps ${JSON.stringify(m.overlaps)}`);
    const overlaps = await page.textContent('#overlaps');
    expect(overlaps.includes(m.overlaps[0].text), `the page’s overlaps “${overlaps}”`);
    const gaps = await page.textContent('#gaps');
    expect(m.gaps.length > 0 && m.gaps.every((g) => gaps.includes(g.text)), `the page’s gaps “${gaps}”`);
    expect(gaps.includes('Lerdo'), 'no gap named in Lerdo');
    const cell = await page.textContent('#matrix td[data-sector="Salud"][data-code="05035"]');
    expect(cell.includes('Traslape') && cell.includes('150'), `the Torreón cell says “${cell}”`);
    await page.waitForSelector('#activity-map svg', { timeout: 15000 });
    const v = await axe(page);
    expect(v.length === 0, `axe: ${v.join('; ')}`);
    await shot(page, '3w-matrix.png');
    await page.close();
    return `${m.gaps.length} gaps, ${m.overlaps.length} overlap`;
  });

  await check('the public 3W and convenio pages fit a phone and pass axe', async () => {
    for (const [path, selector, file] of [['3w.html', '#matrix', '3w-phone.png'], ['convenio.html', '#parties', 'convenio-phone.png']]) {
      const page = await newPage(phone, path);
      await gotoReady(page, path, selector);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(over <= 1, `${path} scrolls sideways by ${over}px`);
      const v = await axe(page);
      expect(v.length === 0, `${path} axe: ${v.join('; ')}`);
      await shot(page, file);
      await page.close();
    }
  });

  await check('no page error', async () => {
    expect(pageErrors.length === 0, pageErrors.join('; '));
  });
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
if (failed) {
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
