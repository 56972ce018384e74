/**
 * The admin Activity page (/team/activity) on real audit rows: people sign in (sign-ins are
 * audited), the owner reads spend per person per day, exports the CSV; a creator is refused.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const today = new Date().toISOString().slice(0, 10);
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [360, 1280] as const;

/** Signs the page's browser in with email and password, as the sign-in form does (same origin, so with Origin). */
async function signIn(page: Page, email: string) {
  // The sign-in page: anywhere else the sandbox's automatic owner sign-in could land after this one.
  await page.goto('/sign-in');
  const status = await page.evaluate(async (email) => {
    const response = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'sandbox-password' }),
    });
    return response.status;
  }, email);
  expect(status).toBe(200);
}

/** Another person signs in in their own browser, leaving their sign-in in the audit log. */
async function signInElsewhere(browser: Browser, email: string) {
  const context = await browser.newContext();
  await signIn(await context.newPage(), email);
  await context.close();
}

test('the owner sees each person’s day, totals, and exports it as CSV', async ({ page, browser }) => {
  await signInElsewhere(browser, 'creator-1@sandbox.test');
  await signIn(page, 'owner@sandbox.test');
  await page.goto('/team/activity');
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();

  const day = page.getByRole('table').first();
  await expect(day.locator('caption')).toContainText(new Date(`${today}T00:00:00Z`).getUTCFullYear().toString());
  const creator = day.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /creator-1@sandbox\.test/ }) });
  await expect(creator.getByRole('listitem').filter({ hasText: /^Sign-in × \d+$/ })).toBeVisible();
  await expect(day.getByRole('rowheader', { name: /owner@sandbox\.test/ })).toBeVisible();
  await expect(day.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Day total' }) })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ actions? · [\d,]+ credits? from /);

  const exportLink = page.getByRole('link', { name: 'Export CSV' });
  await expect(exportLink).toHaveAttribute('href', /^\/api\/team\/activity\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^day,actor,actor_type,create,synthesize,/);
  expect(lines.some((line) => line.startsWith(`${today},creator-1@sandbox.test,person,`))).toBe(true);
});

test('a range with nothing logged says so, and a reversed range is caught before asking', async ({ page }) => {
  await signIn(page, 'owner@sandbox.test');
  await page.goto('/team/activity?from=2001-01-01&to=2001-01-07');
  await expect(page.getByText('Nothing was logged in these days')).toBeVisible();
  await page.getByLabel('From').fill('2001-02-01');
  await expect(page.getByRole('alert')).toHaveText('The start date is after the end date.');
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  await expect(page).toHaveURL(/\?from=2001-02-01&to=2001-01-07$/);
});

test('a creator is told the page is for owners and admins', async ({ page }) => {
  await signIn(page, 'creator-2@sandbox.test');
  await page.goto('/team/activity');
  await expect(page.getByRole('alert')).toHaveText('Only owners and admins can see the team’s activity.');
});

for (const theme of THEMES) {
  test(`the Activity page is accessible at 360 and 1280 px, ${theme}`, async ({ page, browser, expectAccessible }) => {
    await signInElsewhere(browser, 'reviewer@sandbox.test');
    await signIn(page, 'owner@sandbox.test');
    await page.emulateMedia({ colorScheme: theme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width <= 360 ? 740 : 800 });
      await page.goto('/team/activity');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByRole('table').first()).toBeVisible();
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(width);
      await expectAccessible();
    }
  });
}
