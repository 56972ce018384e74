/** The shared Chromium instance and fresh pages on the console. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { CONSOLE } from './config';
import { BENCH_PERSON } from './processes';

let browser: Browser;

export async function launchBrowser(): Promise<void> {
  browser = await chromium.launch(chromiumLaunchOptions);
}

/** The shared Chromium, for benchmarks that make their own contexts (on other origins). */
export function sharedBrowser(): Browser {
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser.close();
}

/** A page in a fresh context on the console (or on `base`: the console behind the emulated link). */
export async function newPage(base = CONSOLE): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in the evaluated code with __name().
  await context.addInitScript('window.__name = (fn) => fn;');
  // Signed in as the bench's owner (the console asks everyone to sign in since the team features),
  // as a script does (no Origin): the emulated link's origin is not the console's first name.
  const response = await context.request.post('/api/auth/sign-in/email', {
    data: { email: BENCH_PERSON.email, password: BENCH_PERSON.password },
  });
  if (!response.ok()) throw new Error(`bench sign-in on ${base}: ${response.status()} ${await response.text()}`);
  return context.newPage();
}
