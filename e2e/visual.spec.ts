/**
 * Every main screen at a phone's width (360 px, touch) and a desktop's (1280 px), light and dark:
 * nothing scrolls sideways, no two controls overlap, every control is large enough to hit with a
 * finger, and axe passes (dark mode included, so contrast is checked against the dark palette).
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { PARTNER_PORT } from '../playwright.config';
import { expect, test } from './fixtures';
import { characterPhotos } from './images';
import { seedReviewing } from './seed';

const SYNTH_DELAY_MS = 1500;
const WIDTHS = [360, 1280] as const;
const THEMES = ['light', 'dark'] as const;

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Visible controls that are not inside one another, with their boxes. */
async function controlBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      if (element.closest('[aria-hidden=true], dialog:not([open])')) return false;
      if (element.parentElement?.closest(selector)) return false;
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      // Skip-links and visually hidden inputs (the dropzone's file input) are not targets on screen.
      return style.visibility !== 'hidden' && rect.width > 1 && rect.height > 1 && !element.matches('.sr-only, input[type=file]');
    });
    return controls.map((element) => {
      const rect = element.getBoundingClientRect();
      const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? element.tagName;
      return {
        name: `${element.tagName.toLowerCase()} “${name}”`,
        x: rect.x,
        y: rect.y + window.scrollY,
        width: rect.width,
        height: rect.height,
      };
    });
  });
}

async function expectSoundLayout(page: Page, width: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);

  const boxes = await controlBoxes(page);
  expect(boxes.length).toBeGreaterThan(0);
  const overlaps: string[] = [];
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) overlaps.push(`${a.name} overlaps ${b.name}`);
    }
  }
  expect(overlaps).toEqual([]);

  const outside = boxes.filter((box) => box.x < -1 || box.x + box.width > width + 1).map((box) => box.name);
  expect(outside, 'controls cut off at the edge').toEqual([]);

  if (width <= 360) {
    // WCAG 2.2's minimum target (24 × 24 CSS px); inline links in running text are exempt.
    const small = (await controlBoxes(page)).filter((box) => !box.name.startsWith('a ') && (box.width < 24 || box.height < 24));
    expect(small.map((box) => `${box.name} ${Math.round(box.width)}×${Math.round(box.height)}`)).toEqual([]);
  }
}

/**
 * What a person sees of a character's grid made from real photos (square, tall, 3:4 and wide):
 * every tile the same 3:4 picture box and the same height, each pose badge and Generate button
 * on one line at the same height across a row, and no tile alone on the last row unless the grid
 * is a single column.
 */
async function expectEvenGrid(grid: Locator, columns: 'one' | 'several') {
  await expect(grid.getByRole('img')).toHaveCount(5);
  await expect
    .poll(() => grid.getByRole('img').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth > 0)))
    .toBe(true);
  const tiles = await grid.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      const box = (element: Element | null) => {
        const rect = element?.getBoundingClientRect();
        return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
      };
      return {
        tile: box(item)!,
        picture: box(item.firstElementChild)!,
        badge: box(item.lastElementChild?.firstElementChild ?? null)!,
        // A badge cut short ("Portr…") shows less text than it holds.
        badgeCut: (() => {
          const badge = item.lastElementChild?.firstElementChild;
          return badge ? badge.scrollWidth > badge.clientWidth : false;
        })(),
        button: box(item.querySelector('button:not([aria-label^="View"])')),
      };
    }),
  );
  const middle = (box: { y: number; height: number }) => Math.round(box.y + box.height / 2);
  const firstButton = tiles.find((entry) => entry.button)?.button ?? null;
  const firstTile = tiles.find((entry) => entry.button)?.tile ?? null;
  for (const { tile, picture, badge, badgeCut, button } of tiles) {
    expect(badgeCut, 'the pose badge shows its whole name').toBe(false);
    expect(Math.abs(picture.height - tiles[0]!.picture.height), 'picture boxes of equal height').toBeLessThanOrEqual(1);
    expect(Math.abs(picture.height / picture.width - 4 / 3), 'a 3:4 picture box').toBeLessThan(0.02);
    expect(Math.abs(tile.height - tiles[0]!.tile.height), 'tiles of equal height').toBeLessThanOrEqual(1);
    // The badge and the button share one line, at the same distance from the tile's top everywhere.
    expect(middle(badge) - tile.y).toBeCloseTo(middle(tiles[0]!.badge) - tiles[0]!.tile.y, -0.5);
    // Buttons sit at the same height in every tile: beside the badge, or (narrow tiles) under it.
    if (button && firstButton && firstTile)
      expect(Math.abs(middle(button) - tile.y - (middle(firstButton) - firstTile.y)), 'buttons line up').toBeLessThanOrEqual(1);
  }
  const rows = new Map<number, number>();
  for (const { tile } of tiles) rows.set(Math.round(tile.y), (rows.get(Math.round(tile.y)) ?? 0) + 1);
  const perRow = [...rows.values()];
  if (columns === 'one') expect(perRow.every((count) => count === 1)).toBe(true);
  else expect(perRow.at(-1), `no tile alone on the last row (rows: ${perRow.join(' + ')})`).toBeGreaterThan(1);
}

