/**
 * Synthesis (create, regenerate, resynthesize) on the sandbox clock, settled LAZILY: starting
 * one holds the credits and stores `settlesAt`; whoever next reads or acts on the character
 * calls `settle`, which lands it in reviewing/ready (committing the hold) or failed (releasing
 * it). No timers, so advancing `/_sandbox/clock` is all a test needs.
 */
import { CANONICAL_POSES, type Pose } from '../../contract/aurous';
import type { Sandbox } from '../context';
import { insufficientCredits } from '../http/errors';
import { newId } from './ids';
import { availableCredits, type CharacterRecord, type PendingSynthesis, type RefRecord, type Team } from './state';

export const FAILURE_MESSAGE = 'Synthesis failed: the model could not produce consistent references. No credits were charged.';

/**
 * Throws 402 unless the team can cover `cost`. Settles the team first, so a synthesis that has
 * already ended (failed or not) no longer holds credits even if nobody has read it yet.
 */
export function assertCredits(sandbox: Sandbox, team: Team, cost: number): void {
  settleTeam(sandbox, team.id);
  if (availableCredits(team) < cost) throw insufficientCredits(cost, availableCredits(team));
}

/**
 * Where a synthesis lands. A create follows `synth_lands_in`. A regenerate or resynthesize
 * returns the character to the state it was in: save's page says "after save, the character
 * cannot be returned to reviewing", and regenerate-ref / resynthesize say to poll "until status
 * returns to reviewing (then call save) or ready". From `failed` (nothing to return to) it lands
 * where a create would.
 */
export function landingStatus(
  character: CharacterRecord,
  kind: PendingSynthesis['kind'],
  configured: PendingSynthesis['landsIn'],
): PendingSynthesis['landsIn'] {
  if (kind === 'create') return configured;
  if (character.status === 'ready' || character.status === 'reviewing') return character.status;
  return configured;
}

/** Holds `cost` (402 if the team cannot cover it) and starts the synthesis. */
export function startSynthesis(
  sandbox: Sandbox,
  team: Team,
  character: CharacterRecord,
  kind: PendingSynthesis['kind'],
  cost: number,
  pose: Pose | null = null,
): void {
  assertCredits(sandbox, team, cost);
  const { config } = sandbox.state;
  const now = sandbox.clock.now();
  const landsIn = landingStatus(character, kind, config.synth_lands_in);
  team.held += cost;
  character.pending = {
    kind,
    pose,
    cost,
    settlesAt: now + config.synth_delay_ms,
    fails: config.fail_next_synth,
    landsIn,
  };
  config.fail_next_synth = false;
  character.status = 'synthesizing';
  character.errorMessage = null;
  character.updatedAt = now;
}

function synthRef(sandbox: Sandbox, character: CharacterRecord, pose: Pose): RefRecord {
  const ref: RefRecord = {
    id: newId('ref'),
    characterId: character.id,
    pose,
    kind: 'synth',
    attributes: character.attributes ?? {},
    variant: character.generation,
  };
  sandbox.state.refs.set(ref.id, ref);
  return ref;
}

/** Releases the hold of a pending synthesis without charging (delete while synthesizing). */
export function releaseHold(sandbox: Sandbox, character: CharacterRecord): void {
  const team = sandbox.state.teams.get(character.teamId);
  if (team && character.pending) team.held -= character.pending.cost;
  character.pending = null;
}

export function settle(sandbox: Sandbox, character: CharacterRecord): void {
  const pending = character.pending;
  if (!pending || character.status !== 'synthesizing' || sandbox.clock.now() < pending.settlesAt) return;
  const team = sandbox.state.teams.get(character.teamId);
  releaseHold(sandbox, character);
  character.updatedAt = pending.settlesAt;
  if (pending.fails) {
    character.status = 'failed';
    character.errorMessage = FAILURE_MESSAGE;
    sandbox.webhooks.character(character, 'character.failed');
    return;
  }
  if (team) {
    team.credits -= pending.cost;
    team.committedCharges += 1;
  }
  character.generation += 1;
  if (pending.kind === 'regenerate' && pending.pose) {
    const fresh = synthRef(sandbox, character, pending.pose);
    const index = character.refs.findIndex((ref) => ref.pose === pending.pose);
    if (index >= 0) character.refs[index] = fresh;
    else character.refs.push(fresh);
  } else {
    character.refs = CANONICAL_POSES.map((pose) => synthRef(sandbox, character, pose));
  }
  character.status = pending.landsIn;
  // The changelog: "character.completed (reached ready …)". Here every finished synthesis,
  // create, regenerate or resynthesize, announces itself, whether it lands in reviewing or ready.
  sandbox.webhooks.character(character, 'character.completed');
}

/** Settles every character of a team (before listing or reading the balance). */
export function settleTeam(sandbox: Sandbox, teamId: string): void {
  for (const character of sandbox.state.characters.values()) {
    if (character.teamId === teamId) settle(sandbox, character);
  }
}
