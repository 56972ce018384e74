/** The test-only control surface (no API key): reset, config and clock. */
import { Hono } from 'hono';
import { sandboxClockBody, sandboxConfigBody } from '../../contract/sandbox';
import { parseBody } from '../validate';
import type { Sandbox } from '../context';

export function controlRoutes(sandbox: Sandbox, reset: () => void): Hono {
  const routes = new Hono();

  routes.post('/reset', (c) => {
    reset();
    return c.json({ ok: true, config: sandbox.state.config, now: sandbox.clock.iso() }, 200);
  });

  routes.post('/config', async (c) => {
    const body = await parseBody(c, sandboxConfigBody);
    const config = sandbox.state.config;
    sandbox.state.config = {
      synth_delay_ms: body.synth_delay_ms ?? config.synth_delay_ms,
      fail_next_synth: body.fail_next_synth ?? config.fail_next_synth,
      synth_lands_in: body.synth_lands_in ?? config.synth_lands_in,
      latency_ms: body.latency_ms ?? config.latency_ms,
    };
    return c.json(sandbox.state.config, 200);
  });

  routes.post('/clock', async (c) => {
    const body = await parseBody(c, sandboxClockBody);
    sandbox.clock.advance(body.advance_ms);
    return c.json({ now: sandbox.clock.iso() }, 200);
  });

  return routes;
}
