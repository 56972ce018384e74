/**
 * Who is signed in, decided once as the console starts and changed by signing in or out, or by a
 * 401 from the console server. On the first screen, so it is kept tiny: the sign-in page, the
 * team pages and the person menu load their own code.
 *
 * With the embedded sandbox a visitor who is not signed in is signed in as its owner before the
 * first API call (`sessionChecked` holds every call until then), so the first screen is still the
 * upload flow — but never on /sign-in or /join, and never again in this browser after someone
 * signed out (or was signed out), until somebody signs in.
 */
import { create } from 'zustand';
import type { MeResponse, TeamPerson } from '../../../contract/team';

/** `unknown`: the console server could not be asked (offline); the API's own answers decide. */
export type SessionStatus = 'checking' | 'signed-in' | 'signed-out' | 'unknown';

export const useSession = create<{ status: SessionStatus; person: TeamPerson | null }>(() => ({ status: 'checking', person: null }));

/** Pages that are for signing in: they never sign anyone in by themselves. */
export const SIGN_IN_PATHS = ['/sign-in', '/join'];

const SIGNED_OUT = 'console_signed_out';

/** A cookie (not HTTP-only: it is the page's own note), so every tab of this browser sees it. */
function noteSignedOut(on: boolean) {
  document.cookie = `${SIGNED_OUT}=1; Path=/; SameSite=Lax; Max-Age=${on ? 31_536_000 : 0}`;
}
const signedOutHere = () => document.cookie.split(/;\s*/).includes(`${SIGNED_OUT}=1`);

export function signedIn(person: TeamPerson): void {
  noteSignedOut(false);
  useSession.setState({ status: 'signed-in', person });
}

/** Signed out, or the server said the session is gone: no automatic sign-in from now on. */
export function signedOut(): void {
  noteSignedOut(true);
  useSession.setState({ status: 'signed-out', person: null });
}

let check: Promise<void> | null = null;
/** Set while the start-up check could not reach the server: the next API call asks again first. */
let retryPath: string | null = null;

/** Resolves once the start-up check has decided (at once where there is none: the embed). */
export const sessionChecked = (): Promise<void> => check ?? (retryPath === null ? Promise.resolve() : checkSession(retryPath));

const me = () => fetch('/api/team/me', { credentials: 'same-origin' });

async function decide(path: string): Promise<void> {
  try {
    let answer = await me();
    if (answer.status === 401 && !signedOutHere() && !SIGN_IN_PATHS.includes(path)) {
      const auto = await fetch('/api/auth/sandbox-sign-in', { method: 'POST', credentials: 'same-origin' });
      if (auto.ok) answer = await me();
    }
    retryPath = null;
    if (answer.ok) signedIn(((await answer.json()) as MeResponse).person);
    else useSession.setState({ status: answer.status === 401 ? 'signed-out' : 'unknown', person: null });
  } catch {
    // Offline as the page opened: the calls go on (and fail as offline), and the first one made
    // once the server answers again does this check before it.
    retryPath = path;
    check = null;
    useSession.setState({ status: 'unknown', person: null });
  }
}

/** As the standalone console starts: who is signed in (signing the sandbox's visitor in). */
export function checkSession(path: string): Promise<void> {
  check ??= decide(path);
  return check;
}