async function createFromPhotos(app: Page | FrameLocator, name: string) {
  await app.getByLabel('Choose reference images').setInputFiles(characterPhotos());
  await expect(app.getByRole('listitem', { name: 'rocket.jpg' }).getByText('Classified')).toBeVisible();
  await app.getByLabel('Character name').fill(name);
  await app.getByRole('button', { name: 'Create character' }).click();
  await expect(app.getByRole('heading', { name })).toBeVisible();
}

async function openScreen(page: Page, path: string, width: number, theme: 'light' | 'dark') {
  await page.setViewportSize({ width, height: width <= 360 ? 740 : 800 });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test(`upload flow, synthesize and library at 360 px and 1280 px`, async ({ page, sandbox, expectAccessible }) => {
      void sandbox;
      for (const width of WIDTHS) {
        await openScreen(page, '/', width, theme);
        await expect(page.getByRole('heading', { name: 'New character from images' })).toBeVisible();
        // Loaded once: at the second width the queue is the one restored from this browser.
        if (width === WIDTHS[0]) await page.getByRole('button', { name: 'Try with sample images' }).click();
        await expect(page.getByRole('listitem', { name: 'sample-back.png' }).getByText('Classified')).toBeVisible();
        await expectSoundLayout(page, width);
        await expectAccessible();

        await openScreen(page, '/synthesize', width, theme);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectSoundLayout(page, width);
        await expectAccessible();

        await openScreen(page, '/characters', width, theme);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectSoundLayout(page, width);
        await expectAccessible();
      }
    });

    test(`a character's review grid and the QA queue at 360 px and 1280 px`, async ({ page, request, sandbox, expectAccessible }) => {
      await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
      const [character] = await seedReviewing(request, 2, SYNTH_DELAY_MS);
      for (const width of WIDTHS) {
        await openScreen(page, `/characters/${character?.id}`, width, theme);
        await expect(page.getByRole('img', { name: 'Back pose' })).toBeVisible();
        await expectSoundLayout(page, width);
        await expectAccessible();
        const tiles = await page
          .getByRole('img', { name: /pose$/ })
          .evaluateAll((images) => images.map((image) => Math.round(image.getBoundingClientRect().x)));
        // One column on a phone (every tile starts at the same x), several on a desktop.
        expect(new Set(tiles).size === 1).toBe(width <= 360);

        await openScreen(page, '/review', width, theme);
        await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('QA 01');
        await expectSoundLayout(page, width);
        await expectAccessible();
      }
    });

    test(`a character made from real photos: an even grid at 360 px and 1280 px`, async ({ page, sandbox, expectAccessible }) => {
      void sandbox;
      await openScreen(page, '/', 1280, theme);
      await createFromPhotos(page, 'Real photos');
      const url = page.url();
      for (const width of WIDTHS) {
        await openScreen(page, url, width, theme);
        const grid = page.getByRole('list', { name: 'Reference poses' });
        await expectEvenGrid(grid, width <= 360 ? 'one' : 'several');
        await expectSoundLayout(page, width);
        await expectAccessible();
      }
    });

    test(`a character made from real photos in the embed: an even grid`, async ({ page, sandbox }) => {
      void sandbox;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`http://127.0.0.1:${PARTNER_PORT}/`);
      const frame = page.frameLocator('iframe[title="Aurous console"]');
      await expect(frame.getByRole('heading', { name: 'New character from images' })).toBeVisible();
      if (theme === 'dark') await page.locator('#theme').selectOption('dark');
      await expect(frame.locator('html')).toHaveAttribute('data-theme', theme);
      await createFromPhotos(frame, 'Embedded photos');
      await expectEvenGrid(frame.getByRole('list', { name: 'Reference poses' }), 'several');
    });

    test(`the embedded console in a partner's page at 360 px and 1280 px`, async ({ page, sandbox, expectAccessible }) => {
      void sandbox;
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`http://127.0.0.1:${PARTNER_PORT}/`);
        const frame = page.frameLocator('iframe[title="Aurous console"]');
        await expect(frame.getByRole('heading', { name: 'New character from images' })).toBeVisible();
        if (theme === 'dark') await page.locator('#theme').selectOption('dark');
        await expect(frame.locator('html')).toHaveAttribute('data-theme', theme);
        const overflow = await frame.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await expectAccessible();
      }
    });
  });
}

