/**
 * Single sign-on in a browser, against a real OpenID provider (scripts/dev-oidc-provider.ts, run
 * by playwright.config.ts): the provider's login and consent pages, back to the console signed in.
 */
import { expect, test, type Page } from '@playwright/test';
import { OIDC_LABEL, OIDC_PORT } from '../playwright.config';

const PROVIDER = `http://127.0.0.1:${OIDC_PORT}`;

/** The provider's development login (the account's email, any password), then its consent page. */
async function signInAtProvider(page: Page, email: string) {
  await page.waitForURL((url) => url.origin === PROVIDER);
  await page.getByPlaceholder('Enter any login').fill(email);
  await page.getByPlaceholder('and password').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Starts SSO as the sign-in page does: POST /api/auth/sign-in/oauth2, then go to the answer's url. */
async function startSso(page: Page) {
  // From /sign-in, where the sandbox does not sign its visitor in as the owner first.
  await page.goto('/sign-in');
  const url = await page.evaluate(async () => {
    const response = await fetch('/api/auth/sign-in/oauth2', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ providerId: 'oidc', callbackURL: '/' }),
    });
    return ((await response.json()) as { url: string }).url;
  });
  expect(new URL(url).origin).toBe(PROVIDER);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
}

const whoAmI = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/team/me');
    return response.ok ? ((await response.json()) as { person: { email: string; role: string } }).person : response.status;
  });

test('a member signs in by single sign-on and comes back to the console signed in', async ({ page }) => {
  await startSso(page);
  await signInAtProvider(page, 'creator-1@sandbox.test');
  await page.waitForURL((url) => url.origin !== PROVIDER && url.pathname === '/');
  expect(await whoAmI(page)).toEqual(expect.objectContaining({ email: 'creator-1@sandbox.test', role: 'creator' }));
});

test('someone the provider knows but the team does not is refused, and told why', async ({ page }) => {
  await startSso(page);
  await signInAtProvider(page, 'stranger@example.test');
  await page.waitForURL((url) => url.pathname === '/sso-error');
  await expect(page.getByRole('alert')).toHaveText('This email address is not on the team. Ask an owner or admin for an invitation.');
  await expect(page.getByRole('link', { name: 'Back to sign-in' })).toHaveAttribute('href', '/sign-in');
  // Nobody was signed in (on /sign-in the sandbox does not sign its visitor in as the owner).
  await page.goto('/sign-in');
  expect(await whoAmI(page)).toBe(401);
});

test(`the sign-in page's "Sign in with ${OIDC_LABEL}" button signs a member in`, async ({ page }) => {
  await page.goto('/sign-in');
  const button = page.getByRole('button', { name: `Sign in with ${OIDC_LABEL}` });
  // Needs the sign-in page (built on another branch of issue 14): until it is merged /sign-in has
  // no such button and this is a known gap, not a pass. Once the button exists the test runs.
  const hasButton = await button.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  test.fixme(!hasButton, 'needs the sign-in page with its SSO button');
  await button.click();
  await signInAtProvider(page, 'creator-2@sandbox.test');
  await page.waitForURL((url) => url.origin !== PROVIDER && url.pathname === '/');
  expect(await whoAmI(page)).toEqual(expect.objectContaining({ email: 'creator-2@sandbox.test', role: 'creator' }));
});
