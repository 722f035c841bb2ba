#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the acuerdos page (issue 12): Debian's chromium driven by playwright-core against a live
// `metropoli serve` (tests/browser/agreements_test.py makes the database, the accounts and a meeting).
//
//   node tests/browser/agreements_pages.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON
//
// SETUP_JSON: {"coordinator": {"email", "password"}, "editor": {"email", "password", "organisation"}, "meeting": id,
// "public_agreement": id} where "organisation" is the short name of the organisation the editor edits. Checks:
// the public list and an agreement's page with its timeline; a coordinator records a parent and two weighted
// children from the meeting; the responsible organisation's editor reports progress on a child with a link; the
// public page then shows the new progress, the parent's roll-up (as the API computes it) and the timeline entry;
// axe-core clean on each page; no sideways scrolling on a phone. Prints `N passed, M failed`; exits 1 on failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, setupArg] = process.argv.slice(2);
if (!baseArg || !shotArg || !setupArg) {
  console.error('usage: node tests/browser/agreements_pages.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
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
async function newPage(context, name) {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    pageErrors.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => pageErrors.push(`${name}: uncaught ${err.message}`));
  return page;
}

async function shot(page, name) {
  const file = `acuerdos-${name}.png`;
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

async function signIn(page, who) {
  await gotoReady(page, 'acceso.html', '#login-form');
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.press('#login-password', 'Enter');
  await page.waitForURL(/cuenta\.html/, { timeout: 15000 });
}

const shown = (v) => `${Number.isInteger(v) ? v : v.toFixed(2)} %`;

try {
  await check('the public list shows the agreements with their progress, axe clean', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await newPage(context, 'public list');
    await gotoReady(page, 'acuerdos.html', '#agreement-list li');
    const nav = await page.getAttribute('#nav-agreements', 'aria-current');
    expect(nav === 'page', `the nav link "Acuerdos" is not the current page (${nav})`);
    const listed = (await api('agreements')).body.agreements.length;
    const cards = await page.locator('#agreement-list li').count();
    expect(cards === listed, `${cards} cards for ${listed} agreements`);
    // A card's values are readable: a label beside its value once left the value one letter wide.
    const narrowest = await page.evaluate(() =>
      Math.min(...[...document.querySelectorAll('#agreement-list li dd')].map((d) => d.getBoundingClientRect().width)));
    expect(narrowest >= 150, `a card's value is ${Math.round(narrowest)} px wide`);
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'list');
    await context.close();
    return `${cards} agreements`;
  });

  await check('an agreement page shows its timeline and its links, axe clean', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await newPage(context, 'public agreement');
    await gotoReady(page, `acuerdos.html?id=${SETUP.public_agreement}`, '#agreement-timeline li');
    const entries = (await api(`agreements/${SETUP.public_agreement}/timeline`)).body.timeline.length;
    const items = await page.locator('#agreement-timeline li').count();
    expect(items === entries, `${items} timeline items for ${entries} entries`);
    const figures = await page.getAttribute('#link-figures', 'href');
    expect(figures && figures.includes('date=2020-05-04'), `the figures of the meeting's day are not linked (${figures})`);
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'agreement');
    await context.close();
  });

  const stamp = Date.now().toString(36).toUpperCase();
  const parentRef = `NAV-${stamp}`;
  await check('a coordinator records a parent and two weighted children from the meeting', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await newPage(context, 'coordinator');
    await signIn(page, SETUP.coordinator);
    await gotoReady(page, `acuerdos.html?meeting=${SETUP.meeting}`, '#agreement-create');
    const editorOrg = (await api('organisations')).body.organisations.find((o) => o.short_name === SETUP.editor.organisation);
    expect(editorOrg, `no organisation ${SETUP.editor.organisation}`);
    const record = async (reference, title, parent, weight) => {
      await page.fill('#new-reference', reference);
      await page.fill('#new-title', title);
      await page.selectOption('#new-responsible', String(editorOrg.id));
      if (parent) {
        const id = (await api('agreements')).body.agreements.find((a) => a.reference === parent).id;
        await page.selectOption('#new-parent', String(id));
        await page.fill('#new-weight', String(weight));
      }
      await page.fill('#new-due', '2020-06-30');
      await page.fill('#new-jurisdictions', '05035');
      await page.click('#agreement-create-submit');
      await page.waitForSelector(`#agreement-list li[data-agreement="${reference}"]`, { timeout: 15000 });
    };
    // The meeting number comes from the page's address (?meeting=).
    expect((await page.inputValue('#new-meeting')) === String(SETUP.meeting), 'the meeting is not filled in');
    await record(parentRef, 'Homologar horarios en la zona metropolitana', null, 0);
    // The parent select lists what is stored: reload so it holds the new parent.
    await gotoReady(page, `acuerdos.html?meeting=${SETUP.meeting}`, '#agreement-create');
    await record(`${parentRef}.1`, 'Horarios de comercio', parentRef, 3);
    await record(`${parentRef}.2`, 'Horarios de transporte', parentRef, 1);
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'coordinator');
    // A refusal names the field: a due date before the start is the server's words on /due_date.
    await context.close();
    const agreements = (await api('agreements')).body.agreements;
    const parent = agreements.find((a) => a.reference === parentRef);
    expect(parent && parent.children.length === 2, 'the parent does not have its two children');
  });

  await check("the responsible organisation's editor reports progress with a link", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await newPage(context, 'editor');
    await signIn(page, SETUP.editor);
    const child = (await api('agreements')).body.agreements.find((a) => a.reference === `${parentRef}.1`);
    await gotoReady(page, `acuerdos.html?id=${child.id}`, '#progress-form');
    await page.fill('#progress-day', '2020-05-20');
    await page.fill('#progress-value', '60');
    await page.fill('#progress-text', 'Horarios publicados en el periódico oficial');
    await page.fill('#progress-url', 'https://www.torreon.gob.mx/comunicado/horarios');
    await page.click('#progress-submit');
    await page.waitForFunction(() => document.querySelector('#agreement-timeline .timeline-progress') !== null, null, { timeout: 15000 });
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'progress');
    await context.close();
  });

  await check("the public page then shows the new progress and the parent's roll-up", async () => {
    const agreements = (await api('agreements')).body.agreements;
    const parent = agreements.find((a) => a.reference === parentRef);
    const child = agreements.find((a) => a.reference === `${parentRef}.1`);
    expect(child.progress === 60, `the API says ${child.progress} for the child`);
    expect(Math.abs(parent.progress - 45) < 1e-9, `the API rolls the parent up to ${parent.progress}, not (3 × 60 + 1 × 0) / 4 = 45`);
    const context = await browser.newContext(DESKTOP);
    const page = await newPage(context, 'public after');
    await gotoReady(page, `acuerdos.html?id=${child.id}`, '#agreement-timeline');
    const childText = await page.textContent('.agreement-progress-value');
    expect(childText.trim() === shown(child.progress), `the child's page shows ${childText}`);
    const link = await page.getAttribute('#agreement-timeline .evidence-link', 'href');
    expect(link === 'https://www.torreon.gob.mx/comunicado/horarios', `the evidence link is ${link}`);
    await gotoReady(page, `acuerdos.html?id=${parent.id}`, '#agreement-children');
    const parentText = await page.textContent('.agreement-progress-value');
    expect(parentText.trim() === shown(parent.progress), `the parent's page shows ${parentText}, the API ${parent.progress}`);
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
    await shot(page, 'rollup');
    await context.close();
    return `parent ${shown(parent.progress)}`;
  });

  await check('the follow-up view and a phone width, no sideways scrolling', async () => {
    const context = await browser.newContext(PHONE);
    const page = await newPage(context, 'phone');
    await gotoReady(page, 'acuerdos.html?vista=seguimiento&as_of=2020-07-15', '#scorecard-table');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const violations = await axe(page);
    await shot(page, 'follow-up-phone');
    await gotoReady(page, 'acuerdos.html', '#agreement-list li');
    const wideList = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot(page, 'list-phone');
    await context.close();
    expect(wide <= 1 && wideList <= 1, `wider than the phone: ${wide}, ${wideList}`);
    expect(violations.length === 0, violations.join('; '));
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
