import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { photo, PHOTOS, pngBytes, pngFile, writeImage } from './images';

test('each refused file is named with its reason, and nothing already added is lost', async ({ page, sandbox, expectAccessible }) => {
  void sandbox;
  await page.goto('/');
  const input = page.getByLabel('Choose reference images');
  await input.setInputFiles([pngFile('keep-front.png', 31)]);
  const list = page.getByRole('list', { name: 'Reference images' });
  await expect(list.getByRole('listitem', { name: 'keep-front.png' }).getByText('Classified')).toBeVisible();
  await page.getByLabel('Character name').fill('Kept name');

  const notAnImage = writeImage('notes.txt', Buffer.from('just some text'));
  const twin = writeImage('copy-of-keep.png', pngBytes(60, 120, 31));
  await input.setInputFiles([notAnImage, twin]);

  const refused = page.getByRole('list', { name: 'Files not added' });
  await expect(refused.getByRole('listitem').filter({ hasText: 'notes.txt' })).toContainText('not a JPEG, PNG, WebP or HEIC image');
  await expect(refused.getByRole('listitem').filter({ hasText: 'copy-of-keep.png' })).toContainText('already added, as keep-front.png');
  await expectAccessible();
  await page.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(refused).toHaveCount(0);
  await list.getByRole('listitem', { name: 'keep-front.png' }).getByRole('button', { name: 'Remove keep-front.png' }).click();

  await input.setInputFiles([pngFile('keep-front.png', 31)]);
  // Beyond the sixth: five more fit, the sixth of this batch is refused by name.
  await input.setInputFiles([1, 2, 3, 4, 5, 6].map((n) => pngFile(`extra-${n}.png`, 40 + n)));
  await expect(list.getByRole('listitem')).toHaveCount(6);
  await expect(refused.getByRole('listitem').filter({ hasText: 'extra-6.png' })).toContainText('at most 6 reference images');

  await expect(list.getByRole('listitem', { name: 'keep-front.png' })).toBeVisible();
  await expect(page.getByLabel('Character name')).toHaveValue('Kept name');
});

test('a photo over the limits is shrunk in the browser, a JPEG named .png is sent as the JPEG it is, and each row says so', async ({
  page,
  sandbox,
}) => {
  void sandbox;
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([
    // 11 MB of bytes (an 8 × 8 PNG and padding), and 5000 px wide: both over the API's limits.
    { name: 'huge-front.png', mimeType: 'image/png', buffer: Buffer.concat([pngBytes(8, 8, 32), Buffer.alloc(11 * 1024 * 1024)]) },
    { name: 'wide-side.png', mimeType: 'image/png', buffer: pngBytes(5000, 100, 34) },
    photo(PHOTOS.cat, 'really-a-jpeg-back.png'),
  ]);
  const list = page.getByRole('list', { name: 'Reference images' });
  const huge = list.getByRole('listitem', { name: 'huge-front.png' });
  await expect(huge.getByText('Classified')).toBeVisible();
  await expect(huge).toContainText(/Shrunk from 11 MB to \d+ bytes to fit the API’s limits/);
  const wide = list.getByRole('listitem', { name: 'wide-side.png' });
  await expect(wide.getByText('Classified')).toBeVisible();
  await expect(wide).toContainText('Shrunk from 5000 × 100 to 4096 × 82 px');
  const liar = list.getByRole('listitem', { name: 'really-a-jpeg-back.png' });
  await expect(liar.getByText('back', { exact: true })).toBeVisible();
  await expect(liar).toContainText('Named as a PNG, but it is a JPEG: sent as the JPEG it is.');
  await expect(page.getByRole('list', { name: 'Files not added' })).toHaveCount(0);
});

test('a phone photo stored sideways (EXIF Orientation 6) is uploaded upright', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  // No pose word in the name: the sandbox classifies by the bytes' proportions, and only the upright
  // photo (165 × 300, tall) is a full-body front view; the bytes as stored (300 × 165) are "other".
  await page.getByLabel('Choose reference images').setInputFiles([photo(PHOTOS.exif6, 'IMG_2041.jpg')]);
  const row = page.getByRole('listitem', { name: 'IMG_2041.jpg' });
  await expect(row.getByText('front', { exact: true })).toBeVisible();
  await expect(row).toContainText('Turned upright, as the camera recorded it.');
  // Its picture in the row is upright too: made from the image as turned, not the bytes as stored.
  const picture = row.locator('img');
  await expect
    .poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalHeight > image.naturalWidth && image.naturalWidth > 0))
    .toBe(true);
});

