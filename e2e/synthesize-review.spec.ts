import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function synthesize(page: Page, name: string) {
  await page.goto('/synthesize');
  await page.getByLabel('Character name').fill(name);
  await page.getByLabel('Hair colour').fill('auburn');
  await page.getByLabel('Body type').fill('athletic');
  await page.getByLabel('Age').fill('31');
  await page.getByRole('button', { name: 'Synthesize' }).click();
  await expect(page).toHaveURL(/\/characters\/char_/);
}

const tile = (page: Page, pose: string) =>
  page.getByRole('list', { name: 'Reference poses' }).getByRole('listitem', { name: `${pose} pose` });
const tileImage = (page: Page, pose: string) => tile(page, pose).getByRole('img', { name: `${pose} pose` });

test('from a description to a saved character, found again in the library', async ({ page, sandbox, expectAccessible }) => {
  // Long enough for a loaded machine to see each synthesis under way, short enough to wait out.
  await sandbox.configure({ synth_delay_ms: 4000 });
  await page.goto('/synthesize');
  await expect(
    page.getByText(/Costs 4 credits \(4 generations, one per pose\)\. Your team has 1[,.\u00a0\u202f]?000 credits available\./),
  ).toBeVisible();
  await expectAccessible();

  // Validation before sending: no name, no description, a bad age.
  await page.getByLabel('Age').fill('two hundred');
  await page.getByRole('button', { name: 'Synthesize' }).click();
  await expect(page.getByText('Give the character a name.')).toBeVisible();
  await expect(page.getByText('Age is a whole number from 0 to 150.')).toBeVisible();
  expect(await sandbox.availableCredits()).toBe(1000);

  await synthesize(page, 'Rowan');
  await expect(page.getByRole('status').filter({ hasText: 'Synthesizing…' })).toContainText('30–90 seconds');
  await expectAccessible();

  // It reaches review by itself, without a reload.
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  for (const pose of ['Portrait', 'Front', 'Side', 'Back']) await expect(tileImage(page, pose)).toBeVisible();
  expect(await sandbox.availableCredits()).toBe(996);
  await expectAccessible();

  // Regenerate the side pose: only that tile changes.
  const before = {
    side: await tileImage(page, 'Side').getAttribute('src'),
    front: await tileImage(page, 'Front').getAttribute('src'),
  };
  await tile(page, 'Side').getByRole('button', { name: 'Regenerate side' }).click();
  const dialog = page.getByRole('dialog', { name: 'Regenerate the side pose?' });
  await expect(dialog).toContainText('This costs 1 credit.');
  await expectAccessible();
  const gridTop = () => page.getByRole('list', { name: 'Reference poses' }).evaluate((grid) => Math.round(grid.getBoundingClientRect().y));
  const topBefore = await gridTop();
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(tile(page, 'Side')).toContainText('Regenerating…');
  await expect(tileImage(page, 'Front')).toBeVisible();
  await expect(tile(page, 'Front')).not.toContainText('Regenerating…');
  // One pose is said on its tile: no page-wide "Synthesizing…", and the grid does not move.
  await expect(page.getByRole('status').filter({ hasText: 'Synthesizing…' })).toHaveCount(0);
  expect(await gridTop()).toBe(topBefore);
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(tileImage(page, 'Side')).not.toHaveAttribute('src', before.side ?? '');
  await expect(tileImage(page, 'Front')).toHaveAttribute('src', before.front ?? '');
  expect(await sandbox.availableCredits()).toBe(995);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('ready', { exact: true })).toBeVisible();
  await expect(page.getByText('Saved. The character is ready to use.')).toBeVisible();
  // Nothing left to save: no faded Save button beside it.
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);

  // Regenerating a saved character keeps it saved: it comes back ready (never to review), with the new image.
  const savedBack = await tileImage(page, 'Back').getAttribute('src');
  await tile(page, 'Back').getByRole('button', { name: 'Regenerate back' }).click();
  await page.getByRole('dialog', { name: 'Regenerate the back pose?' }).getByRole('button', { name: 'Regenerate' }).click();
  await expect(tile(page, 'Back')).toContainText('Regenerating…');
  await expect(tileImage(page, 'Back')).not.toHaveAttribute('src', savedBack ?? '', { timeout: 15_000 });
  await expect(page.getByText('ready', { exact: true })).toBeVisible();
  await expect(page.getByText('reviewing', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  expect(await sandbox.availableCredits()).toBe(994);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  const card = page.getByRole('list', { name: 'Characters' }).getByRole('link', { name: /Rowan/ });
  await expect(card).toContainText('ready');
  // When it changed, relative and in words, with the exact instant machine-readable.
  await expect(card.locator('time')).toHaveText('Updated now');
  await expect(card.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expectAccessible();
  await page.getByLabel('Status').selectOption('reviewing');
  await expect(page.getByText('No reviewing characters.')).toBeVisible();
  // The empty filter offers its own way out.
  await page.getByRole('button', { name: 'Show all characters' }).click();
  await expect(page.getByLabel('Status')).toHaveValue('');
  await card.click();
  await expect(page.getByRole('heading', { name: 'Rowan' })).toBeVisible();
});

test('a failed synthesis shows why and recovers with Resynthesize', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 500, fail_next_synth: true });
  await synthesize(page, 'Unlucky');
  const failure = page.getByRole('alert').filter({ hasText: 'Synthesis failed' });
  await expect(failure).toBeVisible({ timeout: 15_000 });
  // The heading says it once; the reason under it does not start by saying it again.
  await expect(failure).toContainText('The model could not produce consistent references.');
  expect((await failure.innerText()).match(/synthesis failed/gi)).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByText('A failed character cannot be saved; resynthesize it first.')).toBeVisible();
  // The hold was released: nothing was charged for the failure.
  expect(await sandbox.availableCredits()).toBe(1000);

  await page.getByRole('button', { name: 'Resynthesize all' }).click();
  const dialog = page.getByRole('dialog', { name: 'Resynthesize all poses?' });
  await expect(dialog).toContainText('This costs 4 credits (4 generations, one per pose)');
  await dialog.getByRole('button', { name: 'Resynthesize' }).click();
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(failure).toBeHidden();
  await expect(tileImage(page, 'Back')).toBeVisible();
  expect(await sandbox.availableCredits()).toBe(996);
});

