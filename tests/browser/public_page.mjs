#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of what a resident sees first (issue 11): Debian's chromium driven by playwright-core.
//
//   node tests/browser/public_page.mjs BASE_URL SCREENSHOT_DIR LABEL
//
// BASE_URL serves the built app with its config.json and api/v1 (live `metropoli serve`, or a static export).
// Every expected figure is read from the API the page uses. Checks: a determinate level for the metro with its
// meaning on the default view (phone and desktop), the six places on a phone's first screen; a range naming its
// missing inputs; a typed date applying on Enter only, and an out-of-range date explained; the phone navigation
// reaching all five municipalities; chart values on hover; a CSV download with its accents; the embed framable
// and the rest not (live only: a static host sends its own headers); axe-core on four pages; the header's
// sign-in and directory links (live only). Prints one line per check and `N passed, M failed`; exits 1 on a
// failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, label = 'run'] = process.argv.slice(2);
if (!baseArg || !shotArg) {
  console.error('usage: node tests/browser/public_page.mjs BASE_URL SCREENSHOT_DIR LABEL');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const MUNICIPALITIES = { '05009': 'Francisco I. Madero', '05017': 'Matamoros', '05035': 'Torreón', '10007': 'Gómez Palacio', '10012': 'Lerdo' };

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

const config = await (await fetch(new URL('config.json', BASE))).json();
const live = config.static !== true;
const api = (path) => (live ? `api/v1/${path}` : `api/v1/${path}.json`);
async function fetchJson(path) {
  const r = await fetch(new URL(api(path), BASE));
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}
const first = await fetchJson('first-screen');
const overview = await fetchJson('overview');
const schemeOf = (id) => first.schemes.find((s) => s.id === id);
const assessment = (place, scheme) => place.assessments.find((a) => a.scheme === scheme);
const single = (level) => typeof level === 'string' || (level && typeof level === 'object' && level.min === level.max);
const levelId = (level) => (typeof level === 'string' ? level : level && level.min);
const nf = (v, digits) => new Intl.NumberFormat('es-MX', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
const longDate = (iso) => new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
const desktopContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', acceptDownloads: true });
// axe-core is injected as a script, which the site's Content-Security-Policy refuses: its own context bypasses it.
const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });

async function open(context, hash) {
  const page = await context.newPage();
  await page.goto(`${BASE}${hash}`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#page-title', { timeout: 20000 });
  return page;
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  });
  return result;
}