test('a HEIC phone photo is converted to JPEG in the browser and uploaded', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([new URL('./fixtures/sample-front.heic', import.meta.url).pathname]);
  const item = page.getByRole('listitem', { name: 'sample-front.heic' });
  await expect(item.getByText('front', { exact: true })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Character name').fill('From a phone');
  await page.getByRole('button', { name: 'Create character' }).click();
  const front = page.getByRole('list', { name: 'Reference poses' }).getByRole('img', { name: 'Front pose' });
  await expect(front).toBeVisible();
  // What was stored is a real JPEG the browser can decode.
  await expect.poll(() => front.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(64);
});

test('long and unusual file names are made valid for the API and shown as they are', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  const long = `${'very-long-name-'.repeat(10)}front.png`;
  const odd = 'tab\there «quotes» 🙂 side?.png';
  await page.getByLabel('Choose reference images').setInputFiles([
    { name: long, mimeType: 'image/png', buffer: pngBytes(30, 60, 91) },
    { name: odd, mimeType: 'image/png', buffer: pngBytes(30, 60, 92) },
  ]);
  await expect(page.getByRole('listitem', { name: long }).getByText('Classified')).toBeVisible();
  await expect(page.getByRole('listitem', { name: odd }).getByText('Classified')).toBeVisible();
});

/** A DataTransfer in the page holding one PNG named `name`, as a drag from the desktop carries it. */
function draggedPng(page: Page, name: string) {
  const png = pngBytes(40, 80, 95).toString('base64');
  return page.evaluateHandle(
    ({ base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'image/png' }));
      return transfer;
    },
    { base64: png, name },
  );
}

test('files dragged onto the drop area are added; the area says it will take them while they hover', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  const area = page.getByRole('group', { name: 'Add reference images' });
  const data = await draggedPng(page, 'dragged-front.png');
  await area.dispatchEvent('dragenter', { dataTransfer: data });
  await expect(area.getByText('Drop the images here')).toBeVisible();
  await area.dispatchEvent('drop', { dataTransfer: data });
  await expect(page.getByRole('listitem', { name: 'dragged-front.png' }).getByText('Classified')).toBeVisible();
  await expect(area.getByText('Drop the images here')).toHaveCount(0);
});

test('files dropped anywhere on the page are added; an overlay says so while they hover', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  const heading = page.getByRole('heading', { name: 'New character from images' });
  const data = await draggedPng(page, 'dropped-on-page.png');
  await heading.dispatchEvent('dragenter', { dataTransfer: data });
  await expect(page.getByText('Drop the images anywhere to add them')).toBeVisible();
  await heading.dispatchEvent('drop', { dataTransfer: data });
  await expect(page.getByRole('listitem', { name: 'dropped-on-page.png' }).getByText('Classified')).toBeVisible();
  await expect(page.getByText('Drop the images anywhere to add them')).toHaveCount(0);
});

test('pasting text onto the page says it is not an image; pasting an image adds it', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'not a picture');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await expect(page.getByRole('list', { name: 'Files not added' })).toContainText('The pasted text is not an image.');

  // Typing into a field is left alone.
  await page.getByLabel('Character name').focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Aurora');
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await expect(page.getByRole('list', { name: 'Files not added' }).getByRole('listitem')).toHaveCount(1);

  const png = pngBytes(40, 40, 93).toString('base64');
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, png);
  await expect(page.getByRole('listitem', { name: 'image.png' }).getByText('Classified')).toBeVisible();
});

test('script and HTML in names, file names and messages are shown as text, never run', async ({ page, sandbox }) => {
  void sandbox;
  const payload = '<img src=x onerror="window.__xss=1">';
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([
    { name: `${payload}front.png`, mimeType: 'image/png', buffer: pngBytes(30, 60, 94) },
    { name: `<script>window.__xss=2</script>.txt`, mimeType: 'text/plain', buffer: Buffer.from('x') },
  ]);
  await expect(page.getByRole('listitem', { name: `${payload}front.png` }).getByText('Classified')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Files not added' })).toContainText('<script>window.__xss=2</script>.txt');
  await page.getByLabel('Character name').fill(payload);
  await page.getByRole('button', { name: 'Create character' }).click();
  await expect(page.getByRole('heading', { name: payload })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('list', { name: 'Characters' })).toContainText(payload);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('main img[src="x"]').count()).toBe(0);
});

test('zero-byte and damaged images are refused by name with what to do', async ({ page, sandbox }) => {
  void sandbox;
  await page.goto('/');
  const damaged = Buffer.concat([pngBytes(20, 20, 95).subarray(0, 40), Buffer.from('this is not the rest of a PNG')]);
  await page.getByLabel('Choose reference images').setInputFiles([
    { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
    { name: 'damaged.png', mimeType: 'image/png', buffer: damaged },
    { name: 'fine-front.png', mimeType: 'image/png', buffer: pngBytes(30, 60, 96) },
  ]);
  const refused = page.getByRole('list', { name: 'Files not added' });
  await expect(refused.getByRole('listitem').filter({ hasText: 'empty.jpg' })).toContainText('is empty (0 bytes)');
  await expect(refused.getByRole('listitem').filter({ hasText: 'damaged.png' })).toContainText('could not be decoded as an image');
  await expect(page.getByRole('listitem', { name: 'fine-front.png' }).getByText('Classified')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Reference images' }).getByRole('listitem')).toHaveCount(1);
});
