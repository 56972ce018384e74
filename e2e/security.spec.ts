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
  await page.getByLabel('Choose reference images').setInputFiles([(await import('./images')).pngFile('leak-check-front.png', 51)]);
  await expect(page.getByRole('listitem', { name: 'leak-check-front.png' }).getByText('Classified')).toBeVisible();
  await page.getByLabel('Character name').fill('Leak check');
  await page.getByRole('button', { name: 'Create character' }).click();
  await expect(page.getByRole('heading', { name: 'Leak check' })).toBeVisible();
  // Not 'networkidle': the page's live-events stream stays open by design.
  await page.waitForLoadState('load');
  await expect.poll(() => seen.length).toBeGreaterThan(5);

  for (const entry of seen) expect(entry).not.toMatch(/al_live_[0-9a-f]{10,}/);
  expect(await page.content()).not.toContain('al_live_');
});

test('a page on another site cannot change anything: a plain form post and a no-cors fetch are both refused', async ({
  page,
  sandbox,
  baseURL,
}) => {
  const before = await sandbox.stats();
  const credits = await sandbox.availableCredits();
  // The demo partner server reached as localhost: a real second origin that is not an embed partner.
  const { PARTNER_PORT } = await import('../playwright.config');
  await page.goto(`http://localhost:${PARTNER_PORT}/`);
  const consoleUrl = baseURL ?? '';
  await page.evaluate(async (target) => {
    await fetch(`${target}/api/v1/characters/uploads/init`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ filename: 'forged.png', extension: 'png', content_type: 'image/png' }),
    }).catch(() => undefined);
    // What any page can send without script: a text/plain form whose one field spells out JSON.
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'text/plain';
    form.action = `${target}/api/v1/characters/uploads/init`;
    const field = document.createElement('input');
    field.name = '{"filename":"forged.png","extension":"png","content_type":"image/png","x":"';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    form.submit();
  }, consoleUrl);
  await page.waitForURL(`${consoleUrl}/api/v1/characters/uploads/init`);
  expect(JSON.parse((await page.textContent('body')) ?? '{}')).toMatchObject({ error: { code: 'cross_site_request' } });
  expect((await sandbox.stats()).teams.a).toEqual(before.teams.a);
  expect(await sandbox.availableCredits()).toBe(credits);
});