test('a double click on Regenerate charges once', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Twice');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  expect(await sandbox.availableCredits()).toBe(996);
  await tile(page, 'Back').getByRole('button', { name: 'Regenerate back' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).dblclick();
  // The page says "reviewing" before the regenerate is even accepted: wait for the charge, then
  // for the pose to land, and check no second charge came in between.
  await expect.poll(() => sandbox.availableCredits()).toBe(995);
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(tile(page, 'Back')).not.toContainText('Regenerating…');
  expect(await sandbox.availableCredits()).toBe(995);
});

test('zoom moves between poses with the arrow keys and closes with Escape; delete explains itself', async ({
  page,
  sandbox,
  expectAccessible,
}) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Viewer');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });

  await tile(page, 'Front').getByRole('button', { name: 'View Front larger' }).click();
  await expect(page.getByRole('dialog', { name: 'Front pose, 2 of 4' })).toBeVisible();
  await expectAccessible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Side pose, 3 of 4' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('dialog', { name: 'Portrait pose, 1 of 4' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this character?' });
  await expect(dialog).toContainText('discards it and its references for good');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/characters$/);
  await expect(page.getByText('No characters yet.')).toBeVisible();
});

test('polling stops once the character has settled', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Quiet');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  let polls = 0;
  page.on('request', (request) => {
    if (/\/api\/v1\/characters\/char_[^/]+$/.test(new URL(request.url()).pathname)) polls++;
  });
  // Long enough for two polling intervals; then the page is left and come back to (a remount,
  // which would refetch a stale query).
  await page.waitForTimeout(4500);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { name: 'Characters' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Quiet' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(polls).toBe(0);
});

test('rename and edit the description from the character page; it sticks', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Draft name');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await form.getByLabel('Name').fill('');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByText('The name cannot be empty.')).toBeVisible();
  await form.getByLabel('Name').fill('Final name');
  await form.getByLabel('Eye colour').fill('hazel');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { name: 'Final name' })).toBeVisible();
  await expect(form).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Final name' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByRole('form', { name: 'Edit details' }).getByLabel('Eye colour')).toHaveValue('hazel');
  await expect(page.getByRole('form', { name: 'Edit details' }).getByLabel('Hair colour')).toHaveValue('auburn');
});

test('a Save the API answers 429 twice (1 s each) is waited out by the console: saved, and nothing said', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Patient');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await sandbox.configure({ rate_limit_burst: 2 });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('ready', { exact: true })).toBeVisible({ timeout: 15_000 });
  // A short moment: no "Rate limited", no "Waiting for the API", no error.
  await expect(page.getByText(/Rate limited|Waiting for the API/)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await sandbox.stats()).faults.injected_429).toBe(2);
});

test('the team’s backend spent the synthesize bucket: Regenerate says "Waiting for the API (N s)", then regenerates by itself', async ({
  page,
  sandbox,
  request,
}) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Queued behind the backend');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  // The team's own backend, straight to the API with the key: the synthesize bucket (12 at once, 6 a minute) is empty.
  for (let i = 0; i < 12; i++) {
    await request.post('/v1/characters', { headers: { 'X-Api-Key': `al_live_${'0'.repeat(63)}a` }, data: { generate: true } });
  }
  expect(await sandbox.availableCredits()).toBe(996);
  await tile(page, 'Side').getByRole('button', { name: 'Regenerate side' }).click();
  await page.getByRole('dialog', { name: 'Regenerate the side pose?' }).getByRole('button', { name: 'Regenerate' }).click();
  // The API's 429 (Retry-After 10 s) is not passed on: the console says how long, counting down…
  await expect(page.getByRole('status').filter({ hasText: /Waiting for the API \(\d+ sec\)/ })).toBeVisible();
  // …and sends it again by itself once the bucket has a token: charged once, no error.
  await expect.poll(() => sandbox.availableCredits(), { timeout: 30_000 }).toBe(995);
  await expect(page.getByText(/Waiting for the API/)).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('out of credits: a paid action says so, with the balance, and nothing else is lost', async ({ page, sandbox, expectAccessible }) => {
  await sandbox.configure({ synth_delay_ms: 300 });
  await synthesize(page, 'Broke');
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await sandbox.setCredits(0);
  await tile(page, 'Back').getByRole('button', { name: 'Regenerate back' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not enough credits' });
  await expect(alert).toContainText('Available: 0 credits.');
  // The character and its poses are untouched, and no credit moved.
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible();
  await expect(tileImage(page, 'Back')).toBeVisible();
  expect((await sandbox.stats()).teams.a).toMatchObject({ credits: 0, held_credits: 0 });
  await expectAccessible();
});
