import { expect, test } from './fixtures';
import { pngBytes, pngFile, writeImage } from './images';

test('each refused file is named with its reason, and nothing already added is lost', async ({ page, sandbox, expectAccessible }) => {
  void sandbox;
  await page.goto('/');
  const input = page.getByLabel('Choose reference images');
  await input.setInputFiles([pngFile('keep-front.png', 31)]);
  const list = page.getByRole('list', { name: 'Reference images' });
  await expect(list.getByRole('listitem', { name: 'keep-front.png' }).getByText('Classified')).toBeVisible();
  await page.getByLabel('Character name').fill('Kept name');

  const notAnImage = writeImage('notes.txt', Buffer.from('just some text'));
  const huge = writeImage('huge.png', Buffer.concat([pngBytes(8, 8, 32), Buffer.alloc(11 * 1024 * 1024)]));
  const liar = writeImage('really-a-png.jpg', pngBytes(20, 20, 33));
  const twin = writeImage('copy-of-keep.png', pngBytes(60, 120, 31));
  await input.setInputFiles([notAnImage, huge, liar, twin]);

  const refused = page.getByRole('list', { name: 'Files not added' });
  await expect(refused.getByRole('listitem').filter({ hasText: 'notes.txt' })).toContainText('not a JPEG, PNG or WebP image');
  await expect(refused.getByRole('listitem').filter({ hasText: 'huge.png' })).toContainText('the limit is 10 MB');
  await expect(refused.getByRole('listitem').filter({ hasText: 'really-a-png.jpg' })).toContainText('contains a PNG image');
  await expect(refused.getByRole('listitem').filter({ hasText: 'copy-of-keep.png' })).toContainText('same image as keep-front.png');
  await expectAccessible();

  // Beyond the sixth: five more fit, the sixth of this batch is refused by name.
  await input.setInputFiles([1, 2, 3, 4, 5, 6].map((n) => pngFile(`extra-${n}.png`, 40 + n)));
  await expect(list.getByRole('listitem')).toHaveCount(6);
  await expect(refused.getByRole('listitem').filter({ hasText: 'extra-6.png' })).toContainText('at most 6 reference images');

  await expect(list.getByRole('listitem', { name: 'keep-front.png' })).toBeVisible();
  await expect(page.getByLabel('Character name')).toHaveValue('Kept name');

  await refused.getByRole('button', { name: 'Dismiss the message about notes.txt' }).click();
  await expect(refused.getByRole('listitem').filter({ hasText: 'notes.txt' })).toHaveCount(0);
});