test('a dark-mode user sees no flash of the light theme before the app has loaded', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() =>
    localStorage.setItem('aurous-console:preferences', JSON.stringify({ state: { theme: 'dark' }, version: 1 })),
  );
  // Hold the app's script back: what is painted meanwhile is the page before React runs.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The stylesheet is not held back: the first paint uses the dark canvas.
  const canvasLightness = () =>
    page.evaluate(() => {
      const context = document.createElement('canvas').getContext('2d');
      if (!context) return 1;
      context.fillStyle = getComputedStyle(document.body).backgroundColor;
      context.fillRect(0, 0, 1, 1);
      const [r = 255, g = 255, b = 255] = context.getImageData(0, 0, 1, 1).data;
      return (r + g + b) / (3 * 255);
    });
  await expect.poll(canvasLightness).toBeLessThan(0.2);
  await expect(page.locator('#root')).toBeEmpty();
  release();
  await expect(page.getByRole('heading', { name: 'New character from images' })).toBeVisible();
});

test('the theme switcher overrides the system setting, and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const themes = page.getByRole('group', { name: 'Theme' });
  await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute('aria-pressed', 'true');
  await themes.getByRole('button', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(themes.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
  // Back to "System": the page follows the OS as it changes.
  await themes.getByRole('button', { name: 'System' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('a new user with no images completes the sample flow by tapping alone', async ({ page, sandbox }) => {
    void sandbox;
    const started = Date.now();
    await page.goto('/');
    await page.getByRole('button', { name: 'Try with sample images' }).tap();
    const list = page.getByRole('list', { name: 'Reference images' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    for (const pose of ['portrait', 'front', 'side', 'back']) {
      await expect(list.getByRole('listitem', { name: `sample-${pose}.png` }).getByText('Classified')).toBeVisible();
    }
    await page.getByLabel('Character name').tap();
    await page.keyboard.type('Pocket hero');
    await page.getByRole('button', { name: 'Create character' }).tap();
    await expect(page.getByRole('heading', { name: 'Pocket hero' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Reference poses' }).getByRole('img')).toHaveCount(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    // Reported, not asserted: the app's own time, not a person's.
    test.info().annotations.push({ type: 'sample flow', description: `${Date.now() - started} ms of app time at 360 px` });
  });
});

test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  /** A finger moving sideways across the element: pointer events as a touch screen sends them. */
  async function swipe(page: Page, selector: string, dx: number) {
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const y = box.y + box.height / 2;
    const x = box.x + box.width / 2 - dx / 2;
    const init = { pointerType: 'touch', pointerId: 7, isPrimary: true, bubbles: true, clientY: y };
    await page.locator(selector).dispatchEvent('pointerdown', { ...init, clientX: x });
    await page.locator(selector).dispatchEvent('pointerup', { ...init, clientX: x + dx });
  }

  test('the large preview swipes between poses', async ({ page, request, sandbox }) => {
    await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
    const [character] = await seedReviewing(request, 1, SYNTH_DELAY_MS);
    await page.goto(`/characters/${character?.id}`);
    await page.getByRole('button', { name: 'View Front larger' }).tap();
    await expect(page.getByRole('dialog', { name: 'Front pose, 2 of 4' })).toBeVisible();
    await swipe(page, 'dialog img', -160);
    await expect(page.getByRole('dialog', { name: 'Side pose, 3 of 4' })).toBeVisible();
    await swipe(page, 'dialog img', 160);
    await swipe(page, 'dialog img', 160);
    await expect(page.getByRole('dialog', { name: 'Portrait pose, 1 of 4' })).toBeVisible();
    // A short or vertical move is not a swipe.
    await swipe(page, 'dialog img', -20);
    await expect(page.getByRole('dialog', { name: 'Portrait pose, 1 of 4' })).toBeVisible();
  });

  test('the QA zoom swipes between poses when fitted, and pans (no swipe) at 1:1', async ({ page, request, sandbox }) => {
    await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
    await seedReviewing(request, 1, SYNTH_DELAY_MS);
    await page.goto('/review');
    await page.getByRole('button', { name: /^Zoom/ }).tap();
    await expect(page.getByRole('dialog', { name: 'QA 01: Portrait pose at 1:1' })).toBeVisible();
    await swipe(page, 'dialog [role=region]', -160);
    await expect(page.getByRole('dialog', { name: 'QA 01: Portrait pose at 1:1' })).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Fit' }).tap();
    await expect(page.getByRole('dialog', { name: 'QA 01: Portrait pose, fitted to the screen' })).toBeVisible();
    await swipe(page, 'dialog [role=region]', -160);
    await expect(page.getByRole('dialog', { name: 'QA 01: Front pose, fitted to the screen' })).toBeVisible();
  });
});
