import { expect, test } from './fixtures';

test('the API key never reaches the browser: not in HTML, scripts, styles, responses or headers', async ({ page, sandbox }) => {
  void sandbox;
  const seen: string[] = [];
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push(`${response.url()}\n${headers}\n${body.toString('latin1')}`);
  });
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([
    (await import('./images')).pngFile('leak-check-front.png', 51),
  ]);
  await expect(page.getByRole('listitem', { name: 'leak-check-front.png' }).getByText('Classified')).toBeVisible();
  await page.getByLabel('Character name').fill('Leak check');
  await page.getByRole('button', { name: 'Create character' }).click();
  await expect(page.getByRole('heading', { name: 'Leak check' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(seen.length).toBeGreaterThan(5);
  for (const entry of seen) expect(entry).not.toMatch(/al_live_[0-9a-f]{10,}/);
  expect(await page.content()).not.toContain('al_live_');
});
