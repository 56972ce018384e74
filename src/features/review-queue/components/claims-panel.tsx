import { useQueryClient } from '@tanstack/react-query';
import type { Character } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import type { HeldClaim } from '../../../lib/aurous/claim-queries';
import { claimChanged } from '../../../lib/aurous/claim-queries';
import { useSession } from '../../../lib/session/session';
import { releaseClaimOf } from '../api/use-review-claims';
import { claimMessages } from '../claim-messages';

interface ClaimsPanelProps {
  claims: ReadonlyMap<string, HeldClaim>;
  rows: readonly Character[];
}

/** Who else is reviewing which character of this queue ("Ana is reviewing …"); an owner or admin may release a claim. */
export function ClaimsPanel({ claims, rows }: ClaimsPanelProps) {
  const queryClient = useQueryClient();
  const role = useSession((state) => state.person?.role);
  const admin = role === 'owner' || role === 'admin';
  const shown = rows.flatMap((row) => {
    const claim = claims.get(row.id);
    return claim ? [{ claim, name: row.name }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="claims-title" className="flex flex-col gap-1 text-sm">
      <h2 id="claims-title" className="font-medium text-fg-muted">
        {claimMessages.othersTitle}
      </h2>
      <p className="text-fg-muted">{claimMessages.skipped(shown.length)}</p>
      <ul className="flex flex-col gap-1">
        {shown.map(({ claim, name }) => (
          <li key={claim.character_id} className="flex flex-wrap items-center gap-x-3 text-fg">
            <span>{claimMessages.isReviewing(claim.holder.name, name)}</span>
            {admin && (
              <Button
                variant="ghost"
                size="sm"
                aria-label={claimMessages.releaseName(claim.holder.name, name)}
                onClick={() => void releaseClaimOf(claim.character_id).then(() => claimChanged(queryClient, claim.character_id, null))}
              >
                {claimMessages.release}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
