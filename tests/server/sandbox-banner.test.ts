/**
 * With the embedded sandbox, every screen of the console (the shell at `/`, `/index.html`, any
 * client route, the embed) carries the sandbox banner, linking to the poses page; against a real
 * API it never does. The poses page says what the classifier really does.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { upstreamFromEnv } from '../../server/upstream';
import { classify } from '../../sandbox/domain/pose-classifier';
import { rawRequest, serveApp, within, type Served } from './http-helpers';

let dir: string;
let sandboxed: Served;
let real: Served;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'console-banner-'));
  const root = path.join(dir, 'dist');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><body><div id="root"></div><script src="/x.js"></script></body>');
  sandboxed = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), staticRoot: root }));
  real = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: 'http://127.0.0.1:9', AUROUS_API_KEY: `al_live_${'0'.repeat(64)}` }),
      staticRoot: root,
    }),
  );
});
afterAll(async () => {
  await sandboxed?.close();
  await real?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (on: Served, requestPath: string) => within(3_000, rawRequest({ port: on.port, path: requestPath }));

describe('the sandbox banner', () => {
  it.each(['/', '/index.html', '/characters', '/characters/char_1', '/embed'])('is on %s with the embedded sandbox', async (page) => {
    const answer = await get(sandboxed, page);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/<div id="sandbox-banner"[^>]*>.*Sandbox.*How it classifies poses/);
    expect(answer.text).toContain('href="/_sandbox/poses"');
    // Before the app, so it shows before any script has run.
    expect(answer.text.indexOf('sandbox-banner')).toBeLessThan(answer.text.indexOf('<div id="root">'));
  });

  it.each(['/', '/index.html', '/characters'])('is never on %s against a real API', async (page) => {
    const answer = await get(real, page);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<div id="root">');
    expect(answer.text).not.toContain('sandbox-banner');
  });

  it('links to a page that explains the classifier by its own rules', async () => {
    const answer = await get(sandboxed, '/_sandbox/poses');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/text\/html/);
    for (const word of ['profile', 'rear', 'headshot', 'closeup']) expect(answer.text).toContain(`<code>${word}</code>`);
    expect(answer.text).toContain('1.6 or more (tall, a full figure)');
    // What the page says is what the classifier does: a name word wins; a wide picture is "other".
    expect(classify('rowan_rear.png', new Uint8Array([1, 2, 3])).pose).toBe('back');
    expect(answer.text).toMatch(/Confidence 80 %–99 %/);
  });
});
