import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useRegeneratingActions } from '../characters/stores/regenerating-store';
import { describeError } from '../../lib/aurous/api-error';
import { balanceQueries } from '../../lib/aurous/balance-queries';
import { characterQueries } from '../../lib/aurous/character-queries';
import { withRetry } from '../../lib/aurous/with-retry';
import { paidIntents, sendIntent, type PaidAction } from '../../lib/paid-intents';
import { Notice } from '../../components/ui/notice';
import { uploadQueue } from '../uploads/upload-store';
import { uploadSessionStorage } from '../uploads/upload-session-storage';
import { emitConsoleEvent } from '../../lib/console-events';
import { linkVariants } from '../../components/ui/text-variants';
import { messages } from './messages';

interface Outcome {
  key: string;
  text: string;
  characterId: string | null;
}

function describe(action: PaidAction): string {
  switch (action.kind) {
    case 'synthesize':
      return messages.synthesis(action.body.name);
    case 'create-from-uploads':
      return messages.creation(action.body.name);
    case 'regenerate':
      return messages.regenerate(action.pose);
    case 'resynthesize':
      return messages.resynthesize;
  }
}

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
      // `sendIntent` reuses the stored key (the intent is pending) and ends it once final.
      withRetry(() => sendIntent(action), { safe: true, signal })
        .then((character) => {
          queryClient.setQueryData(characterQueries.detail(character.id).queryKey, character);
          void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
          void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
          if (action.kind === 'regenerate' || action.kind === 'resynthesize') {
            regenerationStarted(character.id, action.kind === 'regenerate' ? action.pose : 'all');
          }
          if (action.kind === 'create-from-uploads') {
            // The uploads are now the character's: the queue they sat in is done.
            uploadQueue.actions().sessionCleared();
            void uploadSessionStorage.save([]);
            emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
          }
          setOutcomes((all) => [...all, { key, text: messages.resumed(describe(action)), characterId: character.id }]);
        })
        .catch((error: unknown) => {
          setOutcomes((all) => [...all, { key, text: messages.failed(describe(action), describeError(error)), characterId: null }]);
        });
    }
  }, [queryClient, regenerationStarted]);

  if (outcomes.length === 0) return null;
  return (
    <div role="status" className="mx-auto mt-4 flex max-w-5xl flex-col gap-2 px-4">
      {outcomes.map((outcome) => (
        <Notice key={outcome.key} tone="info">
          {outcome.text}{' '}
          {outcome.characterId && (
            <Link href={`/characters/${outcome.characterId}`} className={linkVariants()}>
              {messages.open}
            </Link>
          )}
          <button
            type="button"
            className="ml-2 min-h-8 underline focus-visible:outline-2 focus-visible:outline-focus"
            onClick={() => setOutcomes((all) => all.filter((other) => other.key !== outcome.key))}
          >
            {messages.dismiss}
          </button>
        </Notice>
      ))}
    </div>
  );
}
