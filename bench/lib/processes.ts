/** The sandbox and console server child processes: start, wait until up, stop, and read their memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './async';
import { CONSOLE, CONSOLE_PORT, KEY, LINK_PORT, OUT_DIR, ROOT, SANDBOX, SANDBOX_PORT } from './config';

const children: ChildProcess[] = [];
/**
 * BENCH_CONSOLE_NODE_ARGS: extra node flags for the console server only, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` (node refuses --cpu-prof in NODE_OPTIONS).
 */
export const consoleNodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
function start(script: string, env: Record<string, string>, name: string, nodeArgs: string[] = []): ChildProcess {
  // `node --import tsx` (not the tsx CLI) so the pid is the server itself, for /proc/<pid>/status.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
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

let consolePid: number | undefined;

/**
 * CPU time (user + system) the console server process has used so far, in ms, from
 * /proc/<pid>/stat (clock ticks: 10 ms resolution, so measure over many requests).
 */
export function consoleCpuMs(): number {
  if (consolePid === undefined) return NaN;
  const stat = readFileSync(`/proc/${consolePid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces): utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}
/** USER_HZ: 100 on every Linux the bench runs on. */
const CLOCK_TICKS = 100;

/** The bench's one person (the team's owner), added to the console's database before it starts. */
export const BENCH_PERSON = { email: 'owner@bench.test', password: 'bench-password-18' };
let cookie = '';
/** The owner's session cookie on the bench console (every /api call needs a session since the team features). */
export const consoleCookie = () => cookie;

/**
 * BENCH_DATABASE_URL: the standard benchmarks' console keeps its people, sessions and budget in
 * this PostgreSQL (the production set-up) instead of PGlite in its data folder (the embedded default).
 */
const benchDatabaseUrl = process.env.BENCH_DATABASE_URL?.trim() ?? '';
export const consoleDatabaseKind = () => (benchDatabaseUrl ? 'PostgreSQL' : 'PGlite');

async function addBenchOwner(dataDir: string) {
  const { openDatabase } = await import('../../server/db/database');
  const { addPerson, findPerson } = await import('../../server/people/people');
  const database = await openDatabase(benchDatabaseUrl ? { databaseUrl: benchDatabaseUrl } : { dataDir: path.join(dataDir, 'pglite') });
  try {
    if (!(await findPerson(database.db, BENCH_PERSON.email)))
      await addPerson(database.db, { ...BENCH_PERSON, role: 'owner', name: 'Bench owner' }, { label: 'bench' });
  } finally {
    await database.close();
  }
}

async function signIn(): Promise<string> {
  const response = await fetch(`${CONSOLE}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: CONSOLE },
    body: JSON.stringify({ email: BENCH_PERSON.email, password: BENCH_PERSON.password }),
  });
  if (!response.ok) throw new Error(`bench sign-in: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

export async function startConsole(): Promise<ChildProcess> {
  const dataDir = path.join(os.tmpdir(), `aurous-bench-${process.pid}`);
  await addBenchOwner(dataDir);
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
      CONSOLE_DATA_DIR: dataDir,
      DATABASE_URL: benchDatabaseUrl,
      // Every bench page signs in (a fresh context each run), all from 127.0.0.1.
      CONSOLE_SIGN_IN_LIMIT: '1000',
      // The benchmarks measure below the API's limits, where the budget takes a token per call and
      // never queues one: the sandbox's buckets are refilled between rounds (`reset`), which the
      // console's mirror cannot know, so its tiers are set as large. `characters_post` too: every
      // upload's init and classify draw from it, 18 a round of the upload benchmark against 60.
      CONSOLE_RATE_LIMITS: '{"get":{"capacity":1000000,"perMinute":1000000},"characters_post":{"capacity":1000000,"perMinute":1000000}}',
      CONSOLE_BUDGET_LEASE: process.env.CONSOLE_BUDGET_LEASE ?? '',
      // The emulated link's proxy (benchmark 10) is another name for the same console.
      CONSOLE_PUBLIC_URL: `${CONSOLE},http://127.0.0.1:${LINK_PORT}`,
    },
    'console',
    consoleNodeArgs,
  );
  consolePid = server.pid;
  await waitFor(`${CONSOLE}/api/health`);
  cookie = await signIn();
  // Warm the proxy path once, so idle RSS includes the loaded code.
  const warm = await fetch(`${CONSOLE}/api/v1/balance`, { headers: { Cookie: cookie } });
  if (!warm.ok) throw new Error(`bench console: GET /api/v1/balance answered ${warm.status} ${await warm.text()}`);
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
