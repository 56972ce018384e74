/**
 * `npm run demo:partner` (and `npm start`) beside something already on its port: one sentence
 * naming the port and the variable that moves it, exit 1, and no raw EADDRINUSE stack.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenProblem } from '../../server/listen-error';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

describe('a port that is taken', () => {
  it('is said with the variable that moves it', () => {
    const error = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    expect(listenProblem(error, { what: 'the partner dashboard', port: 5180, variable: 'PARTNER_PORT' })).toBe(
      'Port 5180 is taken (is something already running there?), so the partner dashboard cannot start. Set PARTNER_PORT to another port (e.g. PARTNER_PORT=5190).',
    );
    expect(listenProblem(Object.assign(new Error('other'), { code: 'ECONNRESET' }), { what: 'x', port: 1, variable: 'PORT' })).toBeNull();
  });

  it('ends demo:partner with that sentence, not a stack', async () => {
    const failed = await run(path.join(root, 'node_modules/.bin/tsx'), ['demo/partner-server.ts'], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PARTNER_PORT: String(port), CONSOLE_URL: 'http://127.0.0.1:9' },
      timeout: 30_000,
    }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`Port ${port} is taken`);
    expect(failed?.stderr).toContain('Set PARTNER_PORT to another port');
    expect(failed?.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  }, 40_000);
});
