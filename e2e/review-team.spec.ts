/**
 * Two reviewers on one queue, in two browser contexts (issue 16): they never hold the same
 * character (each queue skips the other's claim and says who holds it), an approve on a version
 * that moved on is refused with the new state shown, no pose is charged twice (sandbox stats), and
 * the team QA page's figures match the decision log.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import type { Character } from '../contract/aurous';
import type { DecisionEntry, ReviewClaimList } from '../contract/review';
import { expect, test } from './fixtures';
import { listByStatus, seedReviewing } from './seed';

const SYNTH_DELAY_MS = 1500;
const PASSWORD = 'sandbox-password';
const REGENERATE_ROUTE = 'POST /v1/characters/:id/refs/regenerate';

const current = (page: Page) => page.getByRole('heading', { level: 2 }).first();

/** A browser of its own, signed in with email and password (from the sign-in page, where no automatic sign-in lands). */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  const status = await page.evaluate(
    async ({ email, password }) =>
      (
        await fetch('/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    { email, password: PASSWORD },
  );
  expect(status).toBe(200);
  return page;
}

/** A second reviewer, invited by the owner and joined in a browser of their own. */
async function invitedReviewer(browser: Browser, invite: (email: string) => Promise<string>, name: string): Promise<Page> {
  const email = `second-reviewer-${Date.now()}@example.test`;
  const token = await invite(email);
  const page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  const status = await page.evaluate(
    async (body) =>
      (await fetch('/api/team/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
        .status,
    { token, email, password: PASSWORD, name },
  );
  expect(status).toBe(200);
  return page;
}

test('two reviewers on one queue: claims, a stale approve refused, nothing charged twice, figures from the log', async ({
  browser,
  request,
  sandbox,
}) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  const seeded = await seedReviewing(request, 3, SYNTH_DELAY_MS);
  const before = await sandbox.stats();

  const invite = async (email: string) => {
    const response = await request.post('/api/team/invitations', { data: { role: 'reviewer', email } });
    expect(response.status(), await response.text()).toBe(201);
    return new URL(((await response.json()) as { link: string }).link).searchParams.get('token')!;
  };
  const ann = await signedIn(browser, 'reviewer@sandbox.test');
  const bo = await invitedReviewer(browser, invite, 'Bo Second');

  // Ann's queue goes stale on purpose: no live stream, and her list reads fail once frozen (a
  // slow network), so she keeps the images she opened while Bo changes them.
  let frozen = false;
  await ann.route('**/api/events', (route) => route.abort());
  await ann.route('**/api/characters?*', (route) => (frozen ? route.abort() : route.continue()));

  await ann.goto('/review');
  await expect(current(ann)).toHaveText('QA 01');
  const annFront = await ann.getByRole('img', { name: 'Front pose' }).getAttribute('src');

  // Bo opens the queue after Ann: QA 01 is Ann's, so Bo's queue starts at QA 02 and says who holds QA 01.
  await bo.goto('/review');
  await expect(current(bo)).toHaveText('QA 02');
  await expect(bo.getByText('Reviewer is reviewing “QA 01”')).toBeVisible();
  await expectAccessibleOn(bo);
  const claims = (await (await bo.request.get('/api/review/claims')).json()) as ReviewClaimList;
  const holders = new Map(claims.data.map((claim) => [claim.character_id, claim.holder.name]));
  expect(holders.get(seeded[0]!.id)).toBe('Reviewer');
  expect(holders.get(seeded[1]!.id)).toBe('Bo Second');

  // Bo regenerates QA 01's front pose (through the console, as any client of the team could) and it lands.
  frozen = true;
  const seenByAnn = (await listByStatus(request, 'reviewing')).find((each) => each.id === seeded[0]!.id)!;
  const regenerated = await bo.request.post(`/api/v1/characters/${seeded[0]!.id}/refs/regenerate`, {
    data: { pose: 'front' },
    headers: { 'Idempotency-Key': `bo-front-${seeded[0]!.id}`, 'Aurous-Seen-Version': seenByAnn.updated_at },
  });
  expect(regenerated.status(), await regenerated.text()).toBe(200);
  expect((await request.post('/_sandbox/clock', { data: { advance_ms: SYNTH_DELAY_MS + 1000 } })).ok()).toBe(true);
  const landed = (await (await request.get(`/api/v1/characters/${seeded[0]!.id}`)).json()) as Character;
  expect(landed.status).toBe('reviewing');

  // Ann, still looking at the old front pose, approves: refused, with the new state shown to her.
  await ann.keyboard.press('a');
  await expect(ann.getByRole('alert')).toContainText('Bo Second regenerated the front pose after you opened this; look again.');
  await expect(current(ann)).toHaveText('QA 01');
  await expect(ann.getByRole('img', { name: 'Front pose' })).not.toHaveAttribute('src', annFront!);
  // Ann's moving off QA 01 and back never slid it under Bo, nor left him holding it.
  await expect(current(bo)).toHaveText('QA 02');
  await expect
    .poll(async () =>
      ((await (await bo.request.get('/api/review/claims')).json()) as ReviewClaimList).data
        .filter((claim) => seeded.some((each) => each.id === claim.character_id))
        .map((claim) => [claim.character_id, claim.holder.name])
        .sort(),
    )
    .toEqual(
      [
        [seeded[0]!.id, 'Reviewer'],
        [seeded[1]!.id, 'Bo Second'],
      ].sort(),
    );
  expect((await listByStatus(request, 'reviewing')).map((each) => each.id)).toContain(seeded[0]!.id);

  // On what she sees now, her approve goes through.
  await ann.keyboard.press('a');
  await expect(current(ann)).toHaveText('QA 03');
  await expect.poll(async () => (await listByStatus(request, 'ready')).map((each) => each.id)).toContain(seeded[0]!.id);

  // One regenerate reached the API and one was charged: never twice for the pose.
  const after = await sandbox.stats();
  expect((after.traffic.a.routes[REGENERATE_ROUTE] ?? 0) - (before.traffic.a.routes[REGENERATE_ROUTE] ?? 0)).toBe(1);
  expect(before.teams.a.credits - after.teams.a.credits).toBe(1);

  // The team QA page's figures are the decision log's.
  // (The console's database outlives the sandbox's reset: earlier runs' decisions are in the log too.)
  const log = ((await (await request.get('/api/review/decisions?limit=500')).json()) as { data: DecisionEntry[] }).data;
  const done = log.filter((entry) => entry.outcome === 'done');
  const ours = new Set(seeded.map((each) => each.id));
  expect(log.filter((entry) => ours.has(entry.character_id) && entry.outcome === 'stale').map((entry) => entry.actor.name)).toEqual([
    'Reviewer',
  ]);
  expect(
    log.filter((entry) => ours.has(entry.character_id) && entry.outcome === 'done').map((entry) => [entry.actor.name, entry.action]),
  ).toEqual([
    ['Reviewer', 'save'],
    ['Bo Second', 'regenerate'],
  ]);
  const page = await signedIn(browser, 'owner@sandbox.test');
  await page.goto('/review/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team QA' })).toBeVisible();
  await expect(page.getByTestId('qa-decisions')).toHaveText(String(done.length));
  await expect(page.getByTestId('qa-approved')).toHaveText(
    String(new Set(done.filter((e) => e.action === 'save').map((e) => e.character_id)).size),
  );
  await expect(page.getByTestId('qa-credits')).toHaveText(String(done.reduce((sum, entry) => sum + entry.credits, 0)));
  await expect(page.getByTestId('qa-refused')).toHaveText(
    String(log.filter((entry) => entry.outcome === 'stale' || entry.outcome === 'busy').length),
  );
  await expectAccessibleOn(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();
});

/** axe, WCAG 2.1 A and AA, on one of this test's own pages (the fixture's checks only `page`). */
async function expectAccessibleOn(target: Page) {
  await target.waitForFunction(() =>
    document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) })),
  ).toEqual([]);
}

