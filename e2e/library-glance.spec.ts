/**
 * Issue 17: the library at a glance (search, sort, status filter, kept in the URL; bulk save and
 * delete with their confirmations and per-character failures; a list view remembered in this
 * browser; copy-id buttons), and the sandbox banner on every screen — each checked with axe at
 * 360 and 1280 px, light and dark.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import type { Character } from '../contract/aurous';
import { REAL_API_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

const CLOCK_STEP_MS = 10_000;

async function ok(response: Promise<{ ok(): boolean; text(): Promise<string>; json(): Promise<unknown> }>) {
  const answer = await response;
  expect(answer.ok(), await answer.text()).toBe(true);
  return answer;
}

/** Five characters: three in review, one saved, one failed (in that order of creation). */
async function seedLibrary(request: APIRequestContext): Promise<Record<string, Character>> {
  const made: Record<string, Character> = {};
  const plan: [string, 'reviewing' | 'ready' | 'failed'][] = [
    ['Aurora', 'reviewing'],
    ['Brann', 'ready'],
    ['Cleo', 'reviewing'],
    ['Dmitri', 'failed'],
    ['Esme', 'reviewing'],
  ];
  await ok(request.post('/_sandbox/config', { data: { synth_delay_ms: 1000 } }));
  for (const [name, status] of plan) {
    if (status === 'failed') await ok(request.post('/_sandbox/config', { data: { fail_next_synth: true } }));
    const created = (await (
      await ok(request.post('/api/v1/characters', { data: { name, generate: true, attributes: { hair_color: 'auburn', age: 30 } } }))
    ).json()) as Character;
    await ok(request.post('/_sandbox/clock', { data: { advance_ms: CLOCK_STEP_MS } }));
    await ok(request.get(`/api/v1/characters/${created.id}`));
    if (status === 'ready') await ok(request.post(`/api/v1/characters/${created.id}/save`));
    made[name] = created;
  }
  // Every answer read once more, so the index has them as they are now.
  for (const each of Object.values(made)) await ok(request.get(`/api/v1/characters/${each.id}`));
  return made;
}

const list = (page: Page) => page.getByRole('list', { name: 'Characters' });
/** The characters shown, in order, by the name each one's checkbox gives. */
const firstLines = async (page: Page) =>
  (
    await list(page)
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label')))
  ).map((label) => label?.replace(/^Select /, ''));

async function everyViewport(page: Page, check: () => Promise<void>) {
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      // Two frames: the new theme's colour transitions have started (axe then waits for them to end).
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await test.step(`${width} px, ${scheme}`, check);
    }
  }
}

