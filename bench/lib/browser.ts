/** The shared Chromium instance and fresh pages on the console. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { CONSOLE } from './config';

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

export async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: CONSOLE, viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in the evaluated code with __name().
  await context.addInitScript('window.__name = (fn) => fn;');
  return context.newPage();
}
