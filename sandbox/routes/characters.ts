/** POST/GET /v1/characters, GET/PATCH/DELETE /v1/characters/{id}. */
import { Hono } from 'hono';
import {
  COST,
  createCharacterBody,
  listCharactersQuery,
  updateCharacterBody,
  type CharacterList,
  type DeletedCharacter,
} from '../../contract/aurous';
import { hardDelete, ownCharacter } from '../domain/character-lookup';
import type { Sandbox, SandboxEnv } from '../context';
import { invalid } from '../http/errors';
import { newId } from '../domain/ids';
import { presentCharacter } from '../http/present';
import type { CharacterRecord, RefRecord } from '../domain/state';
import { releaseHold, settleTeam, startSynthesis } from '../domain/synthesis';
import { usableUpload } from '../domain/upload-lookup';
import { parseBody, parseWith, readJson } from '../http/validate';

const CHARACTER_ID = /^char_[0-9A-HJKMNP-TV-Z]{26}$/;

const newestFirst = (a: CharacterRecord, b: CharacterRecord) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function characterRoutes(sandbox: Sandbox): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();
  const origin = (url: string) => new URL(url).origin;

  routes.post('/', async (c) => {
    const raw = await readJson(c);
    // Both/neither before zod, so `generate: true, upload_ids: []` is a combination error.
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const synthesize = (raw as { generate?: unknown }).generate === true;
      if (synthesize === 'upload_ids' in raw) {
        throw invalid(
          'parameter_invalid_combination',
          'Send either upload_ids (upload flow) or generate: true with attributes (synthesize flow), not both and not neither.',
          synthesize ? 'generate' : 'upload_ids',
        );
      }
    }
    const body = parseWith(createCharacterBody, raw);
    const team = c.get('team');
    const synthesize = body.generate === true;
    const now = sandbox.clock.now();
    const character: CharacterRecord = {
      id: newId('char'),
      teamId: team.id,
      name: body.name,
      status: 'ready',
      refs: [],
      createdAt: now,
      updatedAt: now,
      attributes: body.attributes ?? null,
      errorMessage: null,
      aurousVersion: c.get('version'),
      clientReferenceId: body.client_reference_id ?? null,
      generation: 0,
      pending: null,
    };
    if (synthesize) {
      if (!body.attributes) throw invalid('missing_field', 'The synthesize flow needs attributes.', 'attributes');
      startSynthesis(sandbox, team, character, 'create', COST.synthesize);
    } else {
      const ids = body.upload_ids ?? [];
      const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
      if (duplicate) throw invalid('upload_invalid', `Upload ${duplicate} is listed more than once.`, 'upload_ids');
      const uploads = ids.map((id) => usableUpload(sandbox, team.id, id, 'upload_ids'));
      character.refs = uploads.map((upload): RefRecord => {
        upload.consumed = true;
        const ref: RefRecord = {
          id: newId('ref'),
          characterId: character.id,
          pose: upload.classification?.pose ?? 'other',
          kind: 'upload',
          contentType: upload.contentType,
          bytes: upload.bytes ?? new Uint8Array(),
        };
        sandbox.state.refs.set(ref.id, ref);
        return ref;
      });
    }
    sandbox.state.characters.set(character.id, character);
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 201);
  });

  routes.get('/', (c) => {
    const query = parseWith(listCharactersQuery, c.req.query());
    const teamId = c.get('team').id;
    settleTeam(sandbox, teamId);
    const own = [...sandbox.state.characters.values()].filter((ch) => ch.teamId === teamId);
    let rows = own.filter((ch) => ch.status !== 'deleted' && (!query.status || ch.status === query.status));
    rows.sort(newestFirst);
    const after = query.starting_after;
    if (after) {
      if (!CHARACTER_ID.test(after)) throw invalid('invalid_format', 'starting_after is not a character id.', 'starting_after');
      const cursor = own.find((ch) => ch.id === after);
      // A cursor row hard-deleted between pages (or unknown): ids are ULIDs, so creation order
      // is id order and the page continues after the cursor's position by id.
      rows = rows.filter((ch) => (cursor ? newestFirst(cursor, ch) < 0 : ch.id < after));
    }
    const page = rows.slice(0, query.limit);
    const hasMore = rows.length > page.length;
    const list: CharacterList = {
      object: 'list',
      data: page.map((ch) => presentCharacter(sandbox, origin(c.req.url), ch)),
      has_more: hasMore,
      next_cursor: hasMore ? (page.at(-1)?.id ?? null) : null,
    };
    return c.json(list, 200);
  });

  routes.get('/:id', (c) => {
    const character = ownCharacter(sandbox, c.get('team').id, c.req.param('id'));
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 200);
  });

  routes.patch('/:id', async (c) => {
    const character = ownCharacter(sandbox, c.get('team').id, c.req.param('id'));
    const body = await parseBody(c, updateCharacterBody);
    if (body.name !== undefined) character.name = body.name;
    if (body.attributes !== undefined) character.attributes = body.attributes;
    character.updatedAt = sandbox.clock.now();
    return c.json(presentCharacter(sandbox, origin(c.req.url), character), 200);
  });

  routes.delete('/:id', (c) => {
    // Deleting an already soft-deleted character answers the same 200 again (idempotent).
    const character = ownCharacter(sandbox, c.get('team').id, c.req.param('id'), true);
    const hard = character.status === 'reviewing';
    if (hard) {
      hardDelete(sandbox, character);
    } else if (character.status !== 'deleted') {
      const inFlight = character.status === 'synthesizing';
      if (inFlight) releaseHold(sandbox, character);
      character.status = 'deleted';
      character.updatedAt = sandbox.clock.now();
      if (inFlight) sandbox.webhooks.character(character, 'character.cancelled');
    }
    const deleted: DeletedCharacter = { id: character.id, object: 'character', deleted: true, hard_deleted: hard };
    return c.json(deleted, 200);
  });

  return routes;
}
