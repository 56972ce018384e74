/** `GET /_sandbox/stats`: per-team outcomes and injected-fault counts, for tests to assert on. */
import type { SandboxStats, SandboxTeamStats } from '../../contract/sandbox';
import type { Sandbox } from '../context';
import { availableCredits } from './state';
import { settleTeam } from './synthesis';

function teamStats(sandbox: Sandbox, teamId: string): SandboxTeamStats {
  const team = sandbox.state.teams.get(teamId);
  if (!team) throw new Error(`No seeded team ${teamId}`);
  settleTeam(sandbox, teamId);
  const uploads = [...sandbox.state.uploads.values()].filter((upload) => upload.teamId === teamId);
  const characters = [...sandbox.state.characters.values()].filter((ch) => ch.teamId === teamId);
  const held = characters.filter((ch) => ch.status === 'synthesizing' && ch.pending !== null).length;
  return {
    uploads_created: uploads.length,
    uploads_consumed: uploads.filter((upload) => upload.consumed).length,
    characters: characters.length,
    credits: team.credits,
    held_credits: team.held,
    available_credits: availableCredits(team),
    charges: team.committedCharges + held,
  };
}

export function sandboxStats(sandbox: Sandbox): SandboxStats {
  return {
    teams: { a: teamStats(sandbox, 'team_a'), b: teamStats(sandbox, 'team_b') },
    faults: { ...sandbox.faults.injected },
  };
}
