/**
 * `npm run sandbox`: serves the sandbox alone on SANDBOX_PORT (default 4010), on 127.0.0.1 unless
 * SANDBOX_HOST says otherwise: its `/_sandbox/*` controls need no key, so it is not exposed by default.
 */
import { serve } from '@hono/node-server';
import { SANDBOX_DEFAULT_PORT } from '../contract/sandbox';
import { createSandbox } from './app';

export const SANDBOX_DEFAULT_HOST = '127.0.0.1';

const port = Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULT_PORT);
const host = process.env.SANDBOX_HOST?.trim() || SANDBOX_DEFAULT_HOST;
const { app } = createSandbox();

serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`Aurous sandbox listening on http://${host.includes(':') ? `[${host}]` : host}:${info.port}`);
});
