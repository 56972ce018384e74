/**
 * The storage PUT faults: `put_403_expired` (the next N PUTs are refused as expired) and
 * `put_reset_rate` (read part of the body, then drop the connection). Over a real socket
 * (@hono/node-server's `c.env.incoming`) the socket is destroyed, so the client sees a reset;
 * in process (`app.fetch(request)`, no socket) the returned promise rejects with
 * `TypeError('fetch failed')`, as fetch would. Either way nothing is stored.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Sandbox } from '../context';
import { fires, takeOne } from './fault-state';

export type StorageEnv = { Bindings: Partial<HttpBindings> };

/** Thrown in process; `app.onError` rethrows it so `app.fetch` rejects. */
export class ConnectionReset extends TypeError {
  constructor() {
    super('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
  }
}

/** Which fault, if any, this PUT gets (counted in the stats). */
export function putFault(sandbox: Sandbox): 'expired' | 'reset' | null {
  const { faults } = sandbox;
  if (takeOne(sandbox.state.config, 'put_403_expired')) {
    faults.injected.injected_put_403 += 1;
    return 'expired';
  }
  if (fires(faults, sandbox.state.config.put_reset_rate)) {
    faults.injected.injected_put_resets += 1;
    return 'reset';
  }
  return null;
}

/** Reads the first chunk of the body, then drops the connection (or throws ConnectionReset). */
export async function resetConnection(c: Context<StorageEnv>): Promise<Response> {
  const reader = c.req.raw.body?.getReader();
  await reader?.read().catch(() => undefined);
  const incoming = (c.env as StorageEnv['Bindings'] | undefined)?.incoming;
  if (!incoming) {
    await reader?.cancel().catch(() => undefined);
    throw new ConnectionReset();
  }
  incoming.socket.destroy();
  // Written to a destroyed socket: the client never sees it.
  return c.body(null, 500);
}
