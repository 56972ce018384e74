import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { listByStatus, seedReviewing } from './seed';

const SYNTH_DELAY_MS = 1500;

const current = (page: Page) => page.getByRole('heading', { level: 2 }).first();
const confirmWithKeyboard = async (page: Page, name: RegExp) => {
  await expect(page.getByRole('dialog', { name })).toBeVisible();
  // The action has the focus: Enter confirms.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
};
const press = async (page: Page, key: string, next: string) => {
  await page.keyboard.press(key);
  await expect(current(page)).toHaveText(next);
};

test('ten characters reviewed with the keyboard alone, each decision reaching the API once', async ({
  page,
  request,
  sandbox,
  expectAccessible,
}) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 10, SYNTH_DELAY_MS);

  await page.goto('/review');
  // Any pointer event from here on would mean the run was not keyboard-only.
  await page.evaluate(() => {
    const w = window as unknown as { pointerEvents: number };
    w.pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'mouseup', 'mousemove', 'wheel', 'touchstart']) {
      window.addEventListener(type, () => w.pointerEvents++, true);
    }
  });
  await expect(page.getByTestId('queue-count')).toContainText('10 reviewing left');
  await expect(current(page)).toHaveText('QA 01');
  await expect(page.getByRole('img', { name: 'Back pose' })).toBeVisible();
  await expectAccessible();

  const started = Date.now();
  await press(page, 'a', 'QA 02');
  await press(page, 'a', 'QA 03');
  await press(page, 'a', 'QA 04');
  // QA 04: focus the side pose and regenerate it (the first paid action asks once).
  await page.keyboard.press('3');
  await expect(page.getByRole('listitem', { name: 'Side pose, focused' })).toBeVisible();
  await page.keyboard.press('r');
  await confirmWithKeyboard(page, /Regenerate the side pose/);
  // The queue stays on QA 04 while its new side pose is made; J moves on.
  await expect(current(page)).toHaveText('QA 04');
  await press(page, 'j', 'QA 05');
  // QA 05: delete, confirmed.
  await page.keyboard.press('d');
  await confirmWithKeyboard(page, /Delete “QA 05”/);
  await expect(current(page)).toHaveText('QA 06');
  // J/K move without deciding.
  await press(page, 'j', 'QA 07');
  await press(page, 'k', 'QA 06');
  for (const next of ['QA 07', 'QA 08', 'QA 09', 'QA 10']) await press(page, 'a', next);
  await page.keyboard.press('a');
  const reviewerMs = Date.now() - started;

  // QA 04 comes back from synthesizing, marked, at the end of the queue.
  await expect(current(page)).toHaveText('QA 04', { timeout: 20_000 });
  await expect(page.getByText('regenerated', { exact: true })).toBeVisible();
  await expectAccessible();
  const resumed = Date.now();
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { name: 'Queue clear' })).toBeVisible();
  const totalReviewerMs = reviewerMs + (Date.now() - resumed);
  test.info().annotations.push({ type: 'reviewer time', description: `${(totalReviewerMs / 1000).toFixed(1)} s for ten characters` });
  console.log(`reviewer time for ten characters: ${(totalReviewerMs / 1000).toFixed(1)} s`);

  await expect(page.getByTestId('reviewed-count')).toHaveText('10');
  await expect(page.getByRole('table').filter({ hasText: 'Decision' }).getByRole('row')).toHaveCount(12);
  await expect.poll(() => listByStatus(request, 'ready').then((list) => list.length)).toBe(9);
  expect(await listByStatus(request, 'reviewing')).toHaveLength(0);
  const stats = await sandbox.stats();
  expect(stats.teams.a.characters).toBe(9); // QA 05 was discarded for good
  expect(stats.teams.a.charges).toBe(11); // ten syntheses and one regenerate, nothing twice
  expect(await sandbox.availableCredits()).toBe(1000 - 10 * 4 - 1);
  expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
  await expectAccessible();
});

