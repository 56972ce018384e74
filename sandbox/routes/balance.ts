/** GET /v1/balance: credits, holds of in-flight syntheses, and what is left to spend. */
import { Hono } from 'hono';
import type { Balance } from '../../contract/aurous';
import type { Sandbox, SandboxEnv } from '../context';
import { availableCredits } from '../domain/state';
import { settleTeam } from '../domain/synthesis';

export function balanceRoutes(sandbox: Sandbox): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();
  routes.get('/', (c) => {
    const team = c.get('team');
    settleTeam(sandbox, team.id);
    const balance: Balance = {
      credits: team.credits,
      held_credits: team.held,
      available_credits: availableCredits(team),
      currency: 'credit',
      billing_mode: 'metered',
    };
    return c.json(balance, 200);
  });
  return routes;
}
