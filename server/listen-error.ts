/**
 * A port that is taken (or may not be used) ends the process with a sentence that says which
 * port, and which variable moves it, instead of Node's raw `EADDRINUSE` stack.
 */
import type { Server } from 'node:net';

interface ListenTarget {
  /** What listens there, in words: "the partner dashboard". */
  what: string;
  port: number;
  /** The variable that chooses the port: `PARTNER_PORT`. */
  variable: string;
  /** Said after, e.g. how to use what already runs there. */
  hint?: string;
}

export function listenProblem(error: NodeJS.ErrnoException, { what, port, variable, hint }: ListenTarget): string | null {
  const move = `Set ${variable} to another port (e.g. ${variable}=${port + 10}).`;
  const tail = hint ? ` ${hint}` : '';
  if (error.code === 'EADDRINUSE')
    return `Port ${port} is taken (is something already running there?), so ${what} cannot start. ${move}${tail}`;
  if (error.code === 'EACCES') return `Port ${port} may not be used by this user, so ${what} cannot start. ${move}${tail}`;
  return null;
}

/** On the server's `error` event: a known problem is said and the process exits 1; anything else is thrown as before. */
export function exitOnListenError(server: Pick<Server, 'on'>, target: ListenTarget): void {
  server.on('error', (error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, target);
    if (!problem) throw error;
    console.error(problem);
    process.exit(1);
  });
}
