import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useRegeneratingActions } from '../features/characters/stores/regenerating-store';
import { describeError } from '../lib/aurous/api-error';
import { balanceQueries } from '../lib/aurous/balance-queries';
import { characterQueries } from '../lib/aurous/character-queries';
import { isRetryable } from '../lib/aurous/retry-policy';
import { withRetry } from '../lib/aurous/with-retry';
import { paidIntents, sendPaidAction, type PaidAction } from '../lib/paid-intents';

interface Outcome {
  key: string;
  text: string;
  characterId: string | null;
}

const describe = (action: PaidAction) =>
  action.kind === 'synthesize'
    ? `the synthesis of “${action.body.name}”`
    : action.kind === 'regenerate'
      ? `regenerating the ${action.pose} pose`
      : 'resynthesizing all poses';

let resumed = false;

/**
 * A paid action still pending when the page was closed or reloaded is sent again with its stored
 * Idempotency-Key: if the first request landed, the API replays its answer and charges nothing.
 */
export function ResumePaidActions() {
  const queryClient = useQueryClient();
  const { regenerationStarted } = useRegeneratingActions();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  useEffect(() => {
    if (resumed) return;
    resumed = true;
    for (const { key, action } of paidIntents.pending()) {
      const signal = new AbortController().signal;
      withRetry(() => sendPaidAction(action, key), { safe: true, signal })
        .then((character) => {
          paidIntents.settle(action);
          queryClient.setQueryData(characterQueries.detail(character.id).queryKey, character);
          void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
          void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
          if (action.kind !== 'synthesize') regenerationStarted(character.id, action.kind === 'regenerate' ? action.pose : 'all');
          setOutcomes((all) => [...all, { key, text: `Resumed ${describe(action)} after the page was reloaded.`, characterId: character.id }]);
        })
        .catch((error: unknown) => {
          if (!isRetryable(error, true)) paidIntents.settle(action);
          setOutcomes((all) => [...all, { key, text: `Could not resume ${describe(action)}: ${describeError(error)}`, characterId: null }]);
        });
    }
  }, [queryClient, regenerationStarted]);

  if (outcomes.length === 0) return null;
  return (
    <div role="status" className="mx-auto mt-4 flex max-w-5xl flex-col gap-2 px-4">
      {outcomes.map((outcome) => (
        <p key={outcome.key} className="rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950">
          {outcome.text}{' '}
          {outcome.characterId && (
            <Link href={`/characters/${outcome.characterId}`} className="font-medium underline">
              Open the character
            </Link>
          )}
          <button type="button" className="ml-2 underline" onClick={() => setOutcomes((all) => all.filter((other) => other.key !== outcome.key))}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
