// SPDX-License-Identifier: MIT
// The frame of the access pages (acceso, cuenta, admin, organizaciones): the site's header with its navigation
// (the dashboard, the directory, sign in or my account, the admin area for an admin), the skip link and a
// footer, in the dashboard's visual style. Both languages at once.
import '../style.css';
import './access.css';
import { h } from '../dom';
import { bi } from './labels';
import { maybeSignedIn } from './session_store';
import type { SessionBody } from './types';
import { isAdmin } from './session';

export type AccessPage = 'login' | 'account' | 'admin' | 'directory' | 'convenio' | 'activities' | 'minutes' | 'mesa' | 'agreements' | 'homologation';

const header = document.getElementById('site-header') as HTMLElement;
const footer = document.getElementById('site-footer') as HTMLElement;
const skip = document.getElementById('skip-link') as HTMLAnchorElement;
export const main = document.getElementById('main') as HTMLElement;

// `session`: null when nobody is signed in, undefined while unknown (the header then trusts the local hint).
export function renderShell(current: AccessPage, session?: SessionBody | null): void {
  const signedIn = session === undefined ? maybeSignedIn() : session !== null;
  const link = (href: string, page: AccessPage | null, label: (Node | string)[], id?: string) =>
    h('li', null, h('a', { href, id, 'aria-current': page === current ? 'page' : null }, label));
  header.replaceChildren(
    h('div', { class: 'wrap header-row' },
      h('div', { class: 'brand' },
        h('a', { class: 'brand-name', href: './' }, 'Metrópoli'),
        h('span', { class: 'brand-tagline' }, 'Zona Metropolitana de La Laguna'))),
    h('nav', { class: 'wrap site-nav', 'aria-label': 'Secciones / Sections' },
      h('ul', null,
        link('./', null, bi('Panorama', 'Overview')),
        link('organizaciones.html', 'directory', bi('Organizaciones', 'Organisations'), 'nav-directory'),
        link('mesa.html', 'mesa', bi('Mesa de Salud', 'Health Board'), 'nav-mesa'),
        link('actas.html', 'minutes', bi('Actas', 'Minutes'), 'nav-minutes'),
        link('acuerdos.html', 'agreements', bi('Acuerdos', 'Agreements'), 'nav-agreements'),
        link('convenio.html', 'convenio', bi('Convenio', 'Agreement'), 'nav-convenio'),
        link('3w.html', 'activities', bi('Quién hace qué (3W)', 'Who does what (3W)'), 'nav-3w'),
        link('homologacion.html', 'homologation', bi('Homologación', 'Homologation'), 'nav-homologation'),
        signedIn
          ? link('cuenta.html', 'account', bi('Mi cuenta', 'My account'), 'nav-account')
          : link('acceso.html', 'login', bi('Acceso', 'Sign in'), 'nav-account'),
        session && isAdmin(session.account.grants) ? link('admin.html', 'admin', bi('Administración', 'Admin'), 'nav-admin') : '')),
  );
  footer.replaceChildren(
    h('div', { class: 'wrap' },
      h('p', null, bi('Metrópoli: coordinación de salud pública de la Zona Metropolitana de La Laguna.', 'Metrópoli: public-health coordination of the La Laguna metro zone.')),
      h('p', null, h('a', { href: './' }, bi('Volver al panorama', 'Back to the overview')))),
  );
  skip.replaceChildren(...bi('Saltar al contenido', 'Skip to content'));
}

skip?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
});

// The page's heading, focusable so that a change of view can move focus to it.
export function pageTitle(label: (Node | string)[]): HTMLHeadingElement {
  return h('h1', { id: 'page-title', tabindex: -1 }, label);
}

export function setTitle(es: string, en: string): void {
  document.title = `${es} / ${en} — Metrópoli`;
}

// The access pages need the live server (`metropoli serve`): a static export has no sessions. False, with a
// notice in the page, when config.json says the site is static or cannot be read.
export async function requireLive(): Promise<boolean> {
  let live = false;
  try {
    const config = (await (await fetch('config.json', { cache: 'no-cache' })).json()) as { static?: boolean };
    live = config.static !== true;
  } catch {
    live = false;
  }
  if (!live) {
    main.replaceChildren(
      h('div', { class: 'page access-page' },
        pageTitle(bi('Sin servidor', 'No server')),
        h('p', { class: 'notice notice-warn' },
          bi('Esta página funciona solo con el servidor en vivo (metropoli serve); un sitio exportado no tiene cuentas.',
            'This page works only with the live server (metropoli serve); an exported site has no accounts.'))));
  }
  return live;
}

// Where to go after signing in: one of the site's own pages, never another site.
const PAGES = new Set(['cuenta.html', 'admin.html', 'organizaciones.html', 'mesa.html']);
export function nextPage(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  return PAGES.has(next) ? next : 'cuenta.html';
}

export function signInHref(next: string): string {
  return `acceso.html?next=${encodeURIComponent(next)}`;
}

// The view when nobody is signed in: a sign-in link that comes back here.
export function notSignedIn(next: string): HTMLElement {
  return h('div', { class: 'page access-page' },
    pageTitle(bi('No ha iniciado sesión', 'You are not signed in')),
    h('p', { class: 'notice', role: 'status' },
      bi('Inicie sesión para ver esta página.', 'Sign in to see this page.'), ' ',
      h('a', { href: signInHref(next), id: 'sign-in-link' }, bi('Iniciar sesión', 'Sign in'))));
}
