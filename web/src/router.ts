// SPDX-License-Identifier: MIT
// Hash routes, so a static host needs no rewrites: `#/` (overview), `#/m/05035` (a place), `#/datos` (the open
// data), `#/metodologia` (the methodology), with
// `?date=YYYY-MM-DD&lang=en&scheme=harvard` in the hash.
import type { Lang } from './i18n';

export interface Route {
  page: 'overview' | 'place' | 'data' | 'methodology' | 'notfound';
  code?: string;
  date?: string;
  scheme?: string;
  lang: Lang;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [path, query = ''] = body.split('?', 2);
  const params = new URLSearchParams(query);
  const route: Route = { page: 'notfound', lang: params.get('lang') === 'en' ? 'en' : 'es' };
  const date = params.get('date');
  if (date && ISO_DAY.test(date)) route.date = date;
  const scheme = params.get('scheme');
  if (scheme && /^[a-z0-9-]+$/.test(scheme)) route.scheme = scheme;
  const parts = (path || '/').split('/').filter((s) => s.length > 0);
  if (parts.length === 0) route.page = 'overview';
  else if (parts.length === 1 && parts[0] === 'datos') route.page = 'data';
  else if (parts.length === 1 && parts[0] === 'metodologia') route.page = 'methodology';
  else if (parts.length === 2 && parts[0] === 'm') {
    route.page = 'place';
    route.code = decodeURIComponent(parts[1]);
  }
  return route;
}

export function routeHref(route: Route): string {
  const path =
    route.page === 'place' && route.code
      ? `/m/${encodeURIComponent(route.code)}`
      : route.page === 'data'
        ? '/datos'
        : route.page === 'methodology'
          ? '/metodologia'
          : '/';
  const params = new URLSearchParams();
  if (route.date) params.set('date', route.date);
  if (route.scheme) params.set('scheme', route.scheme);
  if (route.lang === 'en') params.set('lang', 'en');
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

// App routes start with `#/`; other fragments (none are used) are left alone.
export function isAppHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}
