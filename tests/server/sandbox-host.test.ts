/**
 * `npm run sandbox` listens on 127.0.0.1 unless SANDBOX_HOST says otherwise: its /_sandbox
 * controls need no key, so another machine must not reach them by default.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let child: ChildProcess;
let port = 0;
let banner = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    cwd: root,
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  banner = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
  });
  port = Number(/:(\d+)$/.exec(banner)?.[1]);
}, 30_000);
afterAll(() => {
  child.kill();
});

const connects = (host: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

it('binds 127.0.0.1 by default and says so', async () => {
  expect(banner).toMatch(/^Aurous sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
  expect(await connects('127.0.0.1')).toBe(true);
  // Every other interface of this machine is refused.
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((info): info is os.NetworkInterfaceInfo => Boolean(info) && !info!.internal && info!.family === 'IPv4')
    .map((info) => info.address);
  for (const address of others) expect({ address, connects: await connects(address) }).toEqual({ address, connects: false });
});
