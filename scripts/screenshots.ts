/**
 * `npm run screenshots`: the README's pictures, taken from the real app against the embedded
 * sandbox so they stay current. Starts the console server and the demo partner on spare ports,
 * seeds the sandbox, drives the app with Playwright and writes docs/screenshots/*.png.
 */
import { chromium, request, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReviewing } from '../e2e/seed';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 5290);
const PARTNER_PORT = PORT - 1;
const base = `http://127.0.0.1:${PORT}`;
const SYNTH_DELAY_MS = 1500;

function start(script: string, env: Record<string, string>): ChildProcess {
  return spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [script], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', AUROUS_API_BASE: '', AUROUS_API_KEY: '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function shoot(
  browser: Browser,
  name: string,
  options: { width: number; theme: 'light' | 'dark' },
  drive: (page: Page) => Promise<void>,
) {
  const page = await browser.newPage({
    viewport: { width: options.width, height: options.width <= 400 ? 760 : 820 },
    colorScheme: options.theme,
    deviceScaleFactor: options.width <= 400 ? 2 : 1,
    hasTouch: options.width <= 400,
    reducedMotion: 'reduce',
  });
  await drive(page);
  // Let progress bars and fades finish before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: options.width <= 400 });
  await page.close();
  console.log(`docs/screenshots/${name}.png`);
}

async function withSamples(page: Page) {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Try with sample images' }).click();
  await page.getByRole('listitem', { name: 'sample-back.png' }).getByText('Classified').waitFor();
  await page.getByLabel('Character name').fill('Aurora the Adventurer');
}

async function main() {
  if (!existsSync(path.join(root, 'dist', 'index.html')) || !existsSync(path.join(root, 'dist', 'embed.js'))) {
    throw new Error('No build: run `npm run build` first.');
  }
  mkdirSync(out, { recursive: true });
  const secret = 'screenshots-embed-secret-0123456789';
  const servers = [
    start('server/main.ts', {
      PORT: String(PORT),
      CONSOLE_DATA_DIR: path.join(os.tmpdir(), `aurous-screenshots-${process.pid}`),
      CONSOLE_EMBED_SECRET: secret,
      CONSOLE_EMBED_ORIGINS: `http://127.0.0.1:${PARTNER_PORT}`,
    }),
    start('demo/partner-server.ts', { PARTNER_PORT: String(PARTNER_PORT), CONSOLE_URL: base, CONSOLE_EMBED_SECRET: secret }),
  ];
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    await waitFor(`${base}/api/health`);
    await waitFor(`http://127.0.0.1:${PARTNER_PORT}/`);
    const api = await request.newContext({ baseURL: base });
    await api.post('/_sandbox/reset');
    await api.post('/_sandbox/config', { data: { synth_delay_ms: SYNTH_DELAY_MS } });
    const [character] = await seedReviewing(api, 3, SYNTH_DELAY_MS);
    if (!character) throw new Error('seeding made no character');

    await shoot(browser, 'upload-flow', { width: 1280, theme: 'light' }, withSamples);
    await shoot(browser, 'upload-flow-phone-dark', { width: 360, theme: 'dark' }, withSamples);
    await shoot(browser, 'review-grid', { width: 1280, theme: 'light' }, async (page) => {
      await page.goto(`${base}/characters/${character.id}`);
      await page.getByRole('img', { name: 'Back pose' }).waitFor();
    });
    await shoot(browser, 'review-grid-dark', { width: 1280, theme: 'dark' }, async (page) => {
      await page.goto(`${base}/characters/${character.id}`);
      await page.getByRole('img', { name: 'Back pose' }).waitFor();
    });
    await shoot(browser, 'qa-queue', { width: 1280, theme: 'light' }, async (page) => {
      await page.goto(`${base}/review`);
      await page.getByRole('img', { name: 'Back pose' }).first().waitFor();
    });
    await shoot(browser, 'embedded', { width: 1280, theme: 'light' }, async (page) => {
      await page.goto(`http://127.0.0.1:${PARTNER_PORT}/`);
      const frame = page.frameLocator('iframe[title="Aurous console"]');
      await frame.getByRole('button', { name: 'Try with sample images' }).click();
      await frame.getByRole('listitem', { name: 'sample-back.png' }).getByText('Classified').waitFor();
    });
    await api.dispose();
  } finally {
    await browser.close();
    for (const server of servers) server.kill();
  }
}

await main();
