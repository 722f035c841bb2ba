#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Browser test of the public web app: Debian's chromium driven by playwright-core (never a downloaded browser).
//
//   node tests/browser/run.mjs BASE_URL SCREENSHOT_DIR LABEL
//
// BASE_URL serves the built app (web/dist) with its config.json and api/v1 (live `metropoli serve`, a static
// export, or `vite preview` of the fixtures). The expected figures are read from the same API the page uses, so
// the checks hold for any data. Prints one line per check and a final `N passed, M failed`; exits 1 on a failure.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [baseArg, shotArg, label = 'run'] = process.argv.slice(2);
if (!baseArg || !shotArg) {
  console.error('usage: node tests/browser/run.mjs BASE_URL SCREENSHOT_DIR LABEL');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const SHOTS = resolve(shotArg);
mkdirSync(SHOTS, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`FAIL setup: playwright-core is not installed in web/node_modules (run \`npm ci\` in web/): ${e.message}`);
  process.exit(1);
}

const MUNICIPALITIES = {
  '05009': 'Francisco I. Madero',
  '05017': 'Matamoros',
  '05035': 'Torreón',
  '10007': 'Gómez Palacio',
  '10012': 'Lerdo',
};
const PAST_DATE = '2020-11-15';

let passed = 0;
let failed = 0;
const problems = [];

function ok(name, detail = '') {
  passed++;
  console.log(`ok   ${name}${detail ? ` — ${detail}` : ''}`);
}

function fail(name, message) {
  failed++;
  problems.push(`${name}: ${message}`);
  console.log(`FAIL ${name} — ${message}`);
}

