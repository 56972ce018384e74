/** `GET /_sandbox/stats`: per-team outcomes, per-team traffic and injected-fault counts, for tests to assert on. */
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../contract/constants';
import type { SandboxStats, SandboxTeamStats, SandboxTeamTraffic } from '../../contract/sandbox';
import type { Sandbox } from '../context';
import { availableCredits } from './state';
import { settleTeam } from './synthesis';

/** Counts of what the API saw, per team id (`team_a`, …), until the next reset. */
export interface TrafficCounter {
  /** One authenticated /v1 request drawing from `bucket`, on the route kind `route`. */
  request(teamId: string, bucket: RateLimitBucket, route: string): void;
  /** One 429 answered for a request drawing from `bucket`. */
  rateLimited(teamId: string, bucket: RateLimitBucket): void;
  of(teamId: string): SandboxTeamTraffic;
  reset(): void;
}

const perBucket = () => Object.fromEntries(Object.keys(RATE_LIMIT_BUCKETS).map((name) => [name, 0])) as Record<RateLimitBucket, number>;
const emptyTraffic = (): SandboxTeamTraffic => ({ requests: perBucket(), routes: {}, rate_limited: perBucket() });

export function createTrafficCounter(): TrafficCounter {
  let teams = new Map<string, SandboxTeamTraffic>();
  const team = (teamId: string) => {
    let traffic = teams.get(teamId);
    if (!traffic) teams.set(teamId, (traffic = emptyTraffic()));
    return traffic;
  };
  return {
    request(teamId, bucket, route) {
      const traffic = team(teamId);
      traffic.requests[bucket] += 1;
      traffic.routes[route] = (traffic.routes[route] ?? 0) + 1;
    },
    rateLimited(teamId, bucket) {
      team(teamId).rate_limited[bucket] += 1;
    },
    of(teamId) {
      const traffic = teams.get(teamId) ?? emptyTraffic();
      return { requests: { ...traffic.requests }, routes: { ...traffic.routes }, rate_limited: { ...traffic.rate_limited } };
    },
    reset() {
      teams = new Map();
    },
  };
}

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
    traffic: { a: sandbox.traffic.of('team_a'), b: sandbox.traffic.of('team_b') },
  };
}
