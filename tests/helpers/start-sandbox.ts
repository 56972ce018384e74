/** Serves a fresh sandbox on 127.0.0.1, on a free port, for one test file. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '../../sandbox/app';

export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
}

export function startSandbox(): Promise<RunningSandbox> {
  const { app } = createSandbox();
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
