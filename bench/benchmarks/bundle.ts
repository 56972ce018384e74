/** 1. Bundle: first-screen and lazy chunk sizes from the Vite manifest in bench/.dist. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUT_DIR } from '../lib/config';
import { record } from '../lib/results';

const BUDGET_FIRST_SCREEN_GZIP = 110 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export function benchBundle() {
  console.log('\n1. Bundle');
  const manifest = JSON.parse(readFileSync(path.join(OUT_DIR, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const size = (file: string) => {
    const bytes = readFileSync(path.join(OUT_DIR, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  /** A chunk's own file, its CSS and its static imports, recursively. */
  const closure = (key: string, seen = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk) return seen;
    seen.add(chunk.file);
    for (const css of chunk.css ?? []) seen.add(css);
    for (const dep of chunk.imports ?? []) if (!seen.has(manifest[dep]?.file ?? '')) closure(dep, seen);
    return seen;
  };
  const sum = (files: Iterable<string>) => {
    let raw = 0,
      gzip = 0,
      js = 0,
      css = 0;
    for (const file of files) {
      const s = size(file);
      raw += s.raw;
      gzip += s.gzip;
      if (file.endsWith('.css')) css += s.gzip;
      else js += s.gzip;
    }
    return { raw, gzip, js, css };
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry && key.endsWith('index.html'))!;
  const first = closure(entryKey);
  const firstSize = sum(first);
  const kb = (n: number) => n / 1024;
  record({ bench: 'bundle', metric: 'first screen raw (JS+CSS)', unit: 'KB', values: [kb(firstSize.raw)] });
  record({ bench: 'bundle', metric: 'first screen JS gzip', unit: 'KB', values: [kb(firstSize.js)] });
  record({ bench: 'bundle', metric: 'first screen CSS gzip', unit: 'KB', values: [kb(firstSize.css)] });
  record({
    bench: 'bundle',
    metric: 'first screen gzip (JS+CSS)',
    unit: 'KB',
    values: [kb(firstSize.gzip)],
    goal: '≤ 110 KB',
    check: (m) => m * 1024 <= BUDGET_FIRST_SCREEN_GZIP,
  });
  const lazy: Record<string, { raw: number; gzip: number }> = {};
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    const own = [...closure(key)].filter((file) => !first.has(file));
    const s = sum(own);
    lazy[chunk.src ?? key] = { raw: s.raw, gzip: s.gzip };
    record({ bench: 'bundle', metric: `lazy ${chunk.src ?? key} gzip (raw ${kb(s.raw).toFixed(1)} KB)`, unit: 'KB', values: [kb(s.gzip)] });
  }
  // Web workers are emitted as assets, outside the manifest's chunk graph.
  return { first: [...first], lazy };
}