try {
  console.log(`# ${label}: ${BASE} (${live ? 'live' : 'static'}); reference ${first.date}, scheme ${first.scheme} (${first.choice.code})`);
  const zone = first.places[0];

  // 1. The first screen, desktop and phone: the metro's level is determinate, with its meaning, on the default view.
  for (const [name, context] of [['desktop', desktopContext], ['phone', phoneContext]]) {
    await check(`${name}: the default view shows a determinate metro level and its meaning`, async () => {
      const page = await open(context, '#/');
      await page.waitForSelector('#now .now-row');
      const a = assessment(zone, first.scheme);
      expect(single(a.level), `the server's own choice leaves the zone at ${JSON.stringify(a.level)}`);
      const row = await page.$eval(`#now li[data-code="${zone.code}"]`, (li) => ({
        kind: li.getAttribute('data-kind'),
        level: li.querySelector('.level-chip')?.getAttribute('data-level'),
        chip: li.querySelector('.level-chip')?.textContent.trim(),
        meaning: li.querySelector('.now-meaning')?.textContent.trim() ?? '',
      }));
      expect(row.kind === 'single', `the zone's row is “${row.kind}”`);
      expect(row.level === levelId(a.level), `the page shows ${row.level}, the API ${levelId(a.level)}`);
      expect(row.meaning.length > 10, 'no meaning in words under the level');
      const status = await page.textContent('#date-status');
      expect(status.includes(longDate(first.date)), `the page's date “${status}” does not name ${first.date}`);
      expect((await page.getAttribute('#now-heading', 'data-date')) === first.date, 'the panel is not of the reference date');
      expect((await page.textContent('#now-cut')).includes('corte'), 'no data cut line');
      // Every place's level as the API gives it.
      for (const p of first.places) {
        const shown = await page.getAttribute(`#now li[data-code="${p.code}"] .level-chip`, 'data-level');
        const lv = assessment(p, first.scheme).level;
        const expected = lv === null ? 'none' : single(lv) ? levelId(lv) : `${lv.min}..${lv.max}`;
        expect(shown === expected, `${p.name}: page ${shown}, API ${expected}`);
        for (const v of p.indicators) {
          if (v.value === null) continue;
          const text = await page.textContent(`#now li[data-code="${p.code}"] li[data-indicator="${v.id}"]`);
          const digits = v.id === 'rt' ? 2 : 1;
          expect(text.includes(nf(v.value, digits)), `${p.name} ${v.id}: “${text}”, API ${v.value}`);
        }
      }
      if (name === 'phone') {
        const boxes = await page.$$eval('#now .now-row', (els) => els.map((e) => e.getBoundingClientRect().bottom));
        expect(boxes.length === 6, `${boxes.length} rows`);
        expect(Math.max(...boxes) <= 844, `the last place ends at ${Math.round(Math.max(...boxes))} px, below the 844 px screen`);
        await page.screenshot({ path: join(SHOTS, `${label}-first-screen-phone.png`) });
      }
      await page.close();
      return `${row.chip}: ${row.meaning}`;
    });
  }

  // 2. A range names its missing inputs (the first scheme and place the API gives as a range on the reference day).
  await check('a range names its missing inputs and offers a scheme that decides', async () => {
    let found = null;
    for (const s of first.schemes) {
      const p = first.places.find((x) => !single(assessment(x, s.id).level) && assessment(x, s.id).level !== null);
      if (p) {
        found = { scheme: s, place: p };
        break;
      }
    }
    expect(found, 'no scheme leaves a range on the reference date: nothing to check');
    const page = await open(desktopContext, `#/?scheme=${found.scheme.id}`);
    await page.waitForSelector(`#now li[data-code="${found.place.code}"]`);
    const a = assessment(found.place, found.scheme.id);
    const items = await page.$$eval(`#now li[data-code="${found.place.code}"] .now-missing li`, (els) => els.map((e) => e.textContent));
    expect(items.length === a.missing.length && items.length > 0, `${items.length} missing inputs shown, the API names ${a.missing.length}`);
    for (const m of a.missing) {
      const text = items.find((x) => x.includes(m.label.es));
      expect(text, `“${m.label.es}” is not named`);
      if (m.up_to) {
        const up = found.scheme.levels.find((l) => l.id === m.up_to).label.es.split(':')[0];
        expect(text.includes(up), `“${text}” does not say it could reach ${up}`);
      }
    }
    const decider = await page.$(`#now li[data-code="${found.place.code}"] .now-decider button`);
    const deciders = found.place.assessments.filter((x) => x.scheme !== found.scheme.id && single(x.level));
    expect(!!decider === deciders.length > 0, 'the offer of a deciding scheme does not match the API');
    if (decider) {
      const id = await decider.getAttribute('data-scheme');
      await decider.click();
      await page.waitForFunction((s) => location.hash.includes(`scheme=${s}`), id, { timeout: 10000 });
    }
    await page.close();
    return `${found.place.name}, ${found.scheme.id}: ${items[0]}`;
  });

  // 3. Dates: typed with the keyboard, applied on Enter only; out of range, explained.
  await check('a typed date applies when complete (Enter), never per keystroke', async () => {
    const page = await open(desktopContext, '#/');
    await page.evaluate(() => {
      window.__hashes = [];
      window.addEventListener('hashchange', () => window.__hashes.push(location.hash));
    });
    // The browser's own locale sets the order of the fields (day or month first): type in that order.
    const typeDate = async (parts) => {
      await page.click('#date-input');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      for (const part of parts) await page.keyboard.type(part, { delay: 40 });
      return page.inputValue('#date-input');
    };
    if ((await typeDate(['15', '11', '2020'])) !== '2020-11-15') await typeDate(['11', '15', '2020']);
    expect((await page.inputValue('#date-input')) === '2020-11-15', `the field holds ${await page.inputValue('#date-input')}`);
    const during = await page.evaluate(() => window.__hashes.length + (location.hash.includes('date=') ? 1 : 0));
    expect(during === 0, `the page navigated while typing (${await page.evaluate(() => window.__hashes.join(' '))} ${page.url()})`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('date=2020-11-15'), null, { timeout: 10000 });
    expect(/15 de noviembre de 2020/.test(await page.textContent('#date-status')), 'the status does not name the typed date');
    await page.goto(`${BASE}#/?date=2019-01-01`);
    await page.waitForFunction(() => /fuera del periodo/.test(document.querySelector('.notices')?.textContent ?? ''), null, { timeout: 10000 });
    const notice = await page.textContent('.notices');
    await page.click('#date-default');
    await page.waitForFunction((d) => location.hash.includes(`date=${d}`) || !location.hash.includes('date=2019'), first.date, { timeout: 10000 });
    await page.close();
    return notice.trim().slice(0, 90);
  });

  // 4. Phone navigation reaches all five municipalities, each link in view.
  await check('phone: the navigation shows and reaches all five municipalities', async () => {
    const page = await open(phoneContext, '#/');
    for (const [code, name] of Object.entries(MUNICIPALITIES)) {
      const link = page.locator('.site-nav a', { hasText: name }).first();
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, `${name}'s link is out of view (${JSON.stringify(box)})`);
      await link.click();
      await page.waitForFunction((n) => document.querySelector('#page-title')?.textContent === n, name, { timeout: 15000 });
      expect(page.url().includes(`#/m/${code}`), `${name} leads to ${page.url()}`);
    }
    // The place page: the level, then the main chart, within the first two screens.
    const level = await page.$eval('#now .now-row', (e) => e.getBoundingClientRect().top + window.scrollY);
    const chart = await page.$eval('#chart-cases', (e) => e.getBoundingClientRect().top + window.scrollY);
    expect(level < 844 && chart < 2 * 844, `level at ${Math.round(level)} px, main chart at ${Math.round(chart)} px`);
    await page.screenshot({ path: join(SHOTS, `${label}-place-phone.png`) });
    await page.close();
    return `level at ${Math.round(level)} px, cases chart at ${Math.round(chart)} px`;
  });

  // 5. Charts: values on hover, the dash in the legend.
  await check('hovering the five-municipality chart shows each value of that day', async () => {
    const page = await open(desktopContext, '#/');
    await page.waitForSelector('#chart-all-five .u-over');
    const over = await page.$('#chart-all-five .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('#chart-all-five')?.dataset.cursorDate, null, { timeout: 5000 });
    const date = await page.$eval('#chart-all-five', (f) => f.dataset.cursorDate);
    const i = overview.dates.indexOf(date);
    const legend = await page.$$eval('#chart-all-five .u-legend .u-series', (rows) => rows.map((r) => [r.querySelector('.u-label')?.textContent, r.querySelector('.u-value')?.textContent]));
    const keys = await page.$$eval('#chart-all-five .u-legend svg.line-key line', (ls) => ls.map((l) => l.getAttribute('stroke-dasharray')));
    for (const p of overview.places.filter((x) => x.kind !== 'metro_zone')) {
      const v = p.incidence_7d_per_100k[i];
      const shown = legend.find(([l]) => l === p.name)?.[1] ?? '';
      expect(v === null ? /sin dato/.test(shown) : shown.includes(nf(v, 1)), `${p.name} on ${date}: legend “${shown}”, API ${v}`);
    }
    expect(keys.filter((k) => k).length >= 4, `only ${keys.filter((k) => k).length} legend keys are dashed`);
    await page.close();
    return `${date}: ${legend.slice(1, 3).map((x) => x.join(' ')).join('; ')}`;
  });

  // 6. CSV with accents intact.
  await check('the CSV download opens with its accents (UTF-8 with BOM) and the API’s values', async () => {
    const page = await open(desktopContext, '#/');
    await page.waitForSelector('#chart-all-five [data-download="csv"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chart-all-five [data-download="csv"]')]);
    const bytes = readFileSync(await download.path());
    expect(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'no UTF-8 byte-order mark');
    const lines = bytes.toString('utf8').slice(1).trim().split(/\r\n/);
    expect(lines[0].includes('Torreón') && lines[0].includes('Gómez Palacio'), `header “${lines[0]}”`);
    expect(lines.length === overview.dates.length + 1, `${lines.length - 1} rows for ${overview.dates.length} days`);
    const names = lines[0].split(',');
    const row = lines[overview.dates.indexOf(first.date) + 1].split(',');
    const torreon = overview.places.find((p) => p.code === '05035').incidence_7d_per_100k[overview.dates.indexOf(first.date)];
    expect(row[0] === first.date && Number(row[names.indexOf('Torreón')]) === torreon, `row ${row.join(',')} vs API ${torreon}`);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#chart-all-five [data-download="json"]')]);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(doc.dates.length === overview.dates.length && doc.series.some((s) => s.label === 'Gómez Palacio'), 'the JSON download lacks the series');
    await page.close();
    return `${download.suggestedFilename()}: ${lines[0]}`;
  });

  // 7. The embed: framable; the rest not.
  await check('the embed shows a place’s level and can be framed; the site cannot', async () => {
    const page = await desktopContext.newPage();
    await page.goto(`${BASE}embed/#/10007`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.level-chip');
    const shown = await page.getAttribute('.level-chip', 'data-level');
    const gp = first.places.find((p) => p.code === '10007');
    const lv = assessment(gp, first.scheme).level;
    expect(shown === (single(lv) ? levelId(lv) : lv === null ? 'none' : `${lv.min}..${lv.max}`), `embed ${shown}, API ${JSON.stringify(lv)}`);
    await page.screenshot({ path: join(SHOTS, `${label}-embed.png`) });
    if (live) {
      const embed = await fetch(new URL('embed/', BASE));
      const site = await fetch(BASE);
      expect(embed.status === 200 && !embed.headers.get('x-frame-options'), `embed: ${embed.status}, X-Frame-Options ${embed.headers.get('x-frame-options')}`);
      expect(/frame-ancestors \*/.test(embed.headers.get('content-security-policy') ?? ''), 'embed CSP lacks frame-ancestors *');
      expect(site.headers.get('x-frame-options') === 'DENY', `site X-Frame-Options ${site.headers.get('x-frame-options')}`);
      expect(/frame-ancestors 'none'/.test(site.headers.get('content-security-policy') ?? ''), "site CSP lacks frame-ancestors 'none'");
      // Framed by another document: the embed renders, the site does not.
      // Framed by a page of another origin (a server of this test on another port): the embed renders, the site not.
      const body = `<!doctype html><iframe id="e" src="${BASE}embed/#/10007" width="400" height="400"></iframe><iframe id="s" src="${BASE}" width="400" height="400"></iframe>`;
      const other = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
      await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
      const framer = await desktopContext.newPage();
      await framer.goto(`http://127.0.0.1:${other.address().port}/`);
      await framer.waitForTimeout(3000);
      const frames = framer.frames();
      const embedFrame = frames.find((f) => f.url().includes('/embed/'));
      const chip = embedFrame ? await embedFrame.$('.level-chip') : null;
      const siteFrame = frames.find((f) => f !== framer.mainFrame() && !f.url().includes('/embed/'));
      const siteTitle = siteFrame ? await siteFrame.$('#site-header').catch(() => null) : null;
      await framer.close();
      other.close();
      expect(chip, 'the framed embed did not render');
      expect(!siteTitle, 'the site rendered inside a frame');
    }
    await page.close();
    return live ? 'headers and frames checked' : 'rendered (a static host sends its own headers)';
  });

  // 8. axe-core on the overview, a place page, the data page and the methodology page.
  for (const [name, hash] of [['overview', '#/'], ['place page', '#/m/10007'], ['data page', '#/datos'], ['methodology page', '#/metodologia']]) {
    await check(`axe-core: no violations on the ${name}`, async () => {
      const page = await open(axeContext, hash);
      if (hash === '#/') await page.waitForSelector('svg.zone-map a.map-place');
      if (hash.startsWith('#/m/')) await page.waitForSelector('#indicators tbody tr');
      const violations = await axe(page);
      if (name === 'data page') await page.screenshot({ path: join(SHOTS, `${label}-data.png`), fullPage: true });
      if (name === 'place page') await page.screenshot({ path: join(SHOTS, `${label}-place.png`), fullPage: true });
      await page.close();
      expect(violations.length === 0, violations.join('; '));
    });
  }

  // 9. Spanish everywhere: the place page's notes are worded from the server's message codes, never identifiers.
  await check('place page notes speak Spanish: no identifiers, deaths are defunciones, dates as people read them', async () => {
    const page = await open(desktopContext, '#/m/05035?date=2021-06-01');
    await page.waitForSelector('#indicators tbody tr');
    const notes = await page.$$eval('#indicators .indicator-note', (els) => els.map((e) => e.textContent));
    const leaks = notes.filter((n) => /\b(suspected|negative|lab_positive|lab_negative|antigen_\w+|hospitalized|icu|confirmed|deaths)\b|\b(ssa|municipal) \d{4}-/.test(n));
    expect(notes.length > 0, 'no notes to check on this day');
    expect(leaks.length === 0, `identifiers in “${leaks[0]}”`);
    await page.goto(`${BASE}#/m/05035?date=2020-11-15`);
    await page.waitForFunction(() => /15 nov/.test(document.querySelector('#indicators-heading')?.textContent ?? '') || /15 de noviembre/.test(document.querySelector('#indicators-heading')?.textContent ?? ''), null, { timeout: 15000 });
    await page.waitForSelector('#indicators tr[data-indicator="deaths_7d"]');
    const deaths = await page.textContent('#indicators tr[data-indicator="deaths_7d"] td');
    expect(/defunciones/.test(deaths) && !/casos/.test(deaths), `deaths read “${deaths}”`);
    const window = await page.textContent('#indicators tr[data-indicator="incidence_7d_per_100k"] td:nth-child(3)');
    expect(/\d{1,2} [a-z]{3}\.? \d{4}/.test(window) && !/\d{4}-\d{2}-\d{2}/.test(window), `window “${window}”`);
    await page.close();
    return notes[0];
  });

  await check('the data page lists every dataset with source, licence and cut', async () => {
    const page = await open(desktopContext, '#/datos');
    const items = await page.$$eval('.dataset-list > li', (els) => els.map((li) => li.querySelectorAll('dd').length));
    expect(items.length >= 5 && items.every((n) => n === 4), `datasets ${items.join(',')}`);
    const text = await page.textContent('#data-page');
    for (const r of overview.releases) expect(text.includes(longDate(r.release)), `the release of ${r.release} is not named`);
    await page.close();
    return `${items.length} datasets`;
  });

  // The access pages (issue 10) are the live server's: its header links to sign in and to the directory; a
  // static export, which has no sessions, links to neither.
  await check(`the header ${live ? 'links to sign in and to the directory' : 'has no sign-in link (static export)'}`, async () => {
    const page = await open(desktopContext, '#/');
    await page.waitForSelector('.site-nav a');
    const account = await page.$eval('#header-account', (a) => [a.textContent, a.getAttribute('href')]).catch(() => null);
    const directory = await page.getAttribute('#nav-directory', 'href').catch(() => null);
    await page.close();
    if (live) {
      expect(account && account[1] === 'acceso.html' && account[0].includes('Acceso / Sign in'), `header link ${JSON.stringify(account)}`);
      expect(directory === 'organizaciones.html', `directory link ${directory}`);
      return account[0];
    }
    expect(account === null && directory === null, `a static export links to ${account?.[1]} and ${directory}`);
    return 'none';
  });
} catch (e) {
  failed++;
  problems.push(`run: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : String(e)}`);
  console.log(`FAIL run — ${e && e.message}`);
} finally {
  await browser.close().catch(() => {});
}

if (failed) console.log(`\nFailures:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
console.log(`Screenshots: ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
