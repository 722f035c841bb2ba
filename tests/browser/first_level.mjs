#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Bytes and time to the first risk level a phone shows, under a throttled 4G profile and a 4× slower CPU.
//
//   node tests/browser/first_level.mjs BASE_URL [RUNS]
//
// BASE_URL serves the web app (`metropoli serve --web web/dist`, or a static export). Each run opens a fresh
// 390×844 phone context with an empty cache, throttles it through Chrome DevTools Protocol (latency 150 ms,
// 1.6 Mbit/s down, 750 kbit/s up: Lighthouse's "slow 4G"; CPU 4× slower), loads `#/` and waits for the first
// element carrying a level (`.level-chip`, as the overview's cards and the first screen both draw it).
// It prints, per run and as the median, the milliseconds from navigation to that element (taken in the page by
// a MutationObserver), the bytes of the responses complete by then (Resource Timing transferSize, headers
// included) and the number of requests; and what CDP had counted on the wire when the test noticed it.
import { createRequire } from 'node:module';

const [baseArg, runsArg = '3'] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: node tests/browser/first_level.mjs BASE_URL [RUNS]');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const RUNS = Math.max(1, Number(runsArg) || 3);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SELECTOR = '.level-chip';
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const args = [];
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });

async function once() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  let counting = true;
  const resources = [];
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    if (!counting) return;
    bytes += e.encodedDataLength;
    requests++;
    resources.push([urls.get(e.requestId) ?? '?', e.encodedDataLength]);
  });
  // The moment the first level enters the document, taken in the page (a polling wait on a 4× slower CPU would
  // see it late); the bytes are those of the resources whose response had ended by then.
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        window.__firstLevel = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, SELECTOR);
  await page.goto(`${BASE}#/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstLevel !== undefined, null, { timeout: 120000, polling: 100 });
  counting = false;
  const measured = await page.evaluate(() => {
    const t = window.__firstLevel;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const before = entries.filter((e) => e.responseEnd <= t);
    return { ms: Math.round(t), bytes: before.reduce((n, e) => n + e.transferSize, 0), requests: before.length, names: before.map((e) => [e.name, e.transferSize]) };
  });
  const level = (await page.textContent(SELECTOR))?.trim();
  await context.close();
  return { ...measured, level, resources: measured.names, wire: bytes, wireRequests: requests };
}

const results = [];
for (let i = 0; i < RUNS; i++) {
  const r = await once();
  results.push(r);
  console.log(`run ${i + 1}: ${r.ms} ms to the first level (“${r.level}”), ${r.bytes} bytes in ${r.requests} requests ` +
    `(on the wire when the test saw it: ${r.wire} bytes, ${r.wireRequests} requests)`);
  if (i === 0) for (const [url, n] of r.resources.sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(8)}  ${url.replace(BASE, '')}`);
}
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median of ${RUNS}: ${median(results.map((r) => r.ms))} ms, ${median(results.map((r) => r.bytes))} bytes ` +
  `(4G: ${NETWORK.latency} ms, 1.6 Mbit/s down; CPU ${CPU_SLOWDOWN}× slower; 390×844)`);
