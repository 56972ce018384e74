/**
 * For a contract test file: a fresh sandbox served for the file, reset to its seeded state before
 * each test, and a client for it.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sandboxClient } from './sandbox-client';
import { startSandbox, type RunningSandbox } from './start-sandbox';

export function setUpSandbox() {
  let running: RunningSandbox | undefined;
  const url = () => {
    if (!running) throw new Error('The sandbox is not started yet (use it inside a test or hook).');
    return running.url;
  };
  const api = sandboxClient(url);
  beforeAll(async () => {
    running = await startSandbox();
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    await api.reset();
  });
  return { api, url };
}