test('the ? overlay lists the keys; U undoes a regenerate in its grace period but never a save', async ({
  page,
  request,
  sandbox,
  expectAccessible,
}) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 2, SYNTH_DELAY_MS);
  await page.goto('/review');
  await expect(current(page)).toHaveText('QA 01');

  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  for (const [action, key] of [
    ['Approve (save) and advance', 'A'],
    ['Regenerate the focused pose', 'R'],
    ['Resynthesize all poses', 'Shift+R'],
    ['Delete (asks first)', 'D'],
    ['Zoom the focused pose to 1:1', 'Z'],
    ['Undo the last decision', 'U'],
  ] as const) {
    await expect(overlay.getByRole('row', { name: action })).toContainText(key);
  }
  await expectAccessible();
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  // Zoom opens at 1:1 and closes with the same key.
  await page.keyboard.press('z');
  const zoomed = page.getByRole('dialog', { name: 'QA 01: Portrait pose at 1:1' });
  await expect(zoomed).toBeVisible();
  // The pose sits in the middle of its pane (scrolled to its middle when it is the larger).
  const pane = zoomed.getByRole('region');
  await expect(pane.getByRole('img')).toBeVisible();
  await expect
    .poll(() =>
      pane.evaluate((element) => {
        const image = element.querySelector('img')!.getBoundingClientRect();
        const box = element.getBoundingClientRect();
        const centre = (rect: DOMRect) => [rect.x + rect.width / 2, rect.y + rect.height / 2];
        const [ix = 0, iy = 0] = centre(image);
        const [bx = 0, by = 0] = centre(box);
        return Math.round(Math.max(Math.abs(ix - bx), Math.abs(iy - by)));
      }),
    )
    .toBeLessThanOrEqual(8);
  await page.keyboard.press('z');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Turn the once-per-session confirmation off; a regenerate then waits a few seconds, undoably.
  await page.getByText('Keys and preferences').click();
  await page.getByLabel('Confirm the first paid action of each session').uncheck();
  await page.locator('body').focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('button', { name: /Undo the regenerate of “QA 01”/ })).toBeVisible();
  await page.keyboard.press('u');
  await expect(page.getByRole('status').first()).toContainText('Undone');
  await expect(current(page)).toHaveText('QA 01');
  // An approve waits out the same grace, with its own Undo: pressed within it, nothing is sent.
  await page.keyboard.press('a');
  await expect(current(page)).toHaveText('QA 02');
  await page.getByRole('button', { name: 'Undo the approve of “QA 01”' }).click();
  await expect(current(page)).toHaveText('QA 01');
  await page.waitForTimeout(5000); // past the grace period: the undone decisions must not be sent
  expect((await sandbox.stats()).teams.a.charges).toBe(2);
  expect((await listByStatus(request, 'reviewing')).length).toBe(2);
  expect(await sandbox.availableCredits()).toBe(1000 - 2 * 4);
});

test('a remapped key still works after a reload', async ({ page, request, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 2, SYNTH_DELAY_MS);
  await page.goto('/review');
  await expect(current(page)).toHaveText('QA 01');

  await page.getByText('Keys and preferences').click();
  await page.getByRole('button', { name: 'Change the key for Approve (save) and advance' }).click();
  await page.keyboard.press('y');
  await expect(page.getByRole('row', { name: /Approve \(save\) and advance/ })).toContainText('Y');

  await page.reload();
  await expect(current(page)).toHaveText('QA 01');
  await page.keyboard.press('a'); // no longer bound
  await expect(current(page)).toHaveText('QA 01');
  await page.keyboard.press('y');
  await expect(current(page)).toHaveText('QA 02');
  await expect.poll(() => listByStatus(request, 'ready').then((list) => list.length)).toBe(1);
});

