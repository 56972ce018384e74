import { expect, test } from './fixtures';
import { pngFile } from './images';

/**
 * Everything goes wrong at once: slow responses, 10 % of JSON calls failing with 5xx (half of
 * them after the work was done), 10 % of uploads cut off mid-body, two signed URLs expired and a
 * burst of 429s. Six files still become one character with no help from the user, every upload
 * is consumed exactly once, and nothing is charged.
 */
test('six files become a character through latency, 5xx, resets, expired URLs and 429s', async ({ page, sandbox }) => {
  test.setTimeout(150_000);
  await sandbox.configure({
    latency_ms: 150,
    json_5xx_rate: 0.1,
    put_reset_rate: 0.1,
    put_403_expired: 2,
    rate_limit_burst: 3,
    fault_seed: Number(process.env.CHAOS_SEED ?? 7),
  });
  await page.goto('/');
  const poses = ['front', 'side', 'back', 'portrait', 'profile', 'rear'];
  await page.getByLabel('Choose reference images').setInputFiles(poses.map((pose, index) => pngFile(`chaos-${pose}.png`, 100 + index)));

  const list = page.getByRole('list', { name: 'Reference images' });
  await expect(list.getByRole('listitem')).toHaveCount(6);
  for (const pose of poses) {
    await expect(list.getByRole('listitem', { name: `chaos-${pose}.png` }).getByText('Classified')).toBeVisible({ timeout: 90_000 });
  }
  // No item ever had to be retried by hand.
  await expect(list.getByRole('button', { name: /^Retry / })).toHaveCount(0);

  await page.getByLabel('Character name').fill('Chaos survivor');
  await page.getByRole('button', { name: 'Create character' }).click();
  await expect(page.getByRole('heading', { name: 'Chaos survivor' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Reference poses' }).getByRole('img')).toHaveCount(6);

  const stats = await sandbox.stats();
  const injected = stats.faults;
  expect(injected.injected_put_403).toBe(2);
  expect(injected.injected_429).toBe(3);
  expect(stats.teams.a.uploads_consumed).toBe(6);
  expect(stats.teams.a.characters).toBe(1);
  expect(stats.teams.a.charges).toBe(0);
  expect(stats.teams.a.available_credits).toBe(1000);
});
