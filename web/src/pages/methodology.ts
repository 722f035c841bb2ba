// SPDX-License-Identifier: MIT
// `#/metodologia`: docs/methodology.md as a page of the site (bundled at build time, so the static export has it).
import methodology from '../../../docs/methodology.md?raw';
import { h } from '../dom';
import { t } from '../i18n';
import { renderMarkdown } from '../markdown';
import type { Page } from './page';

export class MethodologyPage implements Page {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'page doc-page', id: 'methodology' },
      h('h1', { tabindex: -1, id: 'page-title' }, t('methodology.title')),
      h('p', { class: 'lead' }, t('methodology.lead')),
      h('div', { lang: 'en' }, renderMarkdown(methodology, 1)));
  }

  title(): string {
    return t('methodology.title');
  }

  shownDate(): string {
    return '';
  }

  update(): void {}

  destroy(): void {}
}
