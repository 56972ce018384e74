/**
 * A paid action still pending when the page was closed or reloaded is sent again with its stored
 * Idempotency-Key: if the first request landed, the API replays its answer and charges nothing.
 * `resumePaidActions` is called once, by the app's entry when the page loads with intents stored;
 * what each resume came to is kept in a small store, and `ResumeNotices` shows it. One module, so
 * the entry and the app shell load one chunk, and only on a page that has something to resume.
 */
import type { QueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { create } from 'zustand';
import type { Character } from '../../../contract/aurous';
import { Notice } from '../../components/ui/notice';
import { linkVariants } from '../../components/ui/text-variants';
import { describeError } from '../../lib/aurous/api-error';
import { characterChanged } from '../../lib/aurous/character-cache';
import { withRetry } from '../../lib/aurous/with-retry';
import { emitConsoleEvent } from '../../lib/console-events';
import { paidIntents, sendIntent, type PaidAction, type PendingPaidAction } from '../../lib/paid-intents';
import { regeneratingActions } from '../../lib/regenerating-store';
import { uploadSessionStorage } from '../../features/uploads/upload-session-storage';
import { uploadQueue } from '../../features/uploads/upload-store';
import { messages } from './messages';

export interface ResumeOutcome {
  /** The intent's Idempotency-Key. */
  key: string;
  text: string;
  characterId: string | null;
}

interface ResumeState {
  /** Keys already sent again this page: a second call never sends one twice. */
  resumed: string[];
  outcomes: ResumeOutcome[];
  actions: { outcomeDismissed: (key: string) => void };
}

const useResumeStore = create<ResumeState>()((set) => ({
  resumed: [],
  outcomes: [],
  actions: { outcomeDismissed: (key) => set((state) => ({ outcomes: state.outcomes.filter((outcome) => outcome.key !== key) })) },
}));

export const useResumeOutcomes = () => useResumeStore((state) => state.outcomes);
export const useResumeActions = () => useResumeStore((state) => state.actions);
/** The outcomes so far, outside React. */
export const resumeOutcomes = () => useResumeStore.getState().outcomes;

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

/** What a landed action means beyond the cache: a regenerate shows as one, a create used the uploads. */
function landed(action: PaidAction, character: Character) {
  if (action.kind === 'regenerate' || action.kind === 'resynthesize') {
    regeneratingActions.regenerationStarted(character.id, action.kind === 'regenerate' ? action.pose : 'all');
  }
  if (action.kind === 'create-from-uploads') {
    // The uploads are now the character's: the queue they sat in is done.
    uploadQueue.actions().sessionCleared();
    void uploadSessionStorage.save([]);
    emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
  }
}

export interface ResumeDependencies {
  pending: () => PendingPaidAction[];
  /** Sends one action under its stored key (`sendIntent` ends the intent once final). */
  send: (action: PaidAction) => Promise<Character>;
}

const live: ResumeDependencies = {
  pending: () => paidIntents.pending(),
  send: (action) => withRetry(() => sendIntent(action), { safe: true, signal: new AbortController().signal }),
};

/** Sends every pending paid action again, once; settles when each has an outcome. */
export async function resumePaidActions(queryClient: QueryClient, { pending, send }: ResumeDependencies = live): Promise<void> {
  const fresh = pending().filter(({ key }) => !useResumeStore.getState().resumed.includes(key));
  if (fresh.length === 0) return;
  useResumeStore.setState((state) => ({ resumed: [...state.resumed, ...fresh.map(({ key }) => key)] }));
  const record = (outcome: ResumeOutcome) => useResumeStore.setState((state) => ({ outcomes: [...state.outcomes, outcome] }));

  await Promise.all(
    fresh.map(({ key, action }) =>
      send(action).then(
        (character) => {
          characterChanged(queryClient, character);
          landed(action, character);
          record({ key, text: messages.resumed(describe(action)), characterId: character.id });
        },
        (error: unknown) => record({ key, text: messages.failed(describe(action), describeError(error)), characterId: null }),
      ),
    ),
  );
}

/** What each resumed paid action came to, with a way to its character; each can be dismissed. */
export function ResumeNotices() {
  const outcomes = useResumeOutcomes();
  const { outcomeDismissed } = useResumeActions();
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
            onClick={() => outcomeDismissed(outcome.key)}
          >
            {messages.dismiss}
          </button>
        </Notice>
      ))}
    </div>
  );
}