test('zoom and compare close on their keys as remapped, and no longer on Z and C', async ({ page, request, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 1, SYNTH_DELAY_MS);
  await page.goto('/review');
  await expect(current(page)).toHaveText('QA 01');
  await page.getByText('Keys and preferences').click();
  for (const [action, key] of [
    ['Zoom the focused pose to 1:1', 'x'],
    ['Compare the focused pose’s previous and current versions, side by side', 'v'],
  ] as const) {
    await page.getByRole('button', { name: `Change the key for ${action}` }).click();
    await page.keyboard.press(key);
    await expect(page.getByRole('row', { name: action })).toContainText(key.toUpperCase());
  }
  await page.locator('body').focus();

  await page.keyboard.press('x');
  const zoom = page.getByRole('dialog', { name: 'QA 01: Portrait pose at 1:1' });
  await expect(zoom).toBeVisible();
  await page.keyboard.press('z'); // the old letter does nothing now
  await expect(zoom).toBeVisible();
  await page.keyboard.press('x');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Compare needs an earlier version: regenerate the front pose and wait for it to land.
  await page.keyboard.press('2');
  await page.keyboard.press('r');
  await confirmWithKeyboard(page, /Regenerate the front pose/);
  await expect(page.getByRole('img', { name: 'Front pose, version 2' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('v');
  const compare = page.getByRole('dialog', { name: 'QA 01: Front v1 and v2 side by side' });
  await expect(compare).toBeVisible();
  await page.keyboard.press('c');
  await expect(compare).toBeVisible();
  await page.keyboard.press('v');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Nothing was decided by the keys pressed inside the dialogs.
  expect((await listByStatus(request, 'reviewing')).length).toBe(1);
});

test('C compares the old and new of one pose after a regenerate, with one zoom and synced panning', async ({
  page,
  request,
  sandbox,
  expectAccessible,
}) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 1, SYNTH_DELAY_MS);
  await page.goto('/review');
  await expect(current(page)).toHaveText('QA 01');
  await page.keyboard.press('2'); // front
  await page.keyboard.press('c');
  await expect(page.getByRole('status').first()).toContainText('No earlier version of the front pose');
  await page.keyboard.press('r');
  await confirmWithKeyboard(page, /Regenerate the front pose/);
  // The queue stays on QA 01 until the new front pose lands: then v1 and v2 are both there.
  await expect(page.getByRole('listitem', { name: 'Front pose, version 2' })).toBeVisible();
  // v2's image shows once it has landed (until then it is "being made").
  await expect(page.getByRole('img', { name: 'Front pose, version 2' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('img', { name: 'Front pose, version 1' })).toBeVisible();
  await expect(current(page)).toHaveText('QA 01');
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'QA 01: Front v1 and v2 side by side' });
  await expect(dialog).toBeVisible();
  await expectAccessible();

  const front = dialog.getByRole('img', { name: 'Front pose, version 1' });
  const side = dialog.getByRole('img', { name: 'Front pose, version 2' });
  const widths = async () => [
    await front.evaluate((image) => image.getBoundingClientRect().width),
    await side.evaluate((image) => image.getBoundingClientRect().width),
  ];
  await page.keyboard.press('+');
  await expect(dialog.getByText('1:1', { exact: true })).toBeVisible();
  await page.keyboard.press('+');
  await expect(dialog.getByText('2:1', { exact: true })).toBeVisible();
  // The same zoom on both: each image twice its natural width.
  await expect
    .poll(widths)
    .toEqual([
      (await front.evaluate((image) => (image as HTMLImageElement).naturalWidth)) * 2,
      (await side.evaluate((image) => (image as HTMLImageElement).naturalWidth)) * 2,
    ]);

  // Panning one pane pans the other to the same place.
  const frontPane = dialog.getByRole('region', { name: 'Front v1' });
  const sidePane = dialog.getByRole('region', { name: 'Front v2 (current)' });
  await frontPane.evaluate((pane) => pane.scrollTo({ top: 150, left: 80 }));
  await expect.poll(() => sidePane.evaluate((pane) => [pane.scrollTop, pane.scrollLeft])).toEqual([150, 80]);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Nothing was decided by the keys pressed inside the dialog.
  expect((await listByStatus(request, 'reviewing')).length).toBe(1);
});

test('keys do nothing while the reviewer is typing or choosing in a field', async ({ page, request, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  await seedReviewing(request, 2, SYNTH_DELAY_MS);
  await page.goto('/review');
  await expect(current(page)).toHaveText('QA 01');
  await page.getByText('Keys and preferences').click();
  const field = page.locator('main select').first();
  await field.focus();
  for (const key of ['a', 'd', 'j', 'r']) await page.keyboard.press(key);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(current(page)).toHaveText('QA 01');
  expect((await listByStatus(request, 'reviewing')).length).toBe(2);
  expect((await sandbox.stats()).teams.a.charges).toBe(2);
});
