import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import type * as ServerApp from './server/app';
import type * as ServerUpstream from './server/upstream';
import type * as ServerEmbedConfig from './server/embed-config';
import type * as ServerPublicConfig from './server/public-config';
import type * as ServerSandboxBanner from './server/sandbox-banner';

const SERVER_PREFIXES = ['/api/', '/v1/', '/storage/', '/_sandbox/'];

/**
 * `npm run dev`: the console server (API proxy, upload relay, embedded sandbox) runs inside
 * Vite's dev server, so the app, hot reload and the API share one port as in production.
 */
function consoleServer(): Plugin {
  let withBanner: ((html: string) => string) | null = null;
  return {
    name: 'aurous-console-server',
    apply: 'serve',
    // As `npm start` does: the embedded sandbox's banner in the shell (server/sandbox-banner.ts).
    transformIndexHtml: (html) => (withBanner ? withBanner(html) : html),
    async configureServer(server) {
      const { getRequestListener } = await import('@hono/node-server');
      // Loaded through Vite's SSR loader, so the server is not bundled into this config file.
      const { createConsoleApp } = (await server.ssrLoadModule('/server/app.ts')) as typeof ServerApp;
      const { upstreamFromEnv } = (await server.ssrLoadModule('/server/upstream.ts')) as typeof ServerUpstream;
      const { embedConfigFromEnv } = (await server.ssrLoadModule('/server/embed-config.ts')) as typeof ServerEmbedConfig;
      const { publicOriginsFromEnv, trustProxyFromEnv } = (await server.ssrLoadModule(
        '/server/public-config.ts',
      )) as typeof ServerPublicConfig;
      const upstream = upstreamFromEnv(process.env);
      if (upstream.sandboxFetch) {
        const { withSandboxBanner } = (await server.ssrLoadModule('/server/sandbox-banner.ts')) as typeof ServerSandboxBanner;
        withBanner = withSandboxBanner;
      }
      const app = createConsoleApp({
        upstream,
        ticketSecret: process.env.CONSOLE_TICKET_SECRET,
        embed: embedConfigFromEnv(process.env),
        // Unset: any loopback name on the dev server's port.
        publicOrigins: process.env.CONSOLE_PUBLIC_URL ? publicOriginsFromEnv(process.env.CONSOLE_PUBLIC_URL, 0) : undefined,
        trustProxy: trustProxyFromEnv(process.env.CONSOLE_TRUST_PROXY),
      });
      const listener = getRequestListener(app.fetch);
      server.middlewares.use((req, res, next) => {
        if (req.url && SERVER_PREFIXES.some((prefix) => req.url?.startsWith(prefix))) {
          void listener(req, res);
          return;
        }
        next();
      });
    },
  };
}

/** Vite's warning threshold for one chunk, kept for every chunk but the HEIC converter. */
const CHUNK_WARNING_KB = 500;
/**
 * heic-to (libheif in WebAssembly, ~3 MB) is its own chunk on purpose: it is imported only when
 * someone drops a HEIC photo (src/features/uploads/prepare-core.ts), never on the first screen. So
 * Vite's size warning is off and this says the same for any other chunk over the threshold.
 */
function chunkSizeWarning(): Plugin {
  return {
    name: 'aurous-chunk-size-warning',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.name.startsWith('heic-to')) continue;
        const kb = Buffer.byteLength(chunk.code) / 1000;
        if (kb > CHUNK_WARNING_KB) {
          this.warn(`${chunk.fileName} is ${Math.round(kb)} kB (over ${CHUNK_WARNING_KB} kB): split it with a dynamic import().`);
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), consoleServer(), chunkSizeWarning()],
  server: { port: Number(process.env.PORT ?? 5173), strictPort: true },
  // modulepreload is native in every browser the console supports (Chromium, Firefox, Safari 17+),
  // so Vite's polyfill would only add to the first screen.
  build: {
    manifest: true,
    sourcemap: true,
    modulePreload: false,
    // Said by chunkSizeWarning() above, for every chunk but the lazy HEIC converter.
    chunkSizeWarningLimit: Number.POSITIVE_INFINITY,
    // "Plugins took N s" is about this machine's load, not about the build: not worth a warning.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
});
