import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Balance } from '../contract/aurous';
import type { SandboxConfigBody, SandboxStats } from '../contract/sandbox';

class Sandbox {
  constructor(private readonly request: APIRequestContext) {}
  async reset() {
    expect((await this.request.post('/_sandbox/reset')).ok()).toBe(true);
  }
  async configure(config: SandboxConfigBody) {
    expect((await this.request.post('/_sandbox/config', { data: config })).ok()).toBe(true);
  }
  /** Sets the console's team (A) credits, e.g. to run out. */
  async setCredits(credits: number) {
    expect((await this.request.post('/_sandbox/credits', { data: { team: 'a', credits } })).ok()).toBe(true);
  }
  async stats(): Promise<SandboxStats> {
    const response = await this.request.get('/_sandbox/stats');
    expect(response.ok()).toBe(true);
    return (await response.json()) as SandboxStats;
  }
  /** The team's available credits, read through the console server as the browser would. */
  async availableCredits(): Promise<number> {
    const response = await this.request.get('/api/v1/balance');
    expect(response.ok()).toBe(true);
    return ((await response.json()) as Balance).available_credits;
  }
}

/** axe, WCAG 2.1 A and AA; returns the violations so a failure lists them. */
async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

export const test = base.extend<{ sandbox: Sandbox; expectAccessible: () => Promise<void>; closesItsBrowsers: void }>({
  // A browser a test opens for a second person is closed when the test ends, passed or failed:
  // left open, its queue would go on claiming (and its page polling) during the next test.
  closesItsBrowsers: [
    async ({ browser, context }, use) => {
      const before = new Set(browser.contexts());
      await use();
      for (const opened of browser.contexts()) if (opened !== context && !before.has(opened)) await opened.close().catch(() => undefined);
    },
    { auto: true },
  ],
  // Every /api/v1 call needs someone signed in: the tests' own API calls are the sandbox's owner,
  // as the browser is after its automatic sign-in.
  request: async ({ request }, use) => {
    expect((await request.post('/api/auth/sandbox-sign-in')).ok()).toBe(true);
    await use(request);
  },
  sandbox: async ({ request }, use) => {
    const sandbox = new Sandbox(request);
    await sandbox.reset();
    await use(sandbox);
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      // Colours mid-transition (a button changing variant, 150 ms) are not what anyone reads:
      // let CSS transitions finish first. (The skeletons' endless pulse is an animation, not one.)
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== 'running'),
      );
      expect(await axeViolations(page)).toEqual([]);
    });
  },
});

export { expect };
