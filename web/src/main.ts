// SPDX-License-Identifier: MIT
// The shell: header (navigation, language switch), the routed page, the footer with the date and the sources.
import './style.css';
import { getDashboard, getOverview, isStatic, loadConfig, resourceUrl } from './api';
import type { Overview } from './api';
import { h } from './dom';
import { formatDate, setLang, t } from './i18n';
import { releaseShort } from './format';
import { installGlobalDefs } from './map';
import { OverviewPage } from './pages/overview';
import type { Page, PageContext } from './pages/page';
import { PlacePage } from './pages/place';
import { isAppHash, parseHash, routeHref } from './router';
import type { Route } from './router';

const header = document.getElementById('site-header') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const footer = document.getElementById('site-footer') as HTMLElement;
const skip = document.getElementById('skip-link') as HTMLAnchorElement;

let route: Route = parseHash(location.hash);
let overview: Overview | null = null;
let page: Page | null = null;
let pageKey = '';
let renderToken = 0;

function navigate(change: Partial<Route>, replace = false): void {
  const next: Route = { ...route, ...change };
  const href = routeHref(next);
  if (replace) {
    history.replaceState(null, '', href);
    void render();
  } else {
    location.hash = href; // hashchange renders
  }
}

const ctx = (): PageContext => ({ overview: overview as Overview, navigate });

function renderHeader(): void {
  const places = overview?.places ?? [];
  const toggle = h('button', {
    type: 'button',
    class: 'btn lang-toggle',
    id: 'lang-toggle',
    lang: route.lang === 'es' ? 'en' : 'es',
    'aria-label': t('lang.switch.label'),
    onclick: () => {
      navigate({ lang: route.lang === 'es' ? 'en' : 'es' });
    },
  }, t('lang.switch'));
  const link = (label: string, target: Route, current: boolean) =>
    h('li', null, h('a', { href: routeHref(target), 'aria-current': current ? 'page' : null }, label));
  header.replaceChildren(
    h('div', { class: 'wrap header-row' },
      h('div', { class: 'brand' },
        h('a', { class: 'brand-name', href: routeHref({ page: 'overview', date: route.date, scheme: route.scheme, lang: route.lang }) }, t('site.name')),
        h('span', { class: 'brand-tagline' }, t('site.tagline'))),
      toggle),
    places.length
      ? h('nav', { class: 'wrap site-nav no-print', 'aria-label': t('nav.label') },
          h('ul', null,
            link(t('nav.overview'), { ...route, page: 'overview', code: undefined }, route.page === 'overview'),
            places
              .filter((p) => p.kind !== 'metro_zone')
              .map((p) => link(p.name, { ...route, page: 'place', code: p.code }, route.page === 'place' && route.code === p.code))))
      : '',
  );
  skip.textContent = t('skip');
}

function renderFooter(): void {
  const shown = page?.shownDate();
  const releases = overview ? [...overview.releases].sort((a, b) => b.release.localeCompare(a.release)).map((r) => releaseShort(r)).join('; ') : '';
  footer.replaceChildren(
    h('div', { class: 'wrap' },
      shown ? h('p', { class: 'footer-date' }, t('footer.date', { date: formatDate(shown) })) : '',
      releases ? h('p', null, t('footer.releases', { releases })) : '',
      h('p', null, t('footer.sources')),
      h('p', { class: 'no-print' },
        overview ? `${isStatic() ? t('footer.mode.static') : t('footer.mode.live')} ` : '',
        overview ? h('a', { href: resourceUrl('overview') }, t('footer.api')) : '',
        ' · ',
        h('button', { type: 'button', class: 'btn btn-link', onclick: () => window.print() }, t('footer.print')))),
  );
}

function showError(title: string, detail: string, retry = true): void {
  page?.destroy();
  page = null;
  pageKey = '';
  main.replaceChildren(
    h('div', { class: 'page page-error' },
      h('h1', { tabindex: -1, id: 'page-title' }, title),
      h('p', null, detail),
      h('p', null,
        retry ? h('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, t('error.retry')) : '',
        ' ',
        h('a', { href: routeHref({ page: 'overview', lang: route.lang }) }, t('error.back')))),
  );
}

async function render(): Promise<void> {
  const token = ++renderToken;
  const previous = route;
  route = parseHash(location.hash);
  const langChanged = previous.lang !== route.lang;
  setLang(route.lang);
  renderHeader();
  if (!overview) return;

  const key = `${route.page}:${route.code ?? ''}:${route.lang}`;
  const focusId = document.activeElement?.id;
  if (page && key === pageKey) {
    page.update(route);
  } else {
    let next: Page | null = null;
    try {
      if (route.page === 'overview') next = new OverviewPage(ctx(), route);
      else if (route.page === 'place' && route.code) {
        const code = route.code;
        if (!overview.places.some((p) => p.code === code)) {
          // Not a place of the zone: the server may still know it.
          main.setAttribute('aria-busy', 'true');
        }
        const dash = await getDashboard(code).catch((e: unknown) => {
          throw new Error(t('error.unknownPlace', { code }) + (e instanceof Error ? ` (${e.message})` : ''));
        });
        if (token !== renderToken) return;
        next = new PlacePage(ctx(), route, dash);
      }
    } catch (e) {
      main.removeAttribute('aria-busy');
      showError(t('error.title'), e instanceof Error ? e.message : String(e), false);
      renderFooter();
      return;
    }
    main.removeAttribute('aria-busy');
    if (token !== renderToken) {
      next?.destroy();
      return;
    }
    page?.destroy();
    page = next;
    pageKey = next ? key : '';
    if (next) main.replaceChildren(next.element);
    else showError(t('error.notfound'), location.hash, false);
    // Focus follows navigation (not the first load); a language switch keeps focus on the switch.
    if (langChanged) document.getElementById('lang-toggle')?.focus();
    else if (initialised) document.getElementById('page-title')?.focus();
  }
  if (focusId && !document.activeElement?.id && document.getElementById(focusId)) document.getElementById(focusId)?.focus();
  document.title = `${page ? page.title() : t('site.name')} — ${t('site.name')}`;
  renderFooter();
}

let initialised = false;

async function start(): Promise<void> {
  setLang(route.lang);
  installGlobalDefs();
  renderHeader();
  main.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('loading')));
  try {
    await loadConfig();
  } catch {
    showError(t('error.title'), t('error.config'));
    return;
  }
  try {
    overview = await getOverview();
  } catch (e) {
    showError(t('error.title'), e instanceof Error ? e.message : String(e));
    return;
  }
  await render();
  initialised = true;
}

window.addEventListener('hashchange', () => {
  if (isAppHash(location.hash)) void render();
});

skip.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
});

void start();