test('the library searches, sorts and filters in the URL, saves and deletes in bulk, and copies ids', async ({
  page,
  request,
  sandbox,
  context,
  expectAccessible,
}) => {
  void sandbox;
  const made = await seedLibrary(request);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/characters');
  await expect(list(page).getByRole('link')).toHaveCount(5);

  // Sort by name, then by what needs review first: both in the URL, both kept on reload.
  await page.getByLabel('Sort').selectOption({ label: 'Name (A–Z)' });
  await expect(page).toHaveURL(/sort=name/);
  await expect.poll(() => firstLines(page)).toEqual(['Aurora', 'Brann', 'Cleo', 'Dmitri', 'Esme']);
  await page.getByLabel('Sort').selectOption({ label: 'Needs review first' });
  await expect.poll(() => firstLines(page)).toEqual(['Esme', 'Cleo', 'Aurora', 'Dmitri', 'Brann']);
  await page.reload();
  await expect(page.getByLabel('Sort')).toHaveValue('status');
  await expect.poll(() => firstLines(page)).toEqual(['Esme', 'Cleo', 'Aurora', 'Dmitri', 'Brann']);

  // Search and the status filter, shareable as an address.
  await page.getByLabel('Search').fill('r');
  await expect(page).toHaveURL(/q=r/);
  await expect.poll(() => firstLines(page)).toEqual(['Aurora', 'Dmitri', 'Brann']);
  await page.getByLabel('Status').selectOption('reviewing');
  await expect.poll(() => firstLines(page)).toEqual(['Aurora']);
  await page.goto('/characters?sort=name');
  await expect(list(page).getByRole('link')).toHaveCount(5);
  await everyViewport(page, expectAccessible);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Bulk save: only those in review are saved; the confirmation says how many, the cost and what it skips.
  await page.getByRole('checkbox', { name: 'Select Aurora' }).check();
  await page.getByRole('checkbox', { name: 'Select Brann' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: 'Select Cleo' }).check();
  await expect(page.getByRole('group', { name: 'Selected characters' })).toContainText('3 selected');
  await page.getByRole('button', { name: 'Save 2' }).click();
  const saveDialog = page.getByRole('dialog', { name: 'Save 2 characters?' });
  await expect(saveDialog).toContainText('Saving is free (0 credits).');
  await expect(saveDialog).toContainText('1 of the selected is not in review');
  await expectAccessible();
  await saveDialog.getByRole('button', { name: 'Save 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 characters.' })).toBeVisible();
  await expect(list(page).getByRole('link', { name: /Aurora/ })).toContainText('ready');
  await expect(list(page).getByRole('link', { name: /Cleo/ })).toContainText('ready');
  await expect(page.getByRole('checkbox', { name: 'Select Aurora' })).not.toBeChecked();

  // Bulk delete with one refusal: the others go, the refused one is named with its reason and stays selected.
  await page.route(`**/api/v1/characters/${made.Dmitri?.id}`, (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { type: 'invalid_request', code: 'invalid_request', message: 'Refused for this test.', param: null },
          }),
        })
      : route.continue(),
  );
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  await page.getByRole('checkbox', { name: 'Select Aurora' }).uncheck();
  await page.getByRole('checkbox', { name: 'Select Cleo' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Select all shown' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Delete 3' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete 3 characters?' });
  await expect(deleteDialog).toContainText('1 is still in review: it is discarded for good');
  await expect(deleteDialog).toContainText('2 can no longer be used for new images');
  await expect(deleteDialog).toContainText('Deleting is free (0 credits).');
  await deleteDialog.getByRole('button', { name: 'Delete 3' }).click();
  const outcome = page.getByRole('alert').filter({ hasText: 'Deleted 2 of 3.' });
  await expect(outcome).toContainText('1 could not be deleted and is still selected:');
  await expect(outcome).toContainText('Dmitri: Refused for this test.');
  await expect.poll(() => firstLines(page)).toEqual(['Aurora', 'Cleo', 'Dmitri']);
  await expect(page.getByRole('checkbox', { name: 'Select Dmitri' })).toBeChecked();
  await everyViewport(page, expectAccessible);

  // The denser list, remembered in this browser; and a copy-id that says so.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'List' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Copy id of Cleo' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Copied the id of Cleo: ${made.Cleo?.id}` })).toBeAttached();
  await expect(page.getByRole('button', { name: 'Copied of Cleo' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(made.Cleo?.id);
  await everyViewport(page, expectAccessible);
});

test('the sandbox banner is on every screen, links to how poses are classified, and is absent with a real API', async ({
  page,
  expectAccessible,
}) => {
  const banner = page.getByText('Sandbox · test data and credits, not the Aurous API.');
  for (const path of ['/', '/synthesize', '/characters', '/review']) {
    await page.goto(path);
    await expect(banner).toBeVisible();
  }
  await page.goto('/characters');
  await everyViewport(page, async () => {
    await expect(banner).toBeInViewport();
    await expectAccessible();
  });
  const link = page.getByRole('link', { name: 'How it classifies poses (opens in a new tab)' });
  await expect(link).toHaveAttribute('href', '/_sandbox/poses');
  const [explained] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expect(explained.getByRole('heading', { name: 'How the sandbox classifies poses' })).toBeVisible();
  await expect(explained.getByRole('table').first()).toContainText('headshot');

  await page.goto(`http://127.0.0.1:${REAL_API_PORT}/sign-in`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Sandbox/)).toHaveCount(0);
});
