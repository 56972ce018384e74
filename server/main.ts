/** `npm start`: serve the built console and its API on PORT (default 5173). */
import { serve } from '@hono/node-server';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleApp } from './app';
import { embedConfigFromEnv } from './embed-config';
import { publicOriginsFromEnv, trustProxyFromEnv } from './public-config';
import { httpServerLimitsFromEnv, maxUploadBytesFromEnv, nodeServerOptions, timeoutsFromEnv, uploadCapsFromEnv, uploadOriginsFromEnv } from './limits';
import { ticketSecretFromEnv } from './upload-ticket';
import { upstreamFromEnv } from './upstream';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const upstream = upstreamFromEnv(process.env);
const serverLimits = httpServerLimitsFromEnv(process.env);
const ticketSecret = ticketSecretFromEnv(process.env.CONSOLE_TICKET_SECRET);
if (upstream.kind === 'aurous' && !ticketSecret) {
  console.warn('[console] CONSOLE_TICKET_SECRET is not set: upload tickets are signed with a secret derived from the API key alone. Set it with a real API.');
}
const app = createConsoleApp({
  upstream,
  // CONSOLE_STATIC_ROOT serves another build (a bench or a parallel test run builds into its own folder).
  staticRoot: process.env.CONSOLE_STATIC_ROOT ? path.resolve(process.env.CONSOLE_STATIC_ROOT) : path.join(root, 'dist'),
  ticketSecret,
  embed: embedConfigFromEnv(process.env),
  // Upload relay: body cap (default 64 MiB) and, with a real API, the storage origins tickets may name.
  maxUploadBytes: maxUploadBytesFromEnv(process.env.CONSOLE_MAX_UPLOAD_BYTES),
  uploadOrigins: uploadOriginsFromEnv(process.env.AUROUS_UPLOAD_ORIGINS),
  // The names browsers use to reach us (default: 127.0.0.1 and localhost on PORT); any other Host gets 421.
  publicOrigins: publicOriginsFromEnv(process.env.CONSOLE_PUBLIC_URL, port),
  trustProxy: trustProxyFromEnv(process.env.CONSOLE_TRUST_PROXY),
  timeouts: timeoutsFromEnv(process.env),
  uploadCaps: uploadCapsFromEnv(process.env),
});

serve(
  {
    fetch: app.fetch,
    port,
    hostname: host,
    // Slow clients: headers must arrive within headersTimeout, a whole request within requestTimeout
    // (a backstop; upload bodies have their own idle timeout, JSON bodies their own deadline), and an
    // idle keep-alive connection closes after keepAliveTimeout.
    serverOptions: nodeServerOptions(serverLimits),
  },
  (info) => {
    const where = upstream.kind === 'sandbox' ? 'the embedded sandbox (team A key)' : 'the Aurous API';
    console.log(`Aurous console on http://${host}:${info.port} — talking to ${where}`);
  },
);
