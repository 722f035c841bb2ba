#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of homologacion.html (issue 13, item 7): Debian's chromium driven by playwright-core against a
// live `metropoli serve` (tests/browser/homologation_test.py prepares it).
//
//   node tests/browser/homologation_pages.mjs BASE_URL SCREENSHOT_DIR
//
// Checks, each against what the API says: the divergence calendar marks Torreón's and Gómez Palacio's C6 of
// November 2020 (15 days, each cell's label naming both values), and tells each cell's kind of divergence apart
// (the coded values differ: the spread, or ≠; some municipality codes nothing: ∅, hatched, and said in words); the page opens on 10 November 2020 with restaurants marked divergent and
// the divergence "Restaurantes y cafeterías: … Torreón 50 % hasta 23:00 …; Gómez Palacio, Lerdo 25 %" named, the
// Torreón and Gómez Palacio cells showing the server's summaries; a rule's source opens with one click; picking 20
// November 2020 shows Gómez Palacio's restaurants until 22:00 (Durango's mid-November relaxation) and puts the day
// in the address; axe-core finds no violation; nothing scrolls sideways on a phone but the table's own region.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg] = process.argv.slice(2);
if (!baseArg || !shotArg) {
  console.error('usage: node tests/browser/homologation_pages.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
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
  return r.json();
}
async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
}
const summary = (m, key, code) => m.activities.find((a) => a.key === key).cells.find((c) => c.code === code).summary.es;

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const errors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  const november = await api('homologation-matrix?date=2020-11-10');
  const restaurants = november.divergences.find((d) => d.activity === 'restaurantes').text.es;

  await check('the page opens on 10 November 2020 with the restaurants divergence named', async () => {
    await page.goto(new URL('homologacion.html', BASE).href);
    await page.waitForSelector('#homologation-matrix');
    expect((await page.inputValue('#matrix-date')) === '2020-11-10', 'the default day is not 2020-11-10');
    const items = await page.locator('#divergences li').allInnerTexts();
    expect(items.some((t) => t.startsWith(restaurants)), `no divergence "${restaurants}" in ${JSON.stringify(items)}`);
    expect(restaurants.includes('Torreón 50 % hasta 23:00') && restaurants.endsWith('Gómez Palacio, Lerdo 25 %'),
      `the API's divergence changed: ${restaurants}`);
    const row = page.locator('tr[data-activity="restaurantes"]');
    expect((await row.getAttribute('class')).includes('row-divergent'), 'the restaurants row is not marked divergent');
    const torreon = await row.locator('td[data-code="05035"] .rule-summary').innerText();
    const gomez = await row.locator('td[data-code="10007"] .rule-summary').innerText();
    expect(torreon.startsWith(summary(november, 'restaurantes', '05035')), `Torreón shows ${torreon}`);
    expect(gomez.startsWith(summary(november, 'restaurantes', '10007')), `Gómez Palacio shows ${gomez}`);
    await page.screenshot({ path: join(SHOTS, 'homologacion-2020-11-10.png'), fullPage: true });
    return `${torreon.split(' / ')[0]} | ${gomez.split(' / ')[0]}`;
  });

  await check('the divergence calendar shows the November 2020 C6 divergence between Torreón and Gómez Palacio', async () => {
    const metro = await api('policy/metro?from=2020-11-01&to=2020-11-30');
    const row = metro.rows.find((r) => r.indicator === 'C6' && r.date === '2020-11-05');
    const cell = (code) => row.cells.find((c) => c.municipality === code);
    expect(cell('10007').value === 2 && cell('05035').value === 1, `the API's C6 of 5 November: ${JSON.stringify(row.cells.map((c) => c.value))}`);
    await page.waitForSelector('#divergence-calendar');
    const td = page.locator('#divergence-calendar tr[data-indicator="C6"] td[data-date="2020-11-05"]');
    expect((await td.getAttribute('data-diverges')) === 'yes', 'the C6 cell of 5 November is not marked divergent');
    expect((await td.getAttribute('data-spread')) === String(row.spread), `spread ${await td.getAttribute('data-spread')}`);
    const label = await td.locator('button').innerText();
    expect(label.includes('Gómez Palacio 2 (toque de queda 22:00–05:00)') && label.includes('Torreón 1'), `the cell's label: ${label}`);
    const divergent = await page.locator('#divergence-calendar tr[data-indicator="C6"] td[data-diverges="yes"]').count();
    expect(divergent === metro.divergent_days.C6 && divergent === 15, `${divergent} divergent C6 days (API: ${metro.divergent_days.C6})`);
    // Keyboard: tab into the calendar's cells, and the detail below names the server's divergence.
    await td.locator('button').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const detail = await page.locator('#calendar-detail').innerText();
    expect(detail.includes(row.divergence.es), `the detail says: ${detail}`);
    await page.screenshot({ path: join(SHOTS, 'homologacion-calendario.png'), fullPage: false });
    return `C6: ${divergent} days; ${row.divergence.es}`;
  });

  await check('the calendar tells "the values differ" from "one side codes nothing", as the API does', async () => {
    const metro = await api('policy/metro?from=2020-11-01&to=2020-11-30');
    const want = (r) => (!r.diverges ? 'none' : !r.values_differ ? 'missing' : r.spread === 0 ? 'details' : 'values');
    const mark = { none: '', missing: '∅', details: '≠' };
    const cells = await page.$$eval('#divergence-calendar tbody td[data-date]', (tds) => tds.map((td) => ({
      key: `${td.closest('tr').getAttribute('data-indicator')}|${td.getAttribute('data-date')}`,
      kind: td.getAttribute('data-kind'),
      seen: [...td.querySelector('button').childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim(),
      said: td.querySelector('.visually-hidden').textContent.trim(),
      hatched: td.classList.contains('cell-missing'),
    })));
    const byKey = new Map(cells.map((c) => [c.key, c]));
    const counts = { none: 0, missing: 0, details: 0, values: 0 };
    for (const r of metro.rows) {
      const c = byKey.get(`${r.indicator}|${r.date}`);
      if (!c) continue;
      const kind = want(r);
      counts[kind]++;
      expect(c.kind === kind, `${c.key}: the page says ${c.kind}, the API ${kind}`);
      expect(c.seen === (kind === 'values' ? String(r.spread) : mark[kind]), `${c.key}: the cell shows "${c.seen}" for ${kind}`);
      expect(c.hatched === (kind === 'missing'), `${c.key}: hatched ${c.hatched} for ${kind}`);
      if (kind === 'missing') expect(c.said.startsWith('Algún municipio no codifica nada'), `${c.key}: a screen reader hears "${c.said}"`);
      if (kind === 'values') expect(c.said.startsWith('Valores distintos'), `${c.key}: a screen reader hears "${c.said}"`);
    }
    expect(counts.missing > 0 && counts.values > 0, `November 2020 has both kinds: ${JSON.stringify(counts)}`);
    // C6 on 5 November: the values differ (Gómez Palacio 2, Torreón 1).
    expect(byKey.get('C6|2020-11-05').kind === 'values', 'C6 of 5 November is not "values differ"');
    const legend = await page.locator('.calendar-legend').innerText();
    expect(legend.includes('∅') && legend.includes('no codifica nada') && legend.includes('≠'), `the legend says: ${legend}`);
    return JSON.stringify(counts);
  });

  await check("a rule's source is one click away", async () => {
    const details = page.locator('tr[data-activity="movilidad_nocturna"] td[data-code="10007"] details');
    await details.locator('summary').click();
    expect(await details.evaluate((d) => d.open), 'the source did not open');
    const text = await details.innerText();
    expect(text.includes('Durango regresa a semáforo rojo') && text.includes('2020-11-03'), `the source says: ${text}`);
  });

  await check('picking 20 November 2020 shows Durango\'s mid-November relaxation', async () => {
    const later = await api('homologation-matrix?date=2020-11-20');
    await page.fill('#matrix-date', '2020-11-20');
    await page.click('#date-apply');
    await page.waitForFunction(() => document.querySelector('#homologation-matrix caption')?.textContent?.includes('2020-11-20'));
    const gomez = await page.locator('tr[data-activity="restaurantes"] td[data-code="10007"] .rule-summary').innerText();
    expect(gomez.startsWith(summary(later, 'restaurantes', '10007')) && gomez.startsWith('hasta 22:00'), `Gómez Palacio shows ${gomez}`);
    expect(new URL(page.url()).searchParams.get('date') === '2020-11-20', `the address is ${page.url()}`);
    expect(await page.locator('tr[data-activity="restaurantes"] td[data-code="10007"] .rule-unverified').count() === 1,
      'the relaxation is not marked unverified');
  });

  await check('axe-core finds no violation', async () => {
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
  });

  await check('a phone scrolls only the table sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
    const p = await phone.newPage();
    await p.goto(new URL('homologacion.html?date=2020-11-10', BASE).href);
    await p.waitForSelector('#homologation-matrix');
    const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await p.screenshot({ path: join(SHOTS, 'homologacion-phone.png'), fullPage: true });
    await phone.close();
    expect(wide <= 1, `the page scrolls ${wide} px sideways`);
  });
  expect(errors.length === 0, `page errors: ${errors.join('; ')}`);
} catch (e) {
  failed++;
  console.log(`FAIL ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
