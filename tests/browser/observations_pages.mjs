#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of observaciones.html (issue 13, item 2): Debian's chromium driven by playwright-core against a live
// `metropoli serve` (tests/browser/observations_test.py prepares it, with an analyst and a coordinator).
//
//   node tests/browser/observations_pages.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON
//
// Checks, each against what the API says: the coder's form offers the codebook's indicators with their labels; a
// source address that is not http(s) is refused and the page marks the field the server named (/source/url);
// the corrected observation is saved as a draft; its edit form starts from its values and saves at the version read
// (a second tab's earlier save makes the first one's a 412, shown); it is submitted; the coordinator approves it; a
// visitor sees it in the list as approved with its source link and its local fields in the codebook's words (no raw
// keys; the alcohol rule by its label); the coder corrects it with a new draft that supersedes it while it stays
// approved; axe-core finds no violation.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, setupArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !setupArg) {
  console.error('usage: node tests/browser/observations_pages.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const SETUP = JSON.parse(readFileSync(setupArg, 'utf8'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let failed = 0;
async function check(name, fn) {
  try {
    const detail = await fn();
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
  return { status: r.status, body: await r.json() };
}
async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
}
async function signIn(page, who) {
  await page.goto(`${BASE}acceso.html`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#login-form', { timeout: 20000 });
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.press('#login-password', 'Enter');
  await page.waitForURL(/cuenta\.html/, { timeout: 15000 });
}
async function openList(page) {
  await page.goto(`${BASE}observaciones.html`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#observations', { timeout: 20000 });
}
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `observaciones-${name}.png`), fullPage: true });

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const errors = [];
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'es-MX' };
let id = null;
try {
  const codebook = (await api('policy/codebook')).body;
  const c6 = codebook.indicators.find((i) => i.code === 'C6');

  await check('the coder enters an observation; a bad source address is refused naming the field; it is saved and submitted', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, SETUP.coder);
    await openList(page);
    await page.waitForSelector('#observation-form');
    const options = await page.locator('#obs-indicator option').count();
    expect(options === codebook.indicators.length, `${options} indicators offered, the codebook has ${codebook.indicators.length}`);
    await page.selectOption('#obs-jurisdiction', '10007');
    await page.selectOption('#obs-scope', 'GOV');
    await page.selectOption('#obs-indicator', 'C6');
    const labels = await page.locator('#obs-value option').allInnerTexts();
    expect(labels.length === c6.labels.length && labels[2].includes(c6.labels[2].es), `C6 values offered: ${JSON.stringify(labels)}`);
    await page.selectOption('#obs-value', '2');
    await page.selectOption('#obs-flag', '1');
    await page.fill('#obs-start_date', '2020-11-03');
    await page.fill('#obs-end_date', '2020-11-17');
    await page.fill('#obs-extensions-curfew_from', '22:00');
    await page.fill('#obs-extensions-curfew_to', '05:00');
    await page.selectOption('#obs-source-kind', 'periodico_oficial');
    await page.fill('#obs-source-title', 'Acuerdo por el que se regresa a semáforo rojo (prueba)');
    await page.fill('#obs-source-issuer', 'Gobierno del Estado de Durango');
    await page.fill('#obs-source-issued_on', '2020-11-02');
    await page.fill('#obs-source-url', 'ftp://example.org/decreto');
    await page.click('#obs-save');
    await page.waitForSelector('#observation-form .form-error.shown', { timeout: 10000 });
    const said = await page.locator('#observation-form .form-error').innerText();
    expect(said.startsWith('/source/url'), `the server's refusal shown: ${said}`);
    expect((await page.getAttribute('#obs-source-url', 'aria-invalid')) === 'true', 'the source address is not marked invalid');
    await page.fill('#obs-source-url', 'https://periodicooficial.durango.gob.mx/prueba');
    await page.click('#obs-save');
    await page.waitForSelector('#observation-form .form-ok.shown', { timeout: 10000 });
    const row = page.locator('#observation-list tr[data-state="draft"]').first();
    await row.waitFor({ timeout: 10000 });
    id = Number(await row.getAttribute('data-id'));
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'borrador');

    // The draft's edit form: its values, saved at the version read (If-Match); a second tab that saved first makes
    // the first one's save a 412 the page shows as the server said it.
    await row.locator('button[data-step="edit"]').click();
    await page.waitForSelector('#observation-form[data-mode="edit"]', { timeout: 10000 });
    expect((await page.inputValue('#obs-extensions-curfew_from')) === '22:00' && (await page.inputValue('#obs-end_date')) === '2020-11-17',
      'the edit form does not start from the draft\'s values');
    expect((await page.inputValue('#obs-source-url')) === 'https://periodicooficial.durango.gob.mx/prueba', 'the edit form lacks the source');
    const other = await context.newPage();
    await openList(other);
    await other.locator(`#observation-list tr[data-id="${id}"] button[data-step="edit"]`).click();
    await other.waitForSelector('#observation-form[data-mode="edit"]', { timeout: 10000 });
    await other.fill('#obs-notes', 'Editada en otra pestaña / edited in another tab');
    await other.click('#obs-save');
    await other.waitForSelector('#list-status.shown', { timeout: 10000 });
    expect((await api(`policy/observations/${id}`)).status === 404, 'a draft is public');
    await page.fill('#obs-end_date', '2020-11-18');
    const stale = page.waitForResponse((r) => r.url().includes(`/policy/observations/${id}`) && r.request().method() === 'PUT');
    await page.click('#obs-save');
    const staleAnswer = await stale;
    expect(staleAnswer.status() === 412, `the stale edit answered ${staleAnswer.status()}`);
    await page.waitForSelector('#observation-form .form-error.shown', { timeout: 10000 });
    // Read again: the list now has version 2; its edit saves.
    await openList(page);
    await page.locator(`#observation-list tr[data-id="${id}"] button[data-step="edit"]`).click();
    await page.waitForSelector('#observation-form[data-mode="edit"]', { timeout: 10000 });
    expect((await page.inputValue('#obs-notes')).startsWith('Editada en otra pestaña'), 'the re-read form lacks the other tab\'s edit');
    await page.fill('#obs-end_date', '2020-11-18');
    const saved = page.waitForResponse((r) => r.url().includes(`/policy/observations/${id}`) && r.request().method() === 'PUT');
    await page.click('#obs-save');
    const savedAnswer = await saved;
    expect(savedAnswer.status() === 200, `the edit answered ${savedAnswer.status()}`);
    const edited = await savedAnswer.json();
    expect(edited.version === 3 && edited.end_date === '2020-11-18' && edited.extensions.curfew_to === '05:00',
      `the API stored version ${edited.version}, end ${edited.end_date}, curfew to ${edited.extensions.curfew_to}`);
    await page.waitForSelector('#observation-form[data-mode="new"]', { timeout: 10000 });
    await page.waitForSelector(`#observation-list tr[data-id="${id}"][data-state="draft"]`, { timeout: 10000 });
    await other.close();

    await page.locator(`#observation-list tr[data-id="${id}"] button[data-step="submit"]`).click();
    await page.waitForSelector(`#observation-list tr[data-id="${id}"][data-state="submitted"]`, { timeout: 10000 });
    expect((await api(`policy/observations/${id}`)).status === 404, 'a submitted observation is public');
    await context.close();
    return `observation ${id} submitted`;
  });

  await check('the coordinator approves it; a visitor sees it as approved with its source', async () => {
    expect(id !== null, 'nothing was submitted');
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, SETUP.reviewer);
    await openList(page);
    const row = page.locator(`#observation-list tr[data-id="${id}"]`);
    await row.waitFor({ timeout: 10000 });
    await row.locator('button[data-step="approve"]').click();
    await page.waitForSelector(`#observation-list tr[data-id="${id}"][data-state="approved"]`, { timeout: 10000 });
    await shot(page, 'aprobada');
    await context.close();

    const visitor = await browser.newContext(DESKTOP);
    const open = await visitor.newPage();
    open.on('pageerror', (err) => errors.push(err.message));
    await openList(open);
    const listed = open.locator(`#observation-list tr[data-id="${id}"]`);
    await listed.waitFor({ timeout: 10000 });
    expect((await listed.getAttribute('data-state')) === 'approved', 'not approved in the visitor\'s list');
    const state = await listed.locator('.obs-state').innerText();
    expect(state.startsWith('Aprobada'), `the state shown: ${state}`);
    const stored = (await api(`policy/observations/${id}`)).body;
    expect(stored.review_state === 'approved' && stored.reviewer === SETUP.reviewer.email, `the API says ${stored.review_state} by ${stored.reviewer}`);
    const href = await listed.locator('a.obs-source').getAttribute('href');
    expect(href === stored.source.url, `the source link is ${href}`);
    // The local fields in the server's words, Spanish with English beside, never as raw keys.
    const words = Object.fromEntries(codebook.extensions.map((f) => [f.key, f]));
    for (const key of ['curfew_from', 'curfew_to']) {
      const item = await listed.locator(`.obs-extensions li[data-key="${key}"]`).innerText();
      expect(item.startsWith(`${words[key].es} / ${words[key].en}: `) && item.endsWith(stored.extensions[key]), `${key} shown as: ${item}`);
    }
    const rowText = await listed.innerText();
    expect(!/curfew_|capacity_pct|closing_time|alcohol_|max_group_size/.test(rowText), `raw keys in the row: ${rowText}`);
    // A bundled observation with the alcohol rule shows the rule's label (ley seca), not its code.
    const all = (await api('policy/observations')).body.observations;
    const dry = all.find((o) => o.extensions.alcohol_sales === 'ley_seca');
    expect(dry, 'no bundled observation with ley seca');
    const dryText = await open.locator(`#observation-list tr[data-id="${dry.id}"] .obs-extensions li[data-key="alcohol_sales"]`).innerText();
    const label = codebook.choices.alcohol_sales.find((c) => c.value === 'ley_seca');
    expect(dryText === `${words.alcohol_sales.es} / ${words.alcohol_sales.en}: ${label.es} / ${label.en}`, `the alcohol rule shown as: ${dryText}`);
    const capped = all.find((o) => o.extensions.capacity_pct !== undefined);
    if (capped) {
      const capText = await open.locator(`#observation-list tr[data-id="${capped.id}"] .obs-extensions li[data-key="capacity_pct"]`).innerText();
      expect(capText.endsWith(`${capped.extensions.capacity_pct} %`), `the capacity shown as: ${capText}`);
    }
    expect(!(await open.isVisible(`#observation-list tr[data-id="${id}"] button[data-step="correct"]`)), 'a visitor is offered the correction');
    const violations = await axe(open);
    expect(violations.length === 0, violations.join('; '));
    await shot(open, 'publica');
    await visitor.close();
    return `approved by ${stored.reviewer}`;
  });

  await check('the coder corrects the approved observation: a new draft that supersedes it, the approved one still counts', async () => {
    expect(id !== null, 'nothing was approved');
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, SETUP.coder);
    await openList(page);
    const row = page.locator(`#observation-list tr[data-id="${id}"]`);
    await row.waitFor({ timeout: 10000 });
    expect(!(await row.locator('button[data-step="edit"]').count()), 'an approved observation is offered the edit');
    await row.locator('button[data-step="correct"]').click();
    await page.waitForSelector('#observation-form[data-mode="correct"]', { timeout: 10000 });
    expect(await page.isDisabled('#obs-jurisdiction') && await page.isDisabled('#obs-indicator'), 'a correction may change what it codes');
    expect((await page.inputValue('#obs-jurisdiction')) === '10007' && (await page.inputValue('#obs-extensions-curfew_to')) === '05:00', 'the correction does not start from the approved values');
    await page.fill('#obs-extensions-curfew_to', '06:00');
    const made = page.waitForResponse((r) => r.url().endsWith('/policy/observations') && r.request().method() === 'POST');
    await page.click('#obs-save');
    const answer = await made;
    expect(answer.status() === 201, `the correction answered ${answer.status()}`);
    const correction = await answer.json();
    expect(correction.supersedes === id && correction.review_state === 'draft' && correction.extensions.curfew_to === '06:00',
      `the API stored supersedes ${correction.supersedes}, ${correction.review_state}, curfew to ${correction.extensions.curfew_to}`);
    const listed = page.locator(`#observation-list tr[data-id="${correction.id}"]`);
    await listed.waitFor({ timeout: 10000 });
    expect((await listed.locator('.obs-corrects').innerText()).includes(String(id)), 'the correction does not say what it corrects');
    const original = (await api(`policy/observations/${id}`)).body;
    expect(original.review_state === 'approved', `the corrected one is ${original.review_state}`);
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'correccion');
    await context.close();
    return `correction ${correction.id} of ${id}`;
  });
} finally {
  await browser.close();
}
if (errors.length) {
  failed++;
  console.log(`FAIL page errors — ${errors.join('; ')}`);
}
process.exit(failed ? 1 : 0);
