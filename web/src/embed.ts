// SPDX-License-Identifier: MIT
// The embeddable card (`embed/#/<code>?scheme=&lang=`): one place's level, its meaning, the date and the data cut,
// for any site to frame (the server sends it without X-Frame-Options). It reads the same first-screen document as
// the site, one folder up, and links back to the place's page.
import './style.css';
import { getFirstScreen, loadConfig, setBase } from './api';
import { h } from './dom';
import { setLang, t } from './i18n';
import { nowPanel } from './pages/now';
import { parseHash, routeHref } from './router';

const main = document.getElementById('main') as HTMLElement;

async function render(): Promise<void> {
  // `#/05035` names the place; the zone when none is given.
  const code = location.hash.replace(/^#\/?/, '').split('?')[0];
  const route = parseHash(`#/${location.hash.includes('?') ? `?${location.hash.split('?')[1]}` : ''}`);
  setLang(route.lang);
  try {
    const first = await getFirstScreen();
    const place = first.places.find((p) => p.code === code) ?? first.places[0];
    const panel = nowPanel({
      first,
      overview: null,
      scheme: route.scheme ?? first.scheme,
      date: first.date,
      route,
      only: place.code,
      onScheme: (scheme) => {
        location.hash = `#/${place.code}?${new URLSearchParams({ scheme, ...(route.lang === 'en' ? { lang: 'en' } : {}) }).toString()}`;
      },
    });
    // Links open the full site, outside the frame.
    for (const a of panel.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
      a.href = `../${a.getAttribute('href')}`;
      a.target = '_blank';
      a.rel = 'noopener';
    }
    const site = `../${routeHref({ page: 'place', code: place.code, scheme: route.scheme, lang: route.lang })}`;
    main.replaceChildren(
      h('h1', { class: 'embed-title' }, t('site.name')),
      panel,
      h('p', { class: 'embed-link' }, h('a', { href: site, target: '_blank', rel: 'noopener' }, t('embed.open'))));
  } catch (e) {
    main.replaceChildren(h('p', { class: 'notice notice-warn' }, `${t('error.title')}: ${e instanceof Error ? e.message : String(e)}`));
  }
}

setBase('../');
window.addEventListener('hashchange', () => void render());
void loadConfig().then(render, () => main.replaceChildren(h('p', null, t('error.config'))));
