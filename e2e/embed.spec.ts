import { expect, test } from './fixtures';
import { pngFile } from './images';
import { PARTNER_PORT } from '../playwright.config';

const partner = `http://127.0.0.1:${PARTNER_PORT}`;
// The same partner server reached by another name is another origin, not in CONSOLE_EMBED_ORIGINS.
const stranger = `http://localhost:${PARTNER_PORT}`;

test('a partner embeds the console, creates a character inside it, and hears about it', async ({
  page,
  request,
  sandbox,
  expectAccessible,
}) => {
  void sandbox;
  await page.goto(partner);
  const iframe = page.locator('iframe[title="Aurous console"]');
  const frame = page.frameLocator('iframe[title="Aurous console"]');
  const events = page.getByRole('list', { name: 'Events from the console' });
  await expect(frame.getByRole('heading', { name: 'New character from images' })).toBeVisible();
  await expect(events).toContainText('ready');
  await expectAccessible();

  // The iframe grows with its content: no inner scrollbar.
  await expect.poll(() => iframe.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(300);
  const before = await iframe.evaluate((element) => element.getBoundingClientRect().height);
  await frame.getByLabel('Choose reference images').setInputFiles([pngFile('embed-front.png', 201), pngFile('embed-side.png', 202)]);
  await expect(frame.getByRole('listitem', { name: 'embed-side.png' }).getByText('Classified')).toBeVisible();
  await expect.poll(() => iframe.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(before);
  const scroll = await frame.locator('html').evaluate((html) => html.scrollHeight - html.clientHeight);
  expect(scroll).toBeLessThanOrEqual(1);
  await expect(events).toContainText('upload.classified {"fileName":"embed-front.png"');

  await frame.getByLabel('Character name').fill('Embedded');
  await frame.getByRole('button', { name: 'Create character' }).click();
  await expect(frame.getByRole('heading', { name: 'Embedded' })).toBeVisible();
  const created = events.getByRole('listitem').filter({ hasText: /^character\.created/ });
  await expect(created).toContainText(/"characterId":"char_[0-9A-Z]{26}"/);
  // The session was refreshed along the way (61 s tokens, renewed a minute early), and the
  // calls made with the fresh tokens went through.
  await expect(
    events
      .getByRole('listitem')
      .filter({ hasText: /^session\.expiring/ })
      .first(),
  ).toBeVisible();
  const id = /char_[0-9A-Z]{26}/.exec((await created.textContent()) ?? '')?.[0];
  // The team finds it through the console server (signed in: the partner's page carries no person).
  const stored = await request.get(`/api/v1/characters/${id}`);
  expect(stored.ok()).toBe(true);
});

test('appearance changes from the host apply without a reload', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto(partner);
  const frame = page.frameLocator('iframe[title="Aurous console"]');
  const browse = frame.getByRole('button', { name: 'Browse for images' });
  await expect(browse).toBeVisible();
  const create = frame.getByRole('button', { name: 'Create character' });
  await expect(create).toHaveCSS('background-color', 'rgb(180, 83, 9)'); // the partner's #b45309
  await page.getByLabel('Accent colour').fill('#0f766e');
  await expect(create).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Still the same page: what was on screen stays.
  await expect(browse).toBeVisible();
});

test('a page on an origin that is not allowed cannot frame the console', async ({ page, sandbox }) => {
  void sandbox;
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors|Refused to frame/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(stranger);
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  await expect(page.frameLocator('iframe[title="Aurous console"]').getByRole('heading')).toHaveCount(0);
  // Its backend cannot mint a session for it either.
  const session = await page.request.post(`${stranger}/session?mode=create`);
  expect(session.status()).toBe(400);
});

test('a review-mode session shows the library and cannot create', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto(`${partner}/?mode=review`);
  const frame = page.frameLocator('iframe[title="Aurous console"]');
  await expect(frame.getByRole('heading', { name: 'Characters' })).toBeVisible();
  await expect(frame.getByRole('heading', { name: 'New character from images' })).toHaveCount(0);
});

test('the embedded console fits a 360 px container, reports errors with a code, and can be closed', async ({ page, sandbox }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(partner);
  const iframe = page.locator('iframe[title="Aurous console"]');
  const frame = page.frameLocator('iframe[title="Aurous console"]');
  await expect(frame.getByRole('heading', { name: 'New character from images' })).toBeVisible();
  expect(await iframe.evaluate((element) => element.getBoundingClientRect().width)).toBeLessThanOrEqual(360);
  const overflow = await frame.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // A failure the console gives up on is reported to the host with its code.
  await sandbox.configure({ json_5xx_rate: 1 });
  await frame.getByLabel('Choose reference images').setInputFiles([pngFile('embed-doomed-front.png', 211)]);
  const events = page.getByRole('list', { name: 'Events from the console' });
  await expect(
    events
      .getByRole('listitem')
      .filter({ hasText: /^error / })
      .first(),
  ).toBeVisible({ timeout: 60_000 });

  await frame.getByRole('button', { name: 'Close' }).click();
  await expect(events).toContainText('onExit');
});
