/**
 * `npm run samples`: draws the sample reference images a new user can try the console with
 * ("Try with sample images"). They are the sandbox's own figure drawings, rasterised to PNG by
 * Chromium, one per canonical pose, and committed under public/samples/. No third-party photos.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANONICAL_POSES } from '../contract/constants';
import { renderFigure } from '../sandbox/domain/figure-svg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public/samples');
mkdirSync(out, { recursive: true });

const attributes = {
  hair_color: 'auburn',
  hair_style: 'shoulder-length wavy',
  eye_color: 'green',
  body_type: 'athletic',
  ethnicity: 'mixed',
};
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 400, height: 600 } });
for (const pose of CANONICAL_POSES) {
  const svg = renderFigure({ pose, attributes, variant: 0 });
  await page.setContent(
    `<body style="margin:0"><img id="figure" width="400" height="600" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
  );
  await page.locator('#figure').screenshot({ path: path.join(out, `sample-${pose}.png`) });
  console.log(`public/samples/sample-${pose}.png`);
}
await browser.close();
