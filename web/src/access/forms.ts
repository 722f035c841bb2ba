// SPDX-License-Identifier: MIT
// Form pieces of the access pages: a labelled field, the message area of a form (errors announced assertively,
// confirmations politely, both through aria-live), and a busy state that keeps a form from being sent twice.
import { h } from '../dom';
import { Problem } from './client';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

type InputAttrs = Record<string, string | number | boolean | null | undefined>;

export interface Field<E extends HTMLElement> {
  row: HTMLDivElement;
  input: E;
}

export function field(label: (Node | string)[], attrs: InputAttrs, hint?: (Node | string)[]): Field<HTMLInputElement> {
  const id = (attrs.id as string) ?? nextId('f');
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', { ...attrs, id, 'aria-describedby': hintId });
  return {
    input,
    row: h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'field-hint', id: hintId }, hint) : '', input),
  };
}

export function selectField(label: (Node | string)[], attrs: InputAttrs, options: [value: string, text: string][]): Field<HTMLSelectElement> {
  const id = (attrs.id as string) ?? nextId('f');
  const select = h('select', { ...attrs, id }, options.map(([value, text]) => h('option', { value }, text)));
  return { input: select, row: h('div', { class: 'field' }, h('label', { for: id }, label), select) };
}

export function checkboxField(label: (Node | string)[], attrs: InputAttrs): Field<HTMLInputElement> {
  const id = (attrs.id as string) ?? nextId('f');
  const input = h('input', { ...attrs, id, type: 'checkbox' });
  return { input, row: h('div', { class: 'field field-check' }, input, h('label', { for: id }, label)) };
}

// The messages under a form. The error line is aria-live="assertive" (read at once), the confirmation a polite
// status; the form's fields point at the error with aria-describedby while it shows.
export class FormMessages {
  readonly element: HTMLDivElement;
  private readonly errorLine: HTMLParagraphElement;
  private readonly okLine: HTMLParagraphElement;
  private readonly errorId = nextId('error');
  private fields: HTMLElement[] = [];

  constructor() {
    this.errorLine = h('p', { class: 'form-error', id: this.errorId, 'aria-live': 'assertive', 'aria-atomic': 'true' });
    this.okLine = h('p', { class: 'form-ok', role: 'status', 'aria-atomic': 'true' });
    this.element = h('div', { class: 'form-messages' }, this.errorLine, this.okLine);
  }

  describe(...fields: HTMLElement[]): void {
    this.fields.push(...fields);
  }

  error(message: (Node | string)[] | string, invalid: HTMLElement[] = []): void {
    this.okLine.replaceChildren();
    this.errorLine.replaceChildren(...(typeof message === 'string' ? [message] : message));
    this.errorLine.classList.add('shown');
    for (const f of this.fields) {
      const ids = new Set((f.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      ids.add(this.errorId);
      f.setAttribute('aria-describedby', [...ids].join(' '));
    }
    for (const f of invalid) f.setAttribute('aria-invalid', 'true');
  }

  ok(message: (Node | string)[] | string): void {
    this.clear();
    this.okLine.replaceChildren(...(typeof message === 'string' ? [message] : message));
    this.okLine.classList.add('shown');
  }

  clear(): void {
    this.errorLine.replaceChildren();
    this.okLine.replaceChildren();
    this.errorLine.classList.remove('shown');
    this.okLine.classList.remove('shown');
    for (const f of this.fields) {
      const ids = (f.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== this.errorId);
      if (ids.length) f.setAttribute('aria-describedby', ids.join(' '));
      else f.removeAttribute('aria-describedby');
      f.removeAttribute('aria-invalid');
    }
  }
}

// The server's refusal in words for the page: what it said, with a line of context for the usual statuses.
export function refusal(e: unknown): (Node | string)[] {
  if (!(e instanceof Problem)) return [e instanceof Error ? e.message : String(e)];
  const context: Record<number, [string, string]> = {
    401: ['Su sesión terminó o no ha iniciado sesión.', 'Your session ended or you are not signed in.'],
    403: ['No tiene permiso para esto.', 'You are not allowed to do this.'],
    429: ['Demasiados intentos.', 'Too many attempts.'],
  };
  const parts: (Node | string)[] = [];
  const c = context[e.status];
  if (c && !e.said.includes(c[0])) parts.push(c[0], ' / ', h('span', { lang: 'en' }, c[1]), ' ');
  parts.push(h('span', { class: 'server-said' }, e.said));
  if (e.status === 429 && e.retryAfter) parts.push(` (${e.retryAfter} s)`);
  return parts;
}

// Runs `work` once at a time for a form (aria-busy while it runs; a second submit meanwhile is ignored). The
// buttons stay enabled so keyboard focus never drops to the page.
export async function busy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T | undefined> {
  if (form.getAttribute('aria-busy') === 'true') return undefined;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    form.removeAttribute('aria-busy');
  }
}
