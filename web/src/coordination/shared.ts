// SPDX-License-Identifier: MIT
// What the Coordinar pages share: who may act (only to show the forms the server would accept; the server
// decides), a server problem turned into words with the field it names marked invalid, and a bar for a
// progress the server computed.
import { h } from '../dom';
import { Problem } from '../access/client';
import { FormMessages, refusal } from '../access/forms';
import { bi } from '../access/labels';
import type { Grant } from '../access/types';

export const isCoordinator = (grants: Grant[]) => grants.some((g) => g.role === 'coordinator');

export const mayRecordActivity = (grants: Grant[], organisation?: number) =>
  isCoordinator(grants) || grants.some((g) => g.role === 'editor' && (organisation === undefined || g.organisation === organisation));

// Shows the server's refusal in `messages`; when its detail starts with a JSON pointer ("/signed_by: ...") the
// form's control named so is marked invalid and focused, so the error says which field and why.
export function showRefusal(messages: FormMessages, form: HTMLFormElement, e: unknown): void {
  const invalid: HTMLElement[] = [];
  if (e instanceof Problem) {
    const m = /^\/([a-z_]+)/.exec(e.said);
    const control = m ? form.querySelector<HTMLElement>(`[name="${m[1]}"]`) : null;
    if (control) invalid.push(control);
    if (e.status === 412)
      messages.error([...bi('Alguien cambió esto mientras lo editaba; recargue la página.', 'Someone changed this while you edited it; reload the page.'), ' ', ...refusal(e)], invalid);
    else messages.error(refusal(e), invalid);
  } else {
    messages.error(refusal(e), invalid);
  }
  invalid[0]?.focus();
}

// A progress bar with its value in words beside it (the bar alone is not the information).
export function progressBar(value: number | null, label: string, id?: string): HTMLElement {
  if (value === null) return h('p', { class: 'progress-none', id }, bi('Sin acuerdos vinculados', 'No linked agreements'));
  const text = `${value.toLocaleString('es-MX', { maximumFractionDigits: 1 })} %`;
  return h('div', { class: 'progress-row', id },
    h('progress', { max: 100, value: Math.round(value * 10) / 10, 'aria-label': `${label}: ${text}` }),
    h('span', { class: 'progress-value' }, text));
}