test('a save from the character page on images someone changed since is refused, and the page shows them as they are now', async ({
  browser,
  request,
  sandbox,
}) => {
  await sandbox.configure({ synth_delay_ms: SYNTH_DELAY_MS });
  const [character] = await seedReviewing(request, 1, SYNTH_DELAY_MS);
  const ann = await signedIn(browser, 'reviewer@sandbox.test');
  // No live stream: Ann keeps the images she opened while someone else changes them.
  await ann.route('**/api/events', (route) => route.abort());
  await ann.goto(`/characters/${character!.id}`);
  await expect(ann.getByRole('heading', { level: 1, name: character!.name })).toBeVisible();
  const oldFront = await ann.getByRole('img', { name: /front/i }).first().getAttribute('src');

  // The owner regenerates the front pose and it lands.
  const regenerated = await request.post(`/api/v1/characters/${character!.id}/refs/regenerate`, {
    data: { pose: 'front' },
    headers: { 'Idempotency-Key': `owner-front-${character!.id}` },
  });
  expect(regenerated.status(), await regenerated.text()).toBe(200);
  expect((await request.post('/_sandbox/clock', { data: { advance_ms: SYNTH_DELAY_MS + 1000 } })).ok()).toBe(true);

  await ann.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(ann.getByText(/regenerated the front pose after you opened this; look again/)).toBeVisible();
  await expect(ann.getByRole('img', { name: /front/i }).first()).not.toHaveAttribute('src', oldFront!);
  expect((await listByStatus(request, 'reviewing')).map((each) => each.id)).toContain(character!.id);
});
