/** The shared Chromium instance and fresh pages on the console. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { CONSOLE } from './config';
import { BENCH_PERSON } from './processes';

let browser: Browser;

export async function launchBrowser(): Promise<void> {
  browser = await chromium.launch(chromiumLaunchOptions);
}

/**
 * A Chromium of its own that runs only on CPU the servers leave (every process and thread in
 * SCHED_IDLE, and at nice 10 where `chrt` is missing), for the team bench. That bench puts 50
 * pages' renderers on the servers' own cores; at equal priority (and Chromium raises its GPU
 * process to nice -8 as root) they held the console, the sandbox and PostgreSQL off the CPU
 * whenever the characters flipped together: the copies used 0.1 s of CPU a second, yet their
 * event loops lagged 0.2-0.5 s on average and the webhook receiver started on a delivery 2-7 s
 * after the sandbox sent it. At nice 10 forty runnable renderers still outweighed each server's
 * one thread. People's browsers run on their own machines; here the servers get the CPU first,
 * as there. Chromium sets its children's priorities itself, so its tree is visited every second.
 * `BENCH_BROWSER_NICE=0` leaves it alone.
 *
 * SCHED_IDLE was not enough either: when forty pages re-rendered together at the flip, the copies'
 * main threads sat runnable on the run queue for 90 % of each second (/proc/<pid>/schedstat: 458 ms
 * waiting, 40 ms running in 411 ms) while Chromium's idle-class threads ran, and the webhook
 * receiver started on deliveries 3-4 s late (with a profiler thread waking each copy every
 * millisecond, the same run was clean). So on a machine of two or more cores Chromium is also kept
 * off the first cores: `BENCH_BROWSER_CPUS` (a taskset list, default the last core; `all` for none).
 */
export async function launchNicedBrowser(): Promise<{ browser: Browser; mode: string; stop: () => void }> {
  const nice = Number(process.env.BENCH_BROWSER_NICE ?? 10);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error('BENCH_BROWSER_NICE must be a whole number from 0 to 19.');
  const marker = `--aurous-bench-niced=${process.pid}`;
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, marker] });
  if (nice === 0) return { browser, mode: 'at the servers’ priority (BENCH_BROWSER_NICE=0)', stop: () => undefined };
  const cpus = browserCpus();
  const idled = new Set<number>();
  // Whether taskset took (a cpuset may not hold the core named): the mode says only what happened.
  let pinned = false;
  const renice = () => {
    if (!existsSync('/proc')) return;
    const parents = new Map<number, number>();
    let root: number | null = null;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        if (root === null && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) root = Number(entry);
      } catch {
        // Gone meanwhile.
      }
    }
    if (root === null) return;
    const inTree = (pid: number): boolean => {
      for (let at: number | undefined = pid, hops = 0; at && hops < 16; at = parents.get(at), hops++) if (at === root) return true;
      return false;
    };
    for (const pid of parents.keys()) {
      if (!inTree(pid) || idled.has(pid)) continue;
      try {
        for (const tid of readdirSync(`/proc/${pid}/task`)) if (os.getPriority(Number(tid)) !== nice) os.setPriority(Number(tid), nice);
      } catch {
        // Gone meanwhile.
      }
      // Off the servers' first cores (threads and children started later inherit the affinity).
      if (cpus && spawnSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' }).status === 0)
        pinned = true;
      // SCHED_IDLE on every thread (threads and children started later inherit it; Chromium's own
      // priority changes move only the nice value): at nice 10, forty runnable renderers still
      // outweighed each server's one thread.
      if (spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(pid)], { stdio: 'ignore' }).status === 0) idled.add(pid);
    }
  };
  renice();
  const timer = setInterval(renice, 1000);
  const where = cpus && pinned ? ` on CPU ${cpus} of ${os.cpus().length}` : '';
  const mode = idled.size > 0 ? `in SCHED_IDLE${where}: the servers get the CPU first` : `at nice ${nice}${where} (no chrt for SCHED_IDLE)`;
  return { browser, mode, stop: () => clearInterval(timer) };
}

/** The cores the niced Chromium may use (a taskset list), or null for all of them. */
function browserCpus(): string | null {
  const named = process.env.BENCH_BROWSER_CPUS?.trim();
  if (named === 'all') return null;
  if (named) {
    if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(named)) throw new Error('BENCH_BROWSER_CPUS must be a CPU list such as "1" or "2-3", or "all".');
    return named;
  }
  const count = os.cpus().length;
  return count >= 2 && spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0 ? String(count - 1) : null;
}

/** The shared Chromium, for benchmarks that make their own contexts (on other origins). */
export function sharedBrowser(): Browser {
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser.close();
}

/** A page in a fresh context on the console (or on `base`: the console behind the emulated link). */
export async function newPage(base = CONSOLE): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in the evaluated code with __name().
  await context.addInitScript('window.__name = (fn) => fn;');
  // Signed in as the bench's owner (the console asks everyone to sign in since the team features),
  // as a script does (no Origin): the emulated link's origin is not the console's first name.
  const response = await context.request.post('/api/auth/sign-in/email', {
    data: { email: BENCH_PERSON.email, password: BENCH_PERSON.password },
  });
  if (!response.ok()) throw new Error(`bench sign-in on ${base}: ${response.status()} ${await response.text()}`);
  return context.newPage();
}
