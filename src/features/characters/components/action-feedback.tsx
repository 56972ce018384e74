import { useQuery } from '@tanstack/react-query';
import { Button } from '../../../components/ui/button';
import { Notice, toneText } from '../../../components/ui/notice';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { balanceQueries } from '../../../lib/aurous/balance-queries';
import { retryingMessage } from '../../../lib/aurous/retry-policy';
import { WaitingForApi } from '../../../components/waiting-for-api';
import { messages } from '../messages';

interface AnyMutation {
  isPending: boolean;
  isError: boolean;
  isSuccess?: boolean;
  error: unknown;
  failureReason: unknown;
}

interface ActionFeedbackProps {
  label: string;
  mutation: AnyMutation;
  /** Offered as "Try again" once the action has given up (leave out where a retry needs a new confirmation). */
  onRetry?: () => void;
  /** Said once the action succeeded, if anything. */
  success?: string | null;
}

/** "Retrying in N s" (or "Waiting for the API (N s)", counting down) while a retry waits; a people-readable error once it has given up; a success line. */
export function ActionFeedback({ label, mutation, onRetry, success }: ActionFeedbackProps) {
  const outOfCredits = mutation.error instanceof AurousApiError && mutation.error.code === 'insufficient_credits';
  const balance = useQuery({ ...balanceQueries.detail(), enabled: outOfCredits });
  if (mutation.isPending) {
    if (mutation.failureReason instanceof AurousApiError && mutation.failureReason.code === 'waiting_for_api') {
      return <WaitingForApi reason={mutation.failureReason} prefix={(text) => messages.retrying(label, text)} />;
    }
    const retrying = retryingMessage(mutation.failureReason);
    return retrying ? (
      <p role="status" className={toneText({ tone: 'warning' })}>
        {messages.retrying(label, retrying)}
      </p>
    ) : null;
  }
  if (mutation.isSuccess && success) {
    return (
      <Notice tone="success" role="status">
        {success}
      </Notice>
    );
  }
  if (!mutation.isError) return null;
  return (
    <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-2">
      <p>
        {messages.actionFailed(label, describeError(mutation.error))}
        {outOfCredits && balance.data ? ` ${messages.availableCredits(balance.data.available_credits)}` : ''}
      </p>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {messages.retry}
        </Button>
      )}
    </Notice>
  );
}
