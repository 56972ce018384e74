/**
 * People in the browser: the sandbox's automatic sign-in (and none after signing out), signing in
 * as someone else, clear sign-in errors, an invitation joined in a second browser, a removed
 * member stopped at their next action, a console with a real API showing sign-in to a stranger,
 * and axe on the new pages at a phone's and a desktop's width, light and dark.
 */
import type { Browser, Page } from '@playwright/test';
import { REAL_API_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

const PASSWORD = 'sandbox-password';

const personButton = (page: Page, name: RegExp) => page.getByRole('banner').getByRole('button', { name });
const signInHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Sign in' });
const uploadHeading = (page: Page) => page.getByRole('heading', { name: 'New character from images' });

async function signOut(page: Page, who: RegExp) {
  await personButton(page, who).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: who })).toHaveCount(0);
}

async function signInWithForm(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The owner makes an invitation link on /team and returns it. */
async function invite(page: Page, role: string, email = ''): Promise<string> {
  await page.goto('/team');
  const card = page.getByRole('region', { name: 'Invite by link' });
  await card.getByLabel('Role').selectOption({ label: role });
  if (email) await card.getByLabel('Email (optional)').fill(email);
  await card.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await card.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/join\?token=[\w-]{40,}$/);
  return link;
}

async function joinInNewBrowser(browser: Browser, link: string, email: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join the team' })).toBeVisible();
  // The invitation names the address: it is filled in and cannot be changed.
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Email')).not.toBeEditable();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill('joiner-password');
  await page.getByRole('button', { name: 'Join the team' }).click();
  await expect(uploadHeading(page)).toBeVisible();
  return { context, page };
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('a visitor is signed in as the owner; after signing out nobody is, until creator-1 signs in', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  await expect(uploadHeading(page)).toBeVisible();
  await expect(personButton(page, /Sandbox Owner · Owner/)).toBeVisible();

  await signOut(page, /Sandbox Owner/);
  // No automatic sign-in after signing out: not on reload, not on another page.
  await page.goto('/');
  await expect(signInHeading(page)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);

  // The seeded people are listed; choosing one fills the email.
  await page.getByRole('button', { name: 'creator-1@sandbox.test (Creator)' }).click();
  await expect(page.getByLabel('Email')).toHaveValue('creator-1@sandbox.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(uploadHeading(page)).toBeVisible();
  await expect(personButton(page, /Creator One · Creator/)).toBeVisible();
  // A creator has no team pages.
  await personButton(page, /Creator One/).click();
  await expect(page.getByRole('link', { name: 'Team' })).toHaveCount(0);
  await expect(page.getByText('creator-1@sandbox.test')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInHeading(page)).toBeVisible();
  await page.reload();
  await expect(signInHeading(page)).toBeVisible();
  await expect(personButton(page, /Creator One|Sandbox Owner/)).toHaveCount(0);
});

test('/sign-in always shows its form, and says what went wrong without telling who is on the team', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/sign-in');
  await expect(signInHeading(page)).toBeVisible();
  // Nobody was signed in automatically on /sign-in.
  await expect(page.getByRole('banner').getByRole('button', { name: /Owner/ })).toHaveCount(0);

  await signInWithForm(page, 'owner@sandbox.test', 'not-the-password');
  await expect(page.getByText(/^That email and password do not match anyone on this team/)).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await signInWithForm(page, 'nobody@sandbox.test', PASSWORD);
  // An unknown email gets the same words: guessing does not tell who is on the team.
  await expect(page.getByText(/^That email and password do not match anyone on this team/)).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  // Too many attempts (the server's limit, answered here without spending it).
  await page.route('**/api/auth/sign-in/email', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '42', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        error: {
          type: 'rate_limit',
          code: 'too_many_requests',
          message: 'Too many sign-in attempts.',
          param: null,
          doc_url: '',
          request_id: 'req_1',
        },
      }),
    }),
  );
  await signInWithForm(page, 'owner@sandbox.test', PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('Too many sign-in attempts from this address. Wait 42 sec, then try again.');
});

