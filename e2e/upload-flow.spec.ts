import { expect, test } from './fixtures';
import { pngFile } from './images';

test.describe('upload → classify → create', () => {
  test('three images: progress, pose badges, the duplicate-front warning, then the created character', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    void sandbox;
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'New character from images' })).toBeVisible();
    await expectAccessible();

    const files = [pngFile('hero-front.png', 1), pngFile('hero-side.png', 2), pngFile('front-again.png', 3)];
    await page.getByLabel('Choose reference images').setInputFiles(files);

    const list = page.getByRole('list', { name: 'Reference images' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    const front = list.getByRole('listitem', { name: 'hero-front.png' });
    const side = list.getByRole('listitem', { name: 'hero-side.png' });
    const again = list.getByRole('listitem', { name: 'front-again.png' });

    await expect(front.getByText('front', { exact: true })).toBeVisible();
    await expect(side.getByText('side', { exact: true })).toBeVisible();
    await expect(again.getByText('front', { exact: true })).toBeVisible();
    for (const item of [front, side, again]) {
      await expect(item.getByText(/^\d{1,3}% confidence/)).toBeVisible();
    }
    // A pose badge explains itself on keyboard focus (the pose, and that confidence is no gate); Escape hides it.
    const sideBadge = side.getByRole('button', { name: /^side \d{1,3}% confidence/ });
    await sideBadge.focus();
    const explanation = page.getByRole('tooltip');
    await expect(explanation).toBeVisible();
    await expect(explanation).toContainText('full body, in profile');
    await expect(explanation).toContainText('never a gate');
    await expect(sideBadge).toHaveAccessibleDescription(/full body, in profile/);
    await page.keyboard.press('Escape');
    await expect(explanation).toBeHidden();
    await expect(sideBadge).toBeFocused();

    const total = page.getByRole('progressbar', { name: 'Total upload progress' });
    await expect(total).toHaveAttribute('aria-valuenow', '100');

    const warning = page.getByRole('alert').filter({ hasText: 'classified as front' });
    await expect(warning).toContainText('hero-front.png');
    await expect(warning).toContainText('front-again.png');
    // It says why it matters, not only what happened.
    await expect(warning).toContainText('the same view twice and no view of another side');
    await expectAccessible();

    await warning.getByRole('button', { name: 'Remove front-again.png' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(warning).toBeHidden();

    await page.getByLabel('Character name').fill('Aurora');
    await page.getByRole('button', { name: 'Create character' }).click();

    await expect(page).toHaveURL(/\/characters\/char_[0-9A-Z]{26}$/);
    await expect(page.getByRole('heading', { name: 'Aurora' })).toBeVisible();
    await expect(page.getByText('ready', { exact: true })).toBeVisible();
    const refs = page.getByRole('list', { name: 'Reference poses' });
    await expect(refs.getByRole('img', { name: 'Front pose' })).toBeVisible();
    await expect(refs.getByRole('img', { name: 'Side pose' })).toBeVisible();
    // The canonical poses it lacks are empty tiles, not errors.
    await expect(refs.getByRole('listitem', { name: 'Back pose' })).toContainText('No back reference yet');
    // The ref images really load from their signed URLs.
    await expect
      .poll(() => refs.getByRole('img').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    await expectAccessible();

    // A reload finds the character by the id in the URL.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Aurora' })).toBeVisible();
  });

  test('the create button explains what it waits for, and a missing name is asked for', async ({ page, sandbox }) => {
    void sandbox;
    await page.goto('/');
    const create = page.getByRole('button', { name: 'Create character' });
    await expect(create).toBeDisabled();
    await expect(page.getByText('Add at least one reference image.')).toBeVisible();

    await page.getByLabel('Choose reference images').setInputFiles([pngFile('solo-front.png', 11)]);
    await expect(page.getByRole('listitem', { name: 'solo-front.png' }).getByText('Classified')).toBeVisible();
    await expect(create).toBeEnabled();
    await create.click();
    await expect(page.getByText('Give the character a name.')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('listitem', { name: 'solo-front.png' })).toBeVisible();
  });

  test('the dropzone is reachable and operable from the keyboard', async ({ page, sandbox }) => {
    void sandbox;
    await page.goto('/');
    const browse = page.getByRole('group', { name: 'Add reference images' }).getByRole('button', { name: 'Browse for images' });
    // Listen first: Playwright turns file-chooser interception on asynchronously, and a lone key
    // press can beat it (the dialog then opens unseen and the test waits forever).
    const chooser = page.waitForEvent('filechooser');
    // Tab only once the page is drawn (signed in, header complete): earlier presses land nowhere.
    await expect(browse).toBeVisible();
    for (let tab = 0; tab < 20 && !(await browse.evaluate((element) => element === document.activeElement)); tab++) {
      await page.keyboard.press('Tab');
    }
    await expect(browse).toBeFocused();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles([pngFile('keyboard-back.png', 21)]);
    await expect(page.getByRole('listitem', { name: 'keyboard-back.png' }).getByText('back', { exact: true })).toBeVisible();
  });

  test('a character made from images generates the poses it lacks from its description', async ({ page, sandbox }) => {
    await sandbox.configure({ synth_delay_ms: 300 });
    await page.goto('/');
    await page.getByLabel('Choose reference images').setInputFiles([pngFile('gap-front.png', 61), pngFile('gap-side.png', 62)]);
    await expect(page.getByRole('listitem', { name: 'gap-side.png' }).getByText('Classified')).toBeVisible();
    await page.getByLabel('Character name').fill('Gaps');
    await page.getByText('Describe the character (optional)').click();
    await page.getByLabel('Hair colour').fill('black');
    await page.getByRole('button', { name: 'Create character' }).click();

    const poses = page.getByRole('list', { name: 'Reference poses' });
    await expect(poses.getByRole('listitem', { name: 'Front pose' }).getByRole('img')).toBeVisible();
    const portrait = poses.getByRole('listitem', { name: 'Portrait pose' });
    await expect(portrait).toContainText('No portrait reference yet');
    await portrait.getByRole('button', { name: 'Generate portrait' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click();
    // An upload-flow character is ready from the start; generating a pose keeps it ready.
    await expect(portrait.getByRole('img', { name: 'Portrait pose' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('ready', { exact: true })).toBeVisible();
    await expect(poses.getByRole('listitem', { name: 'Back pose' })).toContainText('No back reference yet');
  });

  test('a new user with no images of their own walks the whole flow with the sample images', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    void sandbox;
    await page.goto('/');
    await page.getByRole('button', { name: 'Try with sample images' }).click();
    const list = page.getByRole('list', { name: 'Reference images' });
    for (const pose of ['portrait', 'front', 'side', 'back']) {
      await expect(list.getByRole('listitem', { name: `sample-${pose}.png` }).getByText(pose, { exact: true })).toBeVisible();
    }
    // Once images are added, the offer steps aside.
    await expect(page.getByRole('button', { name: 'Try with sample images' })).toHaveCount(0);
    await expectAccessible();
    await page.getByLabel('Character name').fill('Sample hero');
    await page.getByRole('button', { name: 'Create character' }).click();
    await expect(page.getByRole('heading', { name: 'Sample hero' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Reference poses' }).getByRole('img')).toHaveCount(4);
  });
});
