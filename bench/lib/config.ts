/** Paths, ports and constants shared by the bench runner and the benchmarks. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the console is built for the bench; `BENCH_OUT_DIR` serves another build (an A/B of two commits with BENCH_SKIP_BUILD=1). */
export const OUT_DIR = process.env.BENCH_OUT_DIR ? path.resolve(process.env.BENCH_OUT_DIR) : path.join(ROOT, 'bench/.dist');
export const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 5411);
export const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 5412);
export const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
export const CONSOLE = `http://127.0.0.1:${CONSOLE_PORT}`;
/** The emulated link's proxy in front of the console (benchmark 10). */
export const LINK_PORT = Number(process.env.BENCH_LINK_PORT ?? CONSOLE_PORT + 2);
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);
export const KEY = SANDBOX_TEAM_A_KEY;
export const MB = 1024 * 1024;
