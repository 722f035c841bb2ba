// SPDX-License-Identifier: MIT
// What the browser keeps of a session besides its HttpOnly cookie (which scripts never see): the CSRF token, in
// this tab's sessionStorage, sent back on every write; and a hint that someone signed in on this browser
// (localStorage, no secret: only so the header of every page can say "Mi cuenta" without asking the server, and
// the public directory asks who is signed in only when someone may be).
const CSRF_KEY = 'metropoli.csrf';
const HINT_KEY = 'metropoli.signed-in';

function storage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? window.sessionStorage : window.localStorage;
  } catch {
    return null; // storage disabled: the token lives in memory only
  }
}

let memoryToken: string | null = null;

export function csrfToken(): string | null {
  return memoryToken ?? storage('session')?.getItem(CSRF_KEY) ?? null;
}

export function rememberSession(csrf: string): void {
  memoryToken = csrf;
  storage('session')?.setItem(CSRF_KEY, csrf);
  storage('local')?.setItem(HINT_KEY, '1');
}

export function clearSessionHint(): void {
  memoryToken = null;
  storage('session')?.removeItem(CSRF_KEY);
  storage('local')?.removeItem(HINT_KEY);
}

export function maybeSignedIn(): boolean {
  return storage('local')?.getItem(HINT_KEY) === '1';
}
