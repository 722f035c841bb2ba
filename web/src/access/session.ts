// SPDX-License-Identifier: MIT
// Signing in and out, and who is signed in, over /api/v1/session. The answer's CSRF token is kept for the writes.
import { apiUrl, del, get, post, Problem } from './client';
import { clearSessionHint, rememberSession } from './session_store';
import type { Grant, SessionAccount, SessionBody } from './types';

// The session body is {account: {...}, csrf_token}; a flat {id, email, ..., csrf_token} is read the same way.
function readSession(data: unknown): SessionBody {
  const body = (data ?? {}) as Partial<SessionBody> & Partial<SessionAccount>;
  const account = (body.account ?? body) as SessionAccount;
  return {
    account: { id: account.id, email: account.email, name: account.name, grants: account.grants ?? [] },
    csrf_token: body.csrf_token ?? '',
    expires_at: body.expires_at,
  };
}

export async function signIn(email: string, password: string): Promise<SessionBody> {
  const answer = await post<unknown>(apiUrl('session'), { email, password });
  const session = readSession(answer.data);
  rememberSession(session.csrf_token);
  return session;
}

// Who is signed in, or null (401). Any other failure is thrown.
export async function currentSession(): Promise<SessionBody | null> {
  try {
    const session = readSession((await get<unknown>(apiUrl('session'))).data);
    rememberSession(session.csrf_token);
    return session;
  } catch (e) {
    if (e instanceof Problem && e.status === 401) {
      clearSessionHint();
      return null;
    }
    throw e;
  }
}

export async function signOut(): Promise<void> {
  try {
    await del<unknown>(apiUrl('session'));
  } finally {
    clearSessionHint();
  }
}

export const isAdmin = (grants: Grant[]) => grants.some((g) => g.role === 'admin');

// Whether the account holds the grant that lets it edit an organisation (admin, or editor of it). Only to hide a
// button the server would refuse anyway: the server decides.
export const mayEditOrganisation = (grants: Grant[], organisation: number) =>
  isAdmin(grants) || grants.some((g) => g.role === 'editor' && g.organisation === organisation);
