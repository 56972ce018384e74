/** The sandbox and console server child processes: start, wait until up, stop, and read their memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './async';
import { CONSOLE, CONSOLE_PORT, KEY, OUT_DIR, ROOT, SANDBOX, SANDBOX_PORT } from './config';

const children: ChildProcess[] = [];
function start(script: string, env: Record<string, string>, name: string): ChildProcess {
  // `node --import tsx` (not the tsx CLI) so the pid is the server itself, for /proc/<pid>/status.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  child.stdout?.resume();
  children.push(child);
  return child;
}
export function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

export async function startSandbox(): Promise<void> {
  start('sandbox/main.ts', { SANDBOX_PORT: String(SANDBOX_PORT) }, 'sandbox');
  await waitFor(`${SANDBOX}/_sandbox/stats`);
}

export async function startConsole(): Promise<ChildProcess> {
  const server = start(
    'server/main.ts',
    // The sandbox's storage is on loopback: the relay only PUTs there when it is listed.
    {
      PORT: String(CONSOLE_PORT),
      HOST: '127.0.0.1',
      AUROUS_API_BASE: SANDBOX,
      AUROUS_API_KEY: KEY,
      AUROUS_UPLOAD_ORIGINS: SANDBOX,
      CONSOLE_STATIC_ROOT: OUT_DIR,
      CONSOLE_DATA_DIR: path.join(os.tmpdir(), `aurous-bench-${process.pid}`),
    },
    'console',
  );
  await waitFor(`${CONSOLE}/api/health`);
  // Warm the proxy path once, so idle RSS includes the loaded code.
  await fetch(`${CONSOLE}/api/v1/balance`).then((response) => response.arrayBuffer());
  return server;
}
export async function stopConsole(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

export async function waitFor(url: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await sleep(100);
  }
}

export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}