test('the owner invites a reviewer by link, the reviewer joins in another browser; removed, their next action shows sign-in', async ({
  page,
  browser,
  sandbox,
}) => {
  void sandbox;
  const email = `reviewer-${unique()}@example.com`;
  await page.goto('/');
  await expect(personButton(page, /Sandbox Owner/)).toBeVisible();
  // The team page and its activity link are reached from the person menu.
  await personButton(page, /Sandbox Owner/).click();
  await expect(page.getByRole('link', { name: 'Activity' })).toHaveAttribute('href', '/team/activity');
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();

  const link = await invite(page, 'Reviewer', email);
  const pending = page.getByRole('region', { name: 'Pending invitations' });
  await expect(pending.getByText(`Reviewer · ${email}`)).toBeVisible();

  const reviewer = await joinInNewBrowser(browser, link, email, 'Rita Reviewer');
  try {
    await expect(personButton(reviewer.page, /Rita Reviewer · Reviewer/)).toBeVisible();
    // A reviewer may not manage the team: the page says so (and the server refuses).
    await reviewer.page.goto('/team');
    await expect(reviewer.page.getByRole('alert')).toHaveText('Only owners and admins can manage the team. You are signed in as reviewer.');
    await reviewer.page.getByRole('link', { name: 'From images' }).click();
    await expect(uploadHeading(reviewer.page)).toBeVisible();

    // The owner sees the new member, no longer the invitation, and removes them.
    await page.reload();
    const members = page.getByRole('region', { name: 'Members' });
    const row = members.getByRole('listitem').filter({ hasText: email });
    await expect(row.getByLabel(`Role for ${email}`)).toHaveValue('reviewer');
    await expect(pending.getByText(`Reviewer · ${email}`)).toHaveCount(0);
    await row.getByRole('button', { name: `Remove ${email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${email} from the team?` });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);

    // The removed reviewer's very next action (no reload) ends on the sign-in page, which keeps where they were going.
    await reviewer.page.getByRole('link', { name: 'Library' }).click();
    await expect(signInHeading(reviewer.page)).toBeVisible();
    await expect(reviewer.page).toHaveURL(/\/sign-in\?next=%2Fcharacters$/);
    await expect(personButton(reviewer.page, /Rita Reviewer/)).toHaveCount(0);
    // They cannot sign in again; someone else can, and lands where the page was going.
    await signInWithForm(reviewer.page, email, 'joiner-password');
    await expect(reviewer.page.getByText(/^That email and password do not match anyone on this team/)).toBeVisible();
    await signInWithForm(reviewer.page, 'reviewer@sandbox.test');
    await expect(reviewer.page).toHaveURL(/\/characters$/);
    await expect(personButton(reviewer.page, /Reviewer · Reviewer/)).toBeVisible();
  } finally {
    await reviewer.context.close();
  }
});

test('the last owner cannot be demoted: the page shows why and keeps the role', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/team');
  const row = page.getByRole('region', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'owner@sandbox.test' });
  await row.getByLabel('Role for owner@sandbox.test').selectOption('admin');
  await expect(page.getByRole('alert')).toHaveText(
    "owner@sandbox.test is the team's last owner and cannot become admin: make someone else an owner first.",
  );
  await expect(row.getByLabel('Role for owner@sandbox.test')).toHaveValue('owner');
});

test('with a real API: a stranger sees the sign-in page (no seeded people) and /api/v1 is 401', async ({ page, playwright }) => {
  const origin = `http://127.0.0.1:${REAL_API_PORT}`;
  await page.goto(`${origin}/characters`);
  await expect(signInHeading(page)).toBeVisible();
  await expect(page).toHaveURL(`${origin}/sign-in?next=%2Fcharacters`);
  await expect(page.getByRole('heading', { name: /Seeded people/ })).toHaveCount(0);
  const stranger = await playwright.request.newContext({ baseURL: origin });
  try {
    const answer = await stranger.get('/api/v1/characters');
    expect(answer.status()).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { code: 'not_signed_in' } });
  } finally {
    await stranger.dispose();
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the sign-in, join and team pages pass axe at 360 px and 1280 px (${theme})`, async ({ page, sandbox, expectAccessible }) => {
    void sandbox;
    await page.emulateMedia({ colorScheme: theme });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width <= 360 ? 740 : 800 });
      await page.goto('/team');
      await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Members' }).getByText('owner@sandbox.test', { exact: true })).toBeVisible();
      const link = await invite(page, 'Creator', `axe-${unique()}@example.com`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectAccessible();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);

      await personButton(page, /Sandbox Owner/).click();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expectAccessible();

      await page.goto(link);
      await expect(page.getByRole('heading', { name: 'Join the team' })).toBeVisible();
      await expect(page.getByText(/You are invited to join as Creator, with the email axe-/)).toBeVisible();
      await expectAccessible();
      expect(await overflow()).toBeLessThanOrEqual(0);

      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'owner@sandbox.test (Owner)' })).toBeVisible();
      // With its error showing, at one width only: the server allows few password attempts a minute.
      if (width === 360) {
        await signInWithForm(page, 'owner@sandbox.test', 'not-the-password');
        await expect(page.getByText(/^That email and password do not match anyone on this team/)).toBeVisible();
      }
      await expectAccessible();
      expect(await overflow()).toBeLessThanOrEqual(0);
    }
  });
}
