/**
 * Claims in the queue (contract/review.ts): the character on screen is claimed for this reviewer
 * (renewed every `CLAIM_HEARTBEAT_MS` while the page is visible, released when the queue moves on,
 * the page is hidden or left), and characters others hold are left out of this reviewer's queue.
 * The claims themselves are server state (claimQueries), updated live by the stream.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { CLAIM_HEARTBEAT_MS, reviewClaimPath, type ClaimTaken, type ReviewClaim } from '../../../../contract/review';
import { claimChanged, claimQueries, CLAIMS_REFRESH_MS, type HeldClaim } from '../../../lib/aurous/claim-queries';
import { useLiveStream } from '../../../lib/aurous/live-status';
import { useSession } from '../../../lib/session/session';
import { useNow } from '../../../lib/use-now';

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

/** Holds the claim on `characterId` while it is on screen and the page is visible. */
export function useClaimWhileOpen(characterId: string | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!characterId) return;
    const path = reviewClaimPath(characterId);
    let held = false;
    const take = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const response = await fetch(path, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (response.status === 200) {
          held = true;
          claimChanged(queryClient, characterId, (await response.json()) as ReviewClaim);
        } else if (response.status === 409) {
          // Someone else opened it first: the queue leaves it out and moves on.
          held = false;
          claimChanged(queryClient, characterId, ((await response.json()) as ClaimTaken).claim);
        }
      } catch {
        // Offline for a moment: the next beat tries again (the lease outlives a few missed beats).
      }
    };
    const release = () => {
      if (!held) return;
      held = false;
      // keepalive: the request still goes when the page is being left.
      void fetch(path, { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
    };
    const visibility = () => (document.visibilityState === 'visible' ? void take() : release());
    // Next task, not now: a queue that is re-placing itself this very render claims only where it settles.
    const first = window.setTimeout(() => void take(), 0);
    const beat = window.setInterval(() => void take(), CLAIM_HEARTBEAT_MS);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', release);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(beat);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', release);
      release();
    };
  }, [characterId, queryClient]);
}

/** An owner or admin lets go of someone's claim (a reviewer who left it behind). */
export async function releaseClaimOf(characterId: string): Promise<void> {
  await fetch(reviewClaimPath(characterId), { method: 'DELETE', credentials: 'same-origin' });
}
