/**
 * Who is reviewing which character (contract/review.ts), as server state: one query for the live
 * claims the caller reaches, kept up to date by the live stream's `claim.changed` (live-cache.ts)
 * and read again now and then (a claim nobody renews runs out without an event). Each claim
 * carries `expires_local`: when it runs out by this tab's clock.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { REVIEW_CLAIMS_PATH, type ReviewClaim, type ReviewClaimList } from '../../../contract/review';
import { AurousApiError } from './api-error';

export type HeldClaim = ReviewClaim & { expires_local: number };

/** How often the claims are read again while the live stream is up (down: the queue's own fallback rate). */
export const CLAIMS_REFRESH_MS = 60_000;

export const held = (claim: ReviewClaim, now = Date.now()): HeldClaim => ({ ...claim, expires_local: now + claim.expires_in_ms });

export const claimQueries = {
  all: () => ['review-claims'] as const,
  list: () =>
    queryOptions({
      queryKey: claimQueries.all(),
      queryFn: async ({ signal }): Promise<HeldClaim[]> => {
        const response = await fetch(REVIEW_CLAIMS_PATH, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
        if (!response.ok) throw await AurousApiError.fromResponse(response);
        const now = Date.now();
        return ((await response.json()) as ReviewClaimList).data.map((claim) => held(claim, now));
      },
    }),
};

/** One character's claim changed (`null`: released): the cached list follows. */
export function claimChanged(queryClient: QueryClient, characterId: string, claim: ReviewClaim | null): void {
  queryClient.setQueryData<HeldClaim[]>(claimQueries.all(), (claims) => {
    const others = (claims ?? []).filter((each) => each.character_id !== characterId);
    return claim ? [...others, held(claim)] : others;
  });
}
