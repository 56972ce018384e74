import { defineConfig } from 'vite';

/** The host SDK, built beside the app: dist/embed.js (a classic script) and dist/embed.mjs (a module). */
export default defineConfig({
  build: {
    outDir: process.env.SDK_OUT_DIR ?? 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'sdk/aurous-console.ts',
      name: 'AurousConsole',
      formats: ['iife', 'es'],
      fileName: (format) => (format === 'es' ? 'embed.mjs' : 'embed.js'),
    },
  },
});
