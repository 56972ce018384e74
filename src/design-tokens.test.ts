/**
 * Components use the design tokens in `styles.css` (bg-surface, text-fg-muted, border-line…),
 * never Tailwind's raw palette: a raw colour does not follow dark mode or a partner's theme.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;
const PALETTE =
  /\b(?:bg|text|border|ring|outline|divide|from|via|to|fill|stroke|placeholder|decoration|shadow|accent|caret)-(?:white|black|(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-\d{2,3})\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// Every feature folder, so a new one is covered without editing this list.
const FEATURES = readdirSync(join(SRC, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `features/${entry.name}`);
const AREAS = ['app', 'components', 'embed', ...FEATURES];

it.each(AREAS)('src/%s uses design tokens, not raw palette colours', (area) => {
  const found = sourceFiles(join(SRC, area)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(PALETTE)].map((match) => `${relative(SRC, file)}: ${match[0]}`),
  );
  expect(found).toEqual([]);
});
