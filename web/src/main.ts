// SPDX-License-Identifier: MIT
// The shell: header (navigation, language switch), the routed page, the footer with the date and the sources.
import './style.css';
import { getDashboard, getFirstScreen, getOverview, isStatic, loadConfig, resourceUrl } from './api';
import type { FirstScreen, Overview } from './api';
import { h } from './dom';
import { formatDate, setLang, t } from './i18n';
import { maybeSignedIn } from './access/session_store';
import { releaseShort } from './format';
import type { Page, PageContext } from './pages/page';
import { nowPanel } from './pages/now';
import { isAppHash, parseHash, routeHref } from './router';
import type { Route } from './router';

const header = document.getElementById('site-header') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const footer = document.getElementById('site-footer') as HTMLElement;
const skip = document.getElementById('skip-link') as HTMLAnchorElement;

let route: Route = parseHash(location.hash);
let overview: Overview | null = null;
let first: FirstScreen | null = null;
let page: Page | null = null;
let pageKey = '';
let renderToken = 0;
let configured = false; // config.json read: whether this is the live server is known

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

const ctx = (): PageContext => ({ overview: overview as Overview, first: first as FirstScreen, navigate });

function renderHeader(): void {
  const places = overview?.places ?? first?.places ?? [];
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
  const link = (label: string, target: Route, current: boolean, cls?: string) =>
    h('li', { class: cls }, h('a', { href: routeHref(target), 'aria-current': current ? 'page' : null }, label));
  // The access pages (sign in or my account, the directory) need the live server: not in a static export, and
  // not before config.json has said which this is.
  const live = configured && !isStatic();
  header.replaceChildren(
    h('div', { class: 'wrap header-row' },
      h('div', { class: 'brand' },
        h('a', { class: 'brand-name', href: routeHref({ page: 'overview', date: route.date, scheme: route.scheme, lang: route.lang }) }, t('site.name')),
        h('span', { class: 'brand-tagline' }, t('site.tagline'))),
      h('div', { class: 'header-tools' },
        live ? accountLink() : '',
        toggle)),
    places.length
      ? h('nav', { class: 'wrap site-nav no-print', 'aria-label': t('nav.label') },
          h('ul', null,
            link(t('nav.overview'), { ...route, page: 'overview', code: undefined }, route.page === 'overview'),
            places
              .filter((p) => p.kind !== 'metro_zone')
              .map((p) => link(p.name, { ...route, page: 'place', code: p.code }, route.page === 'place' && route.code === p.code)),
            link(t('nav.data'), { ...route, page: 'data', code: undefined }, route.page === 'data', 'nav-secondary'),
            link(t('nav.methodology'), { ...route, page: 'methodology', code: undefined }, route.page === 'methodology', 'nav-secondary'),
            live ? h('li', { class: 'nav-secondary' }, h('a', { href: 'organizaciones.html', id: 'nav-directory' }, t('nav.organisations'))) : ''))
      : '',
  );
  skip.textContent = t('skip');
}

// "Acceso / Sign in", or "Mi cuenta / My account" when someone signed in on this browser (a local hint: the
// session cookie is HttpOnly, and the public pages ask the server nothing about sessions).
function accountLink(): HTMLElement {
  const signedIn = maybeSignedIn();
  return h('a', { class: 'header-account', id: 'header-account', href: signedIn ? 'cuenta.html' : 'acceso.html' },
    signedIn ? 'Mi cuenta' : 'Acceso', ' / ', h('span', { lang: 'en' }, signedIn ? 'My account' : 'Sign in'));
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
        h('a', { href: routeHref({ page: 'data', lang: route.lang }) }, t('nav.data')),
        ' · ',
        h('a', { href: routeHref({ page: 'methodology', lang: route.lang }) }, t('nav.methodology')),
        ' · ',
        overview && !isStatic() ? [h('a', { href: 'organizaciones.html' }, t('nav.organisations')), ' · '] : '',
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
      const pages = await loadPages();
      if (token !== renderToken) return;
      if (route.page === 'overview') next = new pages.OverviewPage(ctx(), route);
      else if (route.page === 'data') next = new pages.DataPage(overview, first as FirstScreen);
      else if (route.page === 'methodology') next = new pages.MethodologyPage();
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
        next = new pages.PlacePage(ctx(), route, dash);
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

// The pages with the map and the charts (d3-geo, uPlot), loaded after the first screen has its levels.
type Pages = {
  OverviewPage: typeof import('./pages/overview').OverviewPage;
  PlacePage: typeof import('./pages/place').PlacePage;
  DataPage: typeof import('./pages/data').DataPage;
  MethodologyPage: typeof import('./pages/methodology').MethodologyPage;
};
let pagesPromise: Promise<Pages> | null = null;
function loadPages(): Promise<Pages> {
  pagesPromise ??= Promise.all([
    import('./pages/overview'),
    import('./pages/place'),
    import('./pages/data'),
    import('./pages/methodology'),
    import('./map'),
  ]).then(([o, p, d, m, map]) => {
    map.installGlobalDefs();
    return { OverviewPage: o.OverviewPage, PlacePage: p.PlacePage, DataPage: d.DataPage, MethodologyPage: m.MethodologyPage };
  });
  return pagesPromise;
}

async function start(): Promise<void> {
  setLang(route.lang);
  renderHeader();
  main.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('loading')));
  try {
    await loadConfig();
  } catch {
    showError(t('error.title'), t('error.config'));
    return;
  }
  configured = true;
  renderHeader();
  // The first screen's small document first, so the levels show before the overview (every day, every place)
  // has arrived; the overview then renders the whole page around the same panel.
  try {
    first = await getFirstScreen();
  } catch (e) {
    showError(t('error.title'), e instanceof Error ? e.message : String(e));
    return;
  }
  if (route.page === 'overview' && (!route.date || route.date === first.date)) {
    renderHeader();
    main.replaceChildren(
      h('div', { class: 'page page-overview' },
        h('div', { class: 'page-head' },
          h('h1', { tabindex: -1, id: 'page-title' }, first.zone.name || t('overview.title')),
          h('p', { class: 'date-status' }, t('overview.dateHeading', { date: formatDate(first.date) }))),
        h('div', { class: 'now-box' },
          nowPanel({ first, overview: null, scheme: route.scheme ?? first.scheme, date: first.date, route, dateInHeading: false, onScheme: (scheme) => navigate({ scheme }, true) })),
        h('p', { class: 'loading', role: 'status' }, t('loading'))));
  }
  // Only now the rest: the overview and the pages' code (map, charts) would compete with the first screen for a
  // slow phone's bandwidth.
  const pages = loadPages();
  try {
    overview = await getOverview();
    await pages;
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