async function check(name, fn) {
  try {
    const detail = await fn();
    ok(name, typeof detail === 'string' ? detail : '');
  } catch (e) {
    fail(name, e && e.message ? e.message.split('\n')[0] : String(e));
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// --- Expected values, from the API the page reads ---------------------------------------------------------------
async function fetchJson(path) {
  const r = await fetch(new URL(path, BASE));
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

function shortLabel(level, lang) {
  const text = level.label[lang] || level.label.es;
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon) : text;
}

// The words a map label must carry for a level value (an id, {min, max} or null).
function expectedLevelWords(scheme, value, lang) {
  if (!value) return [lang === 'es' ? 'Sin dato' : 'No data'];
  const find = (id) => scheme.levels.find((l) => l.id === id);
  if (typeof value === 'object' && value.min !== value.max) {
    return [lang === 'es' ? 'Entre' : 'Between', shortLabel(find(value.min), lang), shortLabel(find(value.max), lang)];
  }
  return [shortLabel(find(typeof value === 'object' ? value.min : value), lang)];
}

// Day `i` of an indicator series as the per-day list gives it (window ends: days from the day, or fixed days).
function seriesDay(series, i) {
  const day = series.dates[i];
  const shift = (n) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const end = (e) => (typeof e === 'number' ? shift(e) : e);
  return series.indicators.map((c) => {
    const span = c.spans.find((s) => s.from <= day && day <= s.to);
    return {
      id: c.id,
      value: c.values[i],
      window_from: span && end(span.window_from),
      window_to: span && end(span.window_to),
      complete: span?.complete,
      releases: span ? span.releases.map((k) => series.releases[k]) : null,
    };
  });
}

function formatFixed(value, digits, lang) {
  return new Intl.NumberFormat(lang === 'es' ? 'es-MX' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

// --- In-page helpers -------------------------------------------------------------------------------------------
async function mapLabels(page) {
  return page.$$eval('svg.zone-map text.map-label', (els) =>
    Object.fromEntries(
      els.map((el) => [el.getAttribute('data-code'), [...el.querySelectorAll('tspan')].map((t) => t.textContent.trim()).join(' / ')]),
    ),
  );
}

async function waitForApp(page) {
  await page.waitForSelector('#page-title', { timeout: 20000 });
}

// WCAG contrast of the text of every element matching a selector, against its nearest opaque background.
async function lowContrast(page, selector, minimum) {
  return page.$$eval(
    selector,
    (els, min) => {
      const parse = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(',').map((x) => parseFloat(x));
        return { r, g, b, a };
      };
      const lum = ({ r, g, b }) => {
        const f = (v) => {
          v /= 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0.9) return c;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const bad = [];
      for (const el of els) {
        if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
        const fg = parse(getComputedStyle(el).color);
        const bg = background(el);
        const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < min) bad.push(`${el.className || el.tagName} “${el.textContent.trim().slice(0, 30)}” ${ratio.toFixed(2)}`);
      }
      return bad;
    },
    minimum,
  );
}

// --- The run ---------------------------------------------------------------------------------------------------
const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
} catch (e) {
  console.error(`FAIL setup: cannot start ${CHROMIUM}: ${e.message.split('\n')[0]}`);
  process.exit(1);
}

const consoleErrors = [];
function watch(page, name) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${name}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${name}: uncaught ${err.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`${name}: HTTP ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => consoleErrors.push(`${name}: request failed ${request.url()} ${request.failure()?.errorText ?? ''}`));
}

try {
  const config = await fetchJson('config.json');
  const mode = config.static ? 'static' : 'live';
  const api = (path) => (config.static ? `api/v1/${path}.json` : `api/v1/${path}`);
  const overview = await fetchJson(api('overview'));
  // The page opens on the scheme the server chose (overview.default_scheme, the first screen's choice).
  const scheme = overview.schemes.find((s) => s.id === overview.default_scheme) ?? overview.schemes[0];
  const other = overview.schemes.find((s) => s.id !== scheme.id && s.id === 'harvard') ?? overview.schemes.find((s) => s.id !== scheme.id);
  const dayIndex = (date) => overview.dates.indexOf(date);
  const placeOf = (code) => overview.places.find((p) => p.code === code);
  console.log(`# ${label}: ${BASE} (${mode}), ${overview.dates.length} days, default ${overview.default_date}`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  const page = await context.newPage();
  watch(page, 'desktop');

  // 1. Overview in Spanish
  await check('overview loads in Spanish', async () => {
    await page.goto(`${BASE}#/`, { waitUntil: 'networkidle' });
    await waitForApp(page);
    await page.waitForFunction(() => document.querySelectorAll('svg.zone-map a.map-place').length >= 5, null, { timeout: 20000 });
    expect((await page.getAttribute('html', 'lang')).startsWith('es'), 'html lang is not Spanish');
    const h1 = await page.textContent('#page-title');
    expect(/La Laguna/.test(h1), `unexpected title “${h1}”`);
    return h1.trim();
  });

  // The first page also says that the metro's measures diverged (issue 13): the month the server names, each
  // indicator with its divergence in words, and the way to the calendar (live only).
  await check('the dashboard shows the month the metro\'s measures diverged, Torreón against Gómez Palacio', async () => {
    const { summary } = await fetchJson(api('policy/metro-summary'));
    expect(summary, 'the API has no metro summary');
    await page.waitForSelector('#policy-divergence:not([hidden])', { timeout: 10000 });
    const text = await page.innerText('#policy-divergence');
    const c6 = summary.indicators.find((i) => i.code === 'C6');
    expect(summary.from === '2020-11-01' && c6 && c6.days === 15, `the API names ${summary.from} (C6: ${c6 && c6.days})`);
    expect(text.includes(c6.divergence.es), `the panel does not name the C6 divergence: ${text}`);
    expect(text.includes('Torreón') && text.includes('Gómez Palacio') && text.includes('noviembre de 2020'), `the panel says: ${text}`);
    const link = await page.locator('#policy-calendar-link').count();
    expect(link === (mode === 'live' ? 1 : 0), `${link} links to the calendar (${mode})`);
    if (link) {
      const href = await page.getAttribute('#policy-calendar-link', 'href');
      expect(href.startsWith('homologacion.html?from=2020-11-01&to=2020-11-30'), `the link goes to ${href}`);
    }
    return c6.divergence.es;
  });

  await check('map shows the five municipalities with their level names in text', async () => {
    const labels = await mapLabels(page);
    const i = dayIndex(overview.default_date);
    for (const [code, name] of Object.entries(MUNICIPALITIES)) {
      const text = labels[code];
      expect(text, `${name} (${code}) is not on the map`);
      expect(text.includes(name), `map label of ${code} is “${text}”, not ${name}`);
      for (const word of expectedLevelWords(scheme, placeOf(code).levels[scheme.id][i], 'es')) {
        expect(text.includes(word), `map label “${text}” lacks the level word “${word}”`);
      }
      const link = await page.$(`svg.zone-map a.map-place[data-code="${code}"]`);
      expect(link, `${name} is not a link`);
      const fill = await link.$eval('path', (p) => p.getAttribute('fill'));
      expect(fill && fill !== 'none', `${name} has no fill`);
    }
    return Object.values(labels).join(' | ');
  });

  await check('cards, legend, notices and the five-municipality chart', async () => {
    const cards = await page.$$eval('#cards > li', (els) => els.map((e) => e.getAttribute('data-code')));
    expect(cards.length === 6, `expected 6 cards (zone + 5), found ${cards.length}`);
    expect(cards[0] === overview.zone.code, `first card is ${cards[0]}, not the zone`);
    expect(await page.$$eval('.legend-list li', (els) => els.length) >= scheme.levels.length, 'legend lacks levels');
    if (!scheme.verified) expect(await page.$('#notice-unverified'), 'no unverified-scheme notice for an unverified scheme');
    expect(await page.$('#chart-all-five canvas'), 'the five-municipality chart has no canvas');
    const series = await page.$$eval('#chart-all-five .u-legend .u-series .u-label', (els) => els.map((e) => e.textContent));
    for (const name of Object.values(MUNICIPALITIES)) expect(series.includes(name), `chart legend lacks ${name}`);
    expect(await page.$$eval('#vintage li', (els) => els.length) === overview.releases.length, 'releases not all listed');
    return `${cards.length} cards`;
  });

  await check('accessibility landmarks, labels and captions', async () => {
    for (const sel of ['header', 'main#main', 'footer', 'nav', 'a.skip-link', 'label[for="date-input"]', 'label[for="scheme-select"]']) {
      expect(await page.$(sel), `missing ${sel}`);
    }
    const figures = await page.$$eval('figure.chart', (els) =>
      els.map((f) => ({ caption: !!f.querySelector('figcaption'), summary: (f.querySelector('.chart-summary')?.textContent ?? '').length })),
    );
    expect(figures.length > 0 && figures.every((f) => f.caption && f.summary > 10), 'a chart lacks its figcaption or text summary');
    const bad = await lowContrast(page, '.card-sub, .figure-release, .figure-value, .card-label, .notice, .control-hint, .site-nav a, .brand-tagline, .level-chip, .legend-list span, .site-footer p, .map-caption, .lead', 4.5);
    expect(bad.length === 0, `text below 4.5:1 contrast: ${bad.slice(0, 3).join('; ')}`);
  });

  await check('keyboard: skip link, then focus visible on controls', async () => {
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.className);
    expect(first === 'skip-link', `first Tab focuses “${first}”, not the skip link`);
    const visible = await page.$eval('a.skip-link', (el) => el.getBoundingClientRect().top >= 0);
    expect(visible, 'the focused skip link is not visible');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id === 'main'), 'skip link does not move focus to main');
    await page.focus('#date-prev');
    const outline = await page.$eval('#date-prev', (el) => getComputedStyle(el).outlineStyle);
    expect(outline !== 'none', 'no visible focus outline on buttons');
  });

  await page.screenshot({ path: join(SHOTS, `${label}-overview-es.png`), fullPage: true });

  // 2. English
  await check('switching to English changes the labels', async () => {
    const before = await page.textContent('#map-heading');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 10000 });
    await page.waitForSelector('svg.zone-map a.map-place');
    const after = await page.textContent('#map-heading');
    expect(after !== before && /municipalities/i.test(after), `map heading still “${after}”`);
    expect((await page.textContent('#lang-toggle')).trim() === 'Español', 'toggle does not offer Español');
    expect(page.url().includes('lang=en'), `URL ${page.url()} lacks lang=en`);
    const labels = await mapLabels(page);
    const i = dayIndex(overview.default_date);
    for (const code of Object.keys(MUNICIPALITIES)) {
      for (const word of expectedLevelWords(scheme, placeOf(code).levels[scheme.id][i], 'en')) {
        expect(labels[code].includes(word), `English map label “${labels[code]}” lacks “${word}”`);
      }
    }
    expect(/Levels/.test(await page.textContent('.legend-title')), 'legend title not translated');
    return `${before} → ${after}`;
  });
  await page.screenshot({ path: join(SHOTS, `${label}-overview-en.png`), fullPage: true });

  // 3. Torreón's page (back in Spanish), reached from the map
  await check('Torreón page: charts render and the indicator card shows', async () => {
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('es'), null, { timeout: 10000 });
    await page.waitForSelector('svg.zone-map a.map-place[data-code="05035"]');
    // By keyboard: the municipality on the map is a link (Enter follows it).
    await page.focus('svg.zone-map a.map-place[data-code="05035"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'Torreón', null, { timeout: 15000 });
    expect(page.url().includes('#/m/05035'), `URL ${page.url()} is not Torreón's`);
    for (const id of ['chart-cases', 'chart-rt', 'chart-hospital', 'chart-mobility-05', 'chart-state-positivity-05']) {
      const el = await page.$(`#${id} canvas, #${id} svg`);
      expect(el, `#${id} has no canvas or svg`);
      const box = await el.boundingBox();
      expect(box && box.width > 200 && box.height > 100, `#${id} is not drawn (box ${JSON.stringify(box)})`);
    }
    expect(await page.$('#chart-positivity'), 'no positivity figure');
    // Coahuila's positivity from the tablero's state series, with the cut-offs it reads named.
    const stateCaption = await page.textContent('#chart-state-positivity-05 .chart-caption');
    expect(/7 dic 2021/.test(stateCaption) && /sospechoso/.test(stateCaption), `state positivity caption: ${stateCaption}`);
    await page.waitForSelector('#indicators table.indicators-table tbody tr', { timeout: 15000 });
    const rows = await page.$$eval('#indicators tbody tr', (els) =>
      els.map((tr) => ({ id: tr.getAttribute('data-indicator'), cells: [...tr.children].map((c) => c.textContent.trim()) })),
    );
    expect(rows.length >= 10, `indicator card has ${rows.length} rows`);
    const incidence = rows.find((r) => r.id === 'incidence_7d_per_100k');
    expect(incidence, 'no incidence row');
    expect(/\d/.test(incidence.cells[1]), `incidence value is “${incidence.cells[1]}”`);
    expect(incidence.cells[3].length > 3, 'incidence row names no release');
    expect(/Completo|Incompleto/.test(incidence.cells[4]), 'incidence row has no completeness mark');
    const levels = await page.$$eval('.levels-table tbody tr', (els) => els.length);
    expect(levels === overview.schemes.length, `levels table has ${levels} rows for ${overview.schemes.length} schemes`);
    return `${rows.length} indicators; incidence ${incidence.cells[1]}`;
  });
  await page.screenshot({ path: join(SHOTS, `${label}-torreon.png`), fullPage: true });

  // 4. A past date on the overview
  await check(`picking ${PAST_DATE} updates the date, the map and the cards`, async () => {
    await page.click('.breadcrumb a');
    await page.waitForSelector('svg.zone-map a.map-place');
    await page.fill('#date-input', PAST_DATE);
    await page.waitForFunction((d) => location.hash.includes(`date=${d}`), PAST_DATE, { timeout: 10000 });
    await page.waitForFunction(() => /15 de noviembre de 2020/.test(document.querySelector('#date-status')?.textContent ?? ''), null, { timeout: 10000 });
    const i = dayIndex(PAST_DATE);
    expect(i >= 0, `${PAST_DATE} is not on the overview's axis`);
    const labels = await mapLabels(page);
    for (const code of Object.keys(MUNICIPALITIES)) {
      for (const word of expectedLevelWords(scheme, placeOf(code).levels[scheme.id][i], 'es')) {
        expect(labels[code].includes(word), `map label “${labels[code]}” on ${PAST_DATE} lacks “${word}”`);
      }
    }
    const expected = placeOf('05035').incidence_7d_per_100k[i];
    const card = await page.$eval('#cards li[data-code="05035"]', (el) => el.textContent);
    const shown = expected === null ? 'sin dato' : formatFixed(expected, 1, 'es');
    expect(card.includes(shown), `Torreón card does not show incidence ${shown} on ${PAST_DATE}`);
    expect((await page.inputValue('#date-input')) === PAST_DATE, 'date input does not hold the chosen date');
    expect(/15 de noviembre de 2020/.test(await page.textContent('.footer-date')), 'footer does not name the date');
    return `Torreón incidence ${shown}; ${labels['05035']}`;
  });
  await page.screenshot({ path: join(SHOTS, `${label}-${PAST_DATE}.png`), fullPage: true });

  await check('previous / next day buttons', async () => {
    await page.click('#date-next');
    await page.waitForFunction(() => location.hash.includes('date=2020-11-16'), null, { timeout: 10000 });
    await page.click('#date-prev');
    await page.waitForFunction(() => location.hash.includes('date=2020-11-15'), null, { timeout: 10000 });
    expect((await page.inputValue('#date-input')) === '2020-11-15', 'date input out of step');
  });

  await check('scheme selector changes the map levels', async () => {
    expect(other, 'the overview has a single scheme');
    await page.selectOption('#scheme-select', other.id);
    await page.waitForFunction((id) => location.hash.includes(`scheme=${id}`), other.id, { timeout: 10000 });
    const i = dayIndex(PAST_DATE);
    const labels = await mapLabels(page);
    for (const code of Object.keys(MUNICIPALITIES)) {
      for (const word of expectedLevelWords(other, placeOf(code).levels[other.id][i], 'es')) {
        expect(labels[code].includes(word), `${other.id} map label “${labels[code]}” lacks “${word}”`);
      }
    }
    await page.selectOption('#scheme-select', scheme.id);
    return labels['05035'];
  });

  await check(`Torreón's indicators on ${PAST_DATE} (${mode})`, async () => {
    await page.goto(`${BASE}#/m/05035?date=${PAST_DATE}`, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'Torreón', null, { timeout: 15000 });
    await page.waitForSelector('#indicators table.indicators-table tbody tr', { timeout: 15000 });
    const value = await page.$eval('#indicators tr[data-indicator="incidence_7d_per_100k"] td', (td) => td.textContent);
    const expected = placeOf('05035').incidence_7d_per_100k[dayIndex(PAST_DATE)];
    expect(expected === null || value.includes(formatFixed(expected, 1, 'es')), `incidence “${value}”, expected ${expected}`);
    const source = await page.getAttribute('#indicators table', 'data-source');
    expect(source === 'server', `indicators came from “${source}”, not the server`);
    // Every row is the server's series on that day.
    const series = await fetchJson(api('indicator-series/05035'));
    const day = seriesDay(series, series.dates.indexOf(PAST_DATE));
    const rows = await page.$$eval('#indicators tbody tr', (els) => els.map((tr) => tr.getAttribute('data-indicator')));
    expect(rows.join() === day.map((v) => v.id).join(), `the card lists ${rows.length} indicators, the series ${day.length}`);
    const rt = day.find((v) => v.id === 'rt');
    const rtCells = await page.$eval('#indicators tr[data-indicator="rt"]', (tr) => [...tr.children].map((c) => c.textContent));
    expect(rt.value === null || rtCells[1].includes(formatFixed(rt.value, 2, 'es')), `Rt “${rtCells[1]}”, the series ${rt.value}`);
    const rtWindow = await page.$$eval('#indicators tr[data-indicator="rt"] time', (els) => els.map((e) => e.getAttribute('datetime')));
    expect(rtWindow.includes(rt.window_from) && rtWindow.includes(rt.window_to), `Rt window “${rtCells[2]}” (${rtWindow.join(' – ')})`);
    return `${value} (${source})`;
  });

  await check('print stylesheet hides the controls and keeps the date in the footer', async () => {
    await page.emulateMedia({ media: 'print' });
    const controls = await page.$eval('.controls', (el) => getComputedStyle(el).display);
    const footerDate = await page.$eval('.footer-date', (el) => getComputedStyle(el).display !== 'none' && el.textContent);
    await page.screenshot({ path: join(SHOTS, `${label}-print.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(controls === 'none', 'controls still shown in print');
    expect(footerDate && /2020/.test(footerDate), 'no date in the printed footer');
  });

  // The page reads every indicator from the server's series, live and exported alike. Live, the series must give
  // day by day what the per-day indicator list gives: values, windows, completeness and releases.
  if (mode === 'live') {
    await check('the indicator series equal the server’s per-day indicators', async () => {
      let compared = 0;
      const differ = [];
      for (const place of overview.places) {
        const series = await fetchJson(api(`indicator-series/${place.code}`));
        for (let i = 0; i < series.dates.length; i += 9) {
          const date = series.dates[i];
          const server = (await fetchJson(api(`indicators/${place.code}/${date}`))).indicators;
          for (const mine of seriesDay(series, i)) {
            const theirs = server.find((x) => x.id === mine.id);
            compared++;
            if (!theirs) {
              differ.push(`${mine.id} not in the server's list`);
              continue;
            }
            const same =
              mine.value === theirs.value &&
              mine.complete === theirs.complete &&
              mine.window_from === theirs.window_from &&
              mine.window_to === theirs.window_to &&
              JSON.stringify(mine.releases) === JSON.stringify(theirs.releases);
            if (!same) differ.push(`${place.code} ${date} ${mine.id}: ${mine.value} (${mine.complete}) vs ${theirs.value} (${theirs.complete})`);
          }
        }
      }
      expect(differ.length === 0, `${differ.length} of ${compared} differ, e.g. ${differ.slice(0, 2).join('; ')}`);
      return `${compared} values`;
    });
  }

  // 5. Phone
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
  const mobile = await phone.newPage();
  watch(mobile, 'phone');
  await check('phone layout: one column, no sideways scrolling', async () => {
    await mobile.goto(`${BASE}#/`, { waitUntil: 'networkidle' });
    await waitForApp(mobile);
    await mobile.waitForSelector('svg.zone-map a.map-place');
    const layout = await mobile.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      lefts: [...document.querySelectorAll('#cards > li')].map((li) => Math.round(li.getBoundingClientRect().left)),
    }));
    expect(layout.overflow <= 1, `page is ${layout.overflow}px wider than the phone`);
    expect(new Set(layout.lefts).size === 1, `cards are not in one column (${layout.lefts.join(',')})`);
    const labels = await mapLabels(mobile);
    expect(Object.keys(labels).length === 5, 'phone map lacks municipalities');
  });
  await mobile.screenshot({ path: join(SHOTS, `${label}-phone.png`), fullPage: true });
  await check('phone: Torreón page fits', async () => {
    await mobile.goto(`${BASE}#/m/05035`, { waitUntil: 'networkidle' });
    await mobile.waitForSelector('#chart-cases canvas');
    await mobile.waitForSelector('#indicators tbody tr');
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `Torreón page is ${overflow}px wider than the phone`);
  });
  await mobile.screenshot({ path: join(SHOTS, `${label}-phone-torreon.png`), fullPage: true });

  // 6. Console
  await check('no console errors, failed requests or uncaught exceptions', async () => {
    expect(consoleErrors.length === 0, consoleErrors.slice(0, 5).join(' | '));
  });
} catch (e) {
  fail('run', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : String(e));
} finally {
  await browser.close().catch(() => {});
}

if (failed) {
  console.log(`\nFailures:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
console.log(`Screenshots: ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
