/**
 * `npm run demo:partner`: a partner's dashboard on a second origin. Its tiny backend holds the
 * embed secret and mints sessions from the console server; its page embeds the console with the
 * SDK. Unless CONSOLE_URL points at a running console, it also starts one of its own, with its
 * own embedded sandbox (not the one of a console already running), configured to allow this
 * partner. A port that is taken is said, with the variable that moves it.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbedSessionResponse } from '../contract/embed';
import { createConsoleApp } from '../server/app';
import { exitOnListenError } from '../server/listen-error';
import { embedConfigFromEnv } from '../server/embed-config';
import { publicOriginsFromEnv } from '../server/public-config';
import { upstreamFromEnv } from '../server/upstream';
import { partnerPage } from './partner-page';

const host = process.env.HOST ?? '127.0.0.1';
const partnerPort = Number(process.env.PARTNER_PORT ?? 5180);
const partnerOrigin = `http://${host}:${partnerPort}`;
const secret = process.env.CONSOLE_EMBED_SECRET ?? 'demo-embed-secret-change-me';
let consoleUrl = process.env.CONSOLE_URL;

if (!consoleUrl) {
  const consolePort = Number(process.env.PORT ?? 5173);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const consoleApp = createConsoleApp({
    upstream: upstreamFromEnv(process.env),
    staticRoot: process.env.CONSOLE_STATIC_ROOT ?? path.join(root, 'dist'),
    embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: secret, CONSOLE_EMBED_ORIGINS: partnerOrigin }),
    // Unset: the console answers to loopback names only, like npm start.
    publicOrigins: process.env.CONSOLE_PUBLIC_URL ? publicOriginsFromEnv(process.env.CONSOLE_PUBLIC_URL, consolePort) : undefined,
  });
  const consoleServer = serve({ fetch: consoleApp.fetch, port: consolePort, hostname: host }, () => {
    console.log(
      `Console on ${consoleUrl}, with its own embedded sandbox (its characters are not those of another console you may run), embedding allowed for ${partnerOrigin}`,
    );
  });
  exitOnListenError(consoleServer, {
    what: "the demo's own console",
    port: consolePort,
    variable: 'PORT',
    hint: `Or embed the console already running there: CONSOLE_URL=http://${host}:${consolePort} npm run demo:partner (start it with CONSOLE_EMBED_ORIGINS=${partnerOrigin} and the same CONSOLE_EMBED_SECRET).`,
  });
  consoleUrl = `http://${host}:${consolePort}`;
}

const app = new Hono();
app.get('/', (c) =>
  c.html(
    partnerPage({
      consoleUrl: consoleUrl ?? '',
      mode: c.req.query('mode') === 'review' ? 'review' : 'create',
      characterId: c.req.query('character_id') ?? null,
      subject: c.req.query('subject') || DEMO_SUBJECT,
    }),
  ),
);
/** The demo's end user when the page names none (`?subject=` picks another). */
const DEMO_SUBJECT = 'demo-user-1';

// The partner's backend: the secret never reaches the partner's browser either.
app.post('/session', async (c) => {
  const mode = c.req.query('mode') === 'review' ? 'review' : 'create';
  const characterId = c.req.query('character_id');
  const response = await fetch(`${consoleUrl}/api/embed/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      origin: new URL(c.req.url).origin,
      mode,
      ...(process.env.PARTNER_TTL_S ? { ttl_s: Number(process.env.PARTNER_TTL_S) } : {}),
      ...(characterId ? { character_id: characterId } : {}),
      // The partner's end user: the console shows each subject only their own characters.
      subject: c.req.query('subject') || DEMO_SUBJECT,
    }),
  });
  if (!response.ok) return c.json(await response.json(), response.status as 400);
  return c.json((await response.json()) as EmbedSessionResponse);
});

const partnerServer = serve({ fetch: app.fetch, port: partnerPort, hostname: host }, () => {
  console.log(`Partner dashboard (demo) on ${partnerOrigin} — embeds ${consoleUrl}`);
});
exitOnListenError(partnerServer, { what: 'the partner dashboard', port: partnerPort, variable: 'PARTNER_PORT' });
