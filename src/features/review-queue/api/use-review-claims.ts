/**
 * Claims in the queue (contract/review.ts): the character on screen is claimed for this reviewer
 * (renewed every `CLAIM_HEARTBEAT_MS` while the page is visible, released when the queue moves on,
 * the page is hidden or left), and characters others hold are left out of this reviewer's queue.
 * The claims themselves are server state (claimQueries), updated live by the stream.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CLAIM_HEARTBEAT_MS, reviewClaimPath, type ClaimTaken, type ReviewClaim } from '../../../../contract/review';
import { claimChanged, claimQueries, CLAIMS_REFRESH_MS, type HeldClaim } from '../../../lib/aurous/claim-queries';
import { useLiveStream } from '../../../lib/aurous/live-status';
import { useSession } from '../../../lib/session/session';
import { useNow } from '../../../lib/use-now';
import { ClaimKeeper, type ClaimTransport } from './claim-keeper';

const FALLBACK_REFRESH_MS = 15_000;

/** Someone else's live claims, by character id. */
export function othersClaims(claims: readonly HeldClaim[] | undefined, me: string | null, now: number): Map<string, HeldClaim> {
  const held = new Map<string, HeldClaim>();
  for (const claim of claims ?? []) if (claim.holder.id !== me && claim.expires_local > now) held.set(claim.character_id, claim);
  return held;
}

/** The live claims the reviewer can see, and those held by others. */
export function useClaims() {
  const live = useLiveStream((state) => state.up);
  const me = useSession((state) => state.person?.id ?? null);
  const claims = useQuery({ ...claimQueries.list(), refetchInterval: live ? CLAIMS_REFRESH_MS : FALLBACK_REFRESH_MS });
  // Read again now and then, so a claim that runs out unrenewed stops hiding its character.
  const now = useNow(FALLBACK_REFRESH_MS);
  const byOthers = useMemo(() => othersClaims(claims.data, me, now), [claims.data, me, now]);
  return { byOthers, me };
}

/** Requests for the claim keeper: the answers it needs, the claims cache kept up to date with each. */
function claimTransport(): ClaimTransport {
  return {
    async take(characterId) {
      try {
        const response = await fetch(reviewClaimPath(characterId), {
          method: 'POST',
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (response.status === 200) return { kind: 'held', claim: (await response.json()) as ReviewClaim };
        if (response.status === 409) return { kind: 'taken', claim: ((await response.json()) as ClaimTaken).claim };
      } catch {
        // Offline for a moment: the next beat tries again (the lease outlives a few missed beats).
      }
      return { kind: 'unanswered' };
    },
    async release(characterId) {
      // keepalive: the request still goes when the page is being left.
      await fetch(reviewClaimPath(characterId), { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
    },
  };
}

/** Holds the claim on `characterId` while it is on screen and the page is visible. */
export function useClaimWhileOpen(characterId: string | undefined) {
  const queryClient = useQueryClient();
  const [keeper] = useState(
    () => new ClaimKeeper(claimTransport(), (id, answer) => answer.kind !== 'unanswered' && claimChanged(queryClient, id, answer.claim)),
  );
  const target = characterId ?? null;
  const wanted = useRef(target);
  useEffect(() => {
    wanted.current = target;
    // Next task, not now: a queue that is re-placing itself this very render claims only where it settles.
    const settle = window.setTimeout(() => void keeper.want(document.visibilityState === 'visible' ? target : null), 0);
    return () => window.clearTimeout(settle);
  }, [keeper, target]);
  useEffect(() => {
    const visibility = () => void keeper.want(document.visibilityState === 'visible' ? wanted.current : null);
    const leave = () => void keeper.want(null);
    const beat = window.setInterval(() => document.visibilityState === 'visible' && void keeper.renew(), CLAIM_HEARTBEAT_MS);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leave);
    // Back from the back/forward cache: claimed again.
    window.addEventListener('pageshow', visibility);
    return () => {
      window.removeEventListener('pageshow', visibility);
      window.clearInterval(beat);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [keeper]);
}

/** An owner or admin lets go of someone's claim (a reviewer who left it behind). */
export async function releaseClaimOf(characterId: string): Promise<void> {
  await fetch(reviewClaimPath(characterId), { method: 'DELETE', credentials: 'same-origin' });
}
