/**
 * Teams (issue 14): two creators in two browsers each make a character; neither sees the other's
 * in the library or its search, and reading the other's by id is 404; the reviewer sees both in
 * /review and the owner sees both in the library. People sign in through the console's own
 * sign-in endpoint from the page (the browser sends the console's Origin).
 */
import type { Browser, Page } from '@playwright/test';
import type { Character, CharacterList } from '../contract/aurous';
import { expect, test } from './fixtures';

const SYNTH_DELAY_MS = 1500;
const PASSWORD = 'sandbox-password';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // /sign-in never signs anyone in by itself (elsewhere the sandbox's visitor becomes the owner,
  // which would race this sign-in).
  await page.goto('/sign-in');
  const status = await page.evaluate(
    async ([email, password]) =>
      (
        await fetch('/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    [email, PASSWORD] as const,
  );
  expect(status, `sign-in ${email}`).toBe(200);
  return page;
}

/** Calls the console from the page, with its cookie: what the browser app itself can reach. */
const fromPage = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([method, path, body]) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    [method, path, body] as const,
  );

async function synthesize(page: Page, name: string): Promise<Character> {
  const answer = await fromPage(page, 'POST', '/api/v1/characters', { name, generate: true, attributes: { hair_color: 'auburn' } });
  expect(answer.status).toBe(201);
  return answer.body as Character;
}

test('two creators see only their own characters; the reviewer and the owner see both', async ({ browser, request, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  const [creator1, creator2, reviewer, owner] = await Promise.all(
    ['creator-1', 'creator-2', 'reviewer', 'owner'].map((name) => signedIn(browser, `${name}@sandbox.test`)),
  );
  const ada = await synthesize(creator1!, 'Ada Lovelace');
  const bea = await synthesize(creator2!, 'Bea Arthur');

  for (const [page, own, other] of [
    [creator1!, ada, bea],
    [creator2!, bea, ada],
  ] as const) {
    await page.goto('/characters');
    const list = page.getByRole('list', { name: 'Characters' });
    await expect(list.getByRole('link', { name: new RegExp(own.name) })).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    // Searching for the other's name finds nothing.
    await page.getByRole('searchbox', { name: 'Search' }).fill(other.name.slice(0, 3));
    await expect(page.getByText(`No character’s name contains “${other.name.slice(0, 3)}”.`)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill(own.name.slice(0, 3).toLowerCase());
    await expect(list.getByRole('link', { name: new RegExp(own.name) })).toBeVisible();
    // By id, the other's character does not exist, for reading or acting.
    expect((await fromPage(page, 'GET', `/api/v1/characters/${other.id}`)).status).toBe(404);
    expect((await fromPage(page, 'PATCH', `/api/v1/characters/${other.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await fromPage(page, 'GET', `/api/v1/characters/${own.id}`)).status).toBe(200);
  }

  // Synthesis finishes; the index learns it from the sync (or any read) within seconds.
  expect((await request.post('/_sandbox/clock', { data: { advance_ms: SYNTH_DELAY_MS + 1000 } })).ok()).toBe(true);
  await expect
    .poll(async () => ((await fromPage(owner!, 'GET', '/api/characters?status=reviewing')).body as CharacterList).data.length, {
      timeout: 20_000,
    })
    .toBe(2);

  await reviewer!.goto('/review');
  await expect(reviewer!.getByTestId('queue-count')).toContainText('2 reviewing left');
  await expect(reviewer!.getByRole('heading', { level: 2 }).first()).toHaveText(ada.name);

  await owner!.goto('/characters');
  const all = owner!.getByRole('list', { name: 'Characters' });
  await expect(all.getByRole('link', { name: new RegExp(ada.name) })).toBeVisible();
  await expect(all.getByRole('link', { name: new RegExp(bea.name) })).toBeVisible();
  await expect(all.getByRole('listitem')).toHaveCount(2);

  for (const page of [creator1, creator2, reviewer, owner]) await page!.context().close();
});
