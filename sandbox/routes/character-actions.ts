/** POST /v1/characters/{id}/save, …/refs/regenerate and …/resynthesize. */
import { Hono } from 'hono';
import { COST, regenerateRefBody, resynthesizeBody, type CharacterStatus } from '../../contract/aurous';
import { ownCharacter } from '../domain/character-lookup';
import type { Sandbox, SandboxEnv } from '../context';
import { ApiError, invalid } from '../http/errors';
import { presentCharacter } from '../http/present';
import type { CharacterRecord } from '../domain/state';
import { startSynthesis } from '../domain/synthesis';
import { parseBody } from '../http/validate';

const RESYNTHESIZABLE: readonly CharacterStatus[] = ['reviewing', 'ready', 'failed'];

function assertCanSynthesize(character: CharacterRecord, action: string): void {
  if (!RESYNTHESIZABLE.includes(character.status)) {
    throw invalid(
      'invalid_request_error',
      `Cannot ${action} a character in status ${character.status}; wait until it is reviewing, ready or failed.`,
    );
  }
  if (!character.attributes) {
    throw invalid(
      'invalid_request_error',
      `Cannot ${action} a character without attributes; set them with PATCH /v1/characters/{id} first.`,
      'attributes',
    );
  }
}

export function characterActionRoutes(sandbox: Sandbox): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();
  const origin = (url: string) => new URL(url).origin;

  routes.post('/:id/save', (c) => {
    const character = ownCharacter(sandbox, c.get('team').id, c.req.param('id'));
    if (character.status === 'reviewing') {
      character.status = 'ready';
      character.updatedAt = sandbox.clock.now();
    } else if (character.status !== 'ready') {
      throw invalid(
        'invalid_request_error',
        `Cannot save a character in status ${character.status}; only reviewing characters can be saved.`,
      );
    }
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 200);
  });

  routes.post('/:id/refs/regenerate', async (c) => {
    const team = c.get('team');
    const character = ownCharacter(sandbox, team.id, c.req.param('id'));
    const body = await parseBody(c, regenerateRefBody).catch((error: unknown) => {
      // The reference pages answer a bad pose with the generic invalid_request_error code.
      if (error instanceof ApiError && error.param === 'pose') {
        throw invalid('invalid_request_error', 'pose must be one of portrait, front, side, back, other.', 'pose');
      }
      throw error;
    });
    assertCanSynthesize(character, 'regenerate a ref of');
    startSynthesis(sandbox, team, character, 'regenerate', COST.regenerate, body.pose);
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 200);
  });

  routes.post('/:id/resynthesize', async (c) => {
    const team = c.get('team');
    const character = ownCharacter(sandbox, team.id, c.req.param('id'));
    await parseBody(c, resynthesizeBody);
    assertCanSynthesize(character, 'resynthesize');
    startSynthesis(sandbox, team, character, 'resynthesize', COST.resynthesize);
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 200);
  });

  return routes;
}
