/** `npm run sandbox`: serves the sandbox alone on SANDBOX_PORT (default 4010). */
import { serve } from '@hono/node-server';
import { SANDBOX_DEFAULT_PORT } from '../contract/sandbox';
import { createSandbox } from './app';

const port = Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULT_PORT);
const { app } = createSandbox();

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Aurous sandbox listening on http://localhost:${info.port}`);
});
