import { useQuery } from '@tanstack/react-query';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { balanceQueries } from '../../../lib/aurous/balance-queries';
import { retryingMessage } from '../../../lib/aurous/retry-policy';

interface AnyMutation {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  failureReason: unknown;
}

/** "Retrying in N s" while a retry waits; a people-readable error once it has given up. */
export function ActionFeedback({ label, mutation }: { label: string; mutation: AnyMutation }) {
  const outOfCredits = mutation.error instanceof AurousApiError && mutation.error.code === 'insufficient_credits';
  const balance = useQuery({ ...balanceQueries.detail(), enabled: outOfCredits });
  if (mutation.isPending) {
    const retrying = retryingMessage(mutation.failureReason);
    return retrying ? (
      <p role="status" className="text-sm text-amber-900">
        {label}: {retrying}
      </p>
    ) : null;
  }
  if (!mutation.isError) return null;
  return (
    <p role="alert" className="text-sm text-red-800">
      {label} failed: {describeError(mutation.error)}
      {outOfCredits && balance.data ? ` Available: ${balance.data.available_credits} credits.` : ''}
    </p>
  );
}
