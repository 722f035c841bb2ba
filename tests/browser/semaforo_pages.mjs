#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of semaforo.html (issue 13, item 6): Debian's chromium driven by playwright-core against a live
// `metropoli serve` with the demo's data (tests/browser/semaforo_test.py prepares it).
//
//   node tests/browser/semaforo_pages.mjs BASE_URL SCREENSHOT_DIR
//
// Checks, each against what the API says: Durango in 2020-W45, where a scheme's computed colour differs from the
// declared federal red, shows that difference explained (the server's sentence naming the indicator that pushed
// it, the federal colour decided on earlier data, the later vintage); the page opens by default on Durango's own
// red of 2020-W44 beside the federal orange; the place is a select of the region's states and municipalities by
// name (each state and every municipality of the region offered, none by its code), and choosing Torreón by name
// shows its week; Coahuila's 2020-W47 shows both compilations and their disagreement;
// the public dashboard's official colour links to the page for that state and week, and the homologation page
// links to it; a bad week is refused in words; axe-core finds no violation.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg] = process.argv.slice(2);
if (!baseArg || !shotArg) {
  console.error('usage: node tests/browser/semaforo_pages.mjs BASE_URL SCREENSHOT_DIR');
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
  expect(r.ok, `${path} answered ${r.status}`);
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
const explanationTexts = (page) => page.locator('#explanations li').allInnerTexts();

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const errors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));

  await check('Durango 2020-W45: a computed colour that differs from the declared red is explained', async () => {
    const r = await api('semaforo/reconciliation?jurisdiction=10&week=2020-W45');
    const declared = r.declared.colours.filter((d) => d.scope === 'federal').map((d) => d.colour);
    expect(declared.length === 2 && declared.every((c) => c === 'rojo'), `the API's federal colours: ${declared}`);
    const differing = r.computed.find((c) => ['stricter', 'laxer', 'mixed'].includes(c.comparison));
    expect(differing, 'the API has no computed colour that differs from the declared one');
    expect(differing.level !== 'rojo', `${differing.scheme} computes ${differing.level}`);
    const sentence = r.explanations.find((e) => e.code === 'computed_differs' && e.params.scheme[0] === differing.scheme);
    expect(sentence, `no computed_differs explanation for ${differing.scheme}`);
    await page.goto(new URL('semaforo.html?jurisdiction=10&week=2020-W45', BASE).href);
    await page.waitForSelector('#explanations');
    const items = await explanationTexts(page);
    expect(items.some((t) => t.startsWith(sentence.es) && t.includes(sentence.en)), `no "${sentence.es}" in ${JSON.stringify(items)}`);
    expect(sentence.es.includes(differing.drivers[0].label.es), `the sentence does not name ${differing.drivers[0].label.es}`);
    expect(await page.locator('#explanations li[data-code="federal_decided_earlier"]').count() === 1, 'the earlier-data reason is missing');
    expect(await page.locator('#explanations li[data-code="later_vintage"]').count() === 1, 'the data vintage is not explained');
    const row = page.locator(`#computed-table tr[data-scheme="${differing.scheme}"]`).first();
    expect((await row.getAttribute('data-comparison')) === differing.comparison, 'the computed row shows another comparison');
    expect((await row.getAttribute('class')).includes('row-differs'), 'the differing row is not marked');
    expect(await page.locator('#declared-table [data-colour="rojo"]').count() >= 2, 'the declared reds are not shown');
    await page.screenshot({ path: join(SHOTS, 'semaforo-durango-2020-W45.png'), fullPage: true });
    return `${differing.scheme} ${differing.level} vs rojo: ${sentence.en.slice(0, 90)}…`;
  });

  await check("the page opens on Durango's own red of 2020-W44 beside the federal orange", async () => {
    await page.goto(new URL('semaforo.html', BASE).href);
    await page.waitForSelector('#explanations');
    expect((await page.inputValue('#semaforo-week')) === '2020-W44', 'the default week is not 2020-W44');
    const r = await api('semaforo/reconciliation?jurisdiction=10&week=2020-W44');
    const own = r.explanations.find((e) => e.code === 'state_declared_differs');
    expect(own && own.en.includes('the federal semáforo had it orange'), `the API says ${own && own.en}`);
    const shown = await page.locator('#explanations li[data-code="state_declared_differs"]').innerText();
    expect(shown.startsWith(own.es), `the page shows ${shown}`);
    expect(await page.locator('#declared-table tr[data-scope="state"] [data-colour="rojo"]').count() === 1, "Durango's red is not in the table");
    expect(await page.locator('#declared-table tr[data-scope="federal"] [data-colour="naranja"]').count() === 2, 'the two federal oranges are not in the table');
  });

  await check('the place is chosen by name among the region\'s states and municipalities', async () => {
    const [region] = await api('regions');
    const places = await api('jurisdictions');
    const byCode = new Map(places.map((p) => [p.code, p]));
    expect((await page.evaluate(() => document.querySelector('#semaforo-jurisdiction').tagName)) === 'SELECT', 'the place is not a select');
    expect((await page.inputValue('#semaforo-jurisdiction')) === '10', 'Durango is not the chosen place');
    const options = await page.$$eval('#semaforo-jurisdiction option', (os) => os.map((o) => ({ value: o.value, text: o.textContent, group: o.parentElement.getAttribute('label') })));
    for (const code of region.states) {
      const o = options.find((x) => x.value === code);
      expect(o && o.text === byCode.get(code).name && o.group.startsWith('Estados'), `state ${code} offered as ${JSON.stringify(o)}`);
    }
    const towns = places.filter((p) => p.kind === 'municipality' && region.states.includes(p.state));
    const offered = options.filter((o) => o.group?.startsWith('Municipios'));
    expect(offered.length === towns.length, `${offered.length} municipalities offered, the region has ${towns.length}`);
    const torreon = options.find((o) => o.value === '05035');
    expect(torreon && torreon.text === 'Torreón' && torreon.group === `Municipios de ${byCode.get('05').name} / Municipalities of ${byCode.get('05').name}`,
      `Torreón offered as ${JSON.stringify(torreon)}`);
    expect(!options.some((o) => /^\d+$/.test(o.text)), 'a place is offered by its code');
    // Choosing Torreón by name and a week shows its reconciliation, and the address names its code.
    await page.selectOption('#semaforo-jurisdiction', { label: 'Torreón' });
    await page.fill('#semaforo-week', '2020-W38');
    await page.click('#semaforo-apply');
    // The address changes at once; the page is redrawn when the server has answered.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('jurisdiction') === '05035');
    await page.waitForFunction(() => document.querySelector('.page-head .lead')?.textContent?.startsWith('Torreón, semana 2020-W38'), null, { timeout: 20000 });
    expect((await page.inputValue('#semaforo-jurisdiction')) === '05035', 'Torreón is not chosen after the redraw');
    const lead = await page.locator('.page-head .lead').innerText();
    expect(lead.startsWith('Torreón, semana 2020-W38'), `the page says ${lead.slice(0, 60)}`);
    expect(await page.locator('#declared-table tr[data-scope="region"]').count() >= 1, 'the regional colour of La Laguna is not shown for Torreón');
    return `${region.states.length} states, ${offered.length} municipalities`;
  });

  await check("Coahuila 2020-W47 shows both compilations and says they disagree", async () => {
    await page.click('#examples a[href="?jurisdiction=05&week=2020-W47"]');
    await page.waitForFunction(() => document.querySelector('#semaforo-week')?.value === '2020-W47');
    const disagree = await page.locator('#explanations li[data-code="compilations_disagree"]').innerText();
    expect(disagree.includes('Bisaloo dice naranja, claudiodanielpc amarillo'), `the page says ${disagree}`);
    expect(await page.locator('#declared-table tr[data-source="bisaloo"] [data-colour="naranja"]').count() === 1, 'no Bisaloo naranja');
    expect(await page.locator('#declared-table tr[data-source="claudiodanielpc"] [data-colour="amarillo"]').count() === 1, 'no claudiodanielpc amarillo');
    expect(new URL(page.url()).searchParams.get('week') === '2020-W47', `the address is ${page.url()}`);
  });

  await check('axe-core finds no violation', async () => {
    const violations = await axe(page);
    expect(violations.length === 0, violations.join('; '));
  });

  await check("the public dashboard's official colour links to the page for that state and week", async () => {
    await page.goto(BASE);
    const link = page.locator('#context-table tr[data-code="10"] a.official-colour-link');
    await link.waitFor({ timeout: 60000 });
    const href = await link.getAttribute('href');
    const first = await api('first-screen');
    const durango = first.states.find((s) => s.code === '10');
    expect(href === `semaforo.html?jurisdiction=10&week=${durango.official_semaforo.week}`, `the link is ${href}`);
    await link.click();
    await page.waitForSelector('#explanations');
    expect((await page.inputValue('#semaforo-week')) === durango.official_semaforo.week, 'the page shows another week');
    return href;
  });

  await check('the homologation page links to it', async () => {
    await page.goto(new URL('homologacion.html', BASE).href);
    await page.waitForSelector('#semaforo-link');
    expect((await page.getAttribute('#semaforo-link', 'href')) === 'semaforo.html', 'the link goes elsewhere');
  });

  await check('a bad week is refused in words', async () => {
    await page.goto(new URL('semaforo.html?jurisdiction=10&week=2020-45', BASE).href);
    await page.waitForSelector('#semaforo-error');
    const text = await page.locator('#semaforo-error').innerText();
    expect(text.includes('2020-45'), `the page says ${text}`);
  });
  expect(errors.length === 0, `page errors: ${errors.join('; ')}`);
} catch (e) {
  failed++;
  console.log(`FAIL ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
