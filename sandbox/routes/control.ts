/** The test-only control surface (no API key): reset, config, clock, credits, bucket refills and stats; and the poses page. */
import { Hono } from 'hono';
import { sandboxClockBody, sandboxConfigBody, sandboxCreditsBody, sandboxRefillBody, type SandboxConfig } from '../../contract/sandbox';
import { parseBody } from '../http/validate';
import type { Sandbox } from '../context';
import { sandboxStats } from '../domain/stats';
import { posesPage } from './poses-page';

export function controlRoutes(sandbox: Sandbox, reset: () => void): Hono {
  const routes = new Hono();

  routes.post('/reset', (c) => {
    reset();
    return c.json({ ok: true, config: sandbox.state.config, now: sandbox.clock.iso() }, 200);
  });

  // Omitted fields keep their value; sending fault_seed (even the same one) reseeds the RNG.
  routes.post('/config', async (c) => {
    const body = await parseBody(c, sandboxConfigBody);
    const sent = Object.entries(body).filter(([, value]) => value !== undefined);
    sandbox.state.config = { ...sandbox.state.config, ...(Object.fromEntries(sent) as Partial<SandboxConfig>) };
    if (body.fault_seed !== undefined) sandbox.faults.rng.seed(body.fault_seed);
    return c.json(sandbox.state.config, 200);
  });

  routes.post('/clock', async (c) => {
    const body = await parseBody(c, sandboxClockBody);
    sandbox.clock.advance(body.advance_ms);
    return c.json({ now: sandbox.clock.iso() }, 200);
  });

  routes.post('/credits', async (c) => {
    const body = await parseBody(c, sandboxCreditsBody);
    const team = sandbox.state.teams.get(`team_${body.team}`);
    if (!team) throw new Error(`no seeded team ${body.team}`);
    team.credits = body.credits;
    return c.json(sandboxStats(sandbox).teams[body.team], 200);
  });

  routes.post('/refill', async (c) => {
    const body = await parseBody(c, sandboxRefillBody);
    sandbox.limiter.refill(`team_${body.team}`, body.bucket);
    return c.json({ ok: true }, 200);
  });

  routes.get('/stats', (c) => c.json(sandboxStats(sandbox), 200));

  // How the classifier decides, for people (the console's sandbox banner links here).
  routes.get('/poses', (c) => c.html(posesPage(), 200));

  return routes;
}
