/**
 * The review queue's controller: the queue (server state), the session (decisions), the
 * preferences, and the page's own state run through `reviewReducer`. The reducer decides; this
 * hook carries out its effects from the event that caused them (a key press, a click), never
 * from a render: a decision is recorded and sent by the session store's `decided` action.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { characterQueries } from '../../lib/aurous/character-queries';
import { decisionSender, onRefusedAsSeen } from './api/send-decision';
import { stayingOn, useReviewQueue } from './api/use-review-queue';
import { useClaims, useClaimWhileOpen } from './api/use-review-claims';
import { poseHistoryQueries } from '../../lib/aurous/pose-history-queries';
import { oldAndNew, versionsOfPose } from '../../lib/aurous/pose-versions';
import { currentIndex, pinnedPosition } from './queue-order';
import { initialReviewState, posesWithImages, reviewReducer, visibleFailure, type ReviewEvent, type ReviewState } from './review-reducer';
import { stepPose } from './review-poses';
import { useReviewPreferences } from './stores/review-settings-store';
import { usePaidConfirmed, useSentBackAt, useSessionActions, useSessionEntries, useSessionStartedAt } from './stores/review-session-store';
import { useReviewKeys } from './use-review-keys';

export function useReviewController() {
  const queryClient = useQueryClient();
  const { keymap, direction, status, confirmPaid } = useReviewPreferences();
  const entries = useSessionEntries();
  const startedAt = useSessionStartedAt();
  const sentBackAt = useSentBackAt();
  const paidConfirmed = usePaidConfirmed();
  const session = useSessionActions();
  const [state, setState] = useState<ReviewState>(initialReviewState);
  const staying = stayingOn(entries, state.position.id);
  const claims = useClaims();
  // Changes only when others' claims do (not on every read of the claims, nor on this reviewer's own).
  const claimedKey = [...claims.byOthers.keys()].sort().join(' ');
  const claimed = useMemo(() => new Set(claimedKey ? claimedKey.split(' ') : []), [claimedKey]);
  const queue = useReviewQueue({ status, direction, entries, sentBackAt, claimed, staying });
  // The version each decision was made on (the character's updated_at on screen at the key press):
  // the console server refuses the decision if the character has moved on since.
  const [seen] = useState(() => new Map<string, string>());
  const send = useMemo(() => decisionSender(queryClient, (id) => seen.get(id)), [queryClient, seen]);

  // Only `dispatch` changes the state: it keeps this copy, so an event that follows another
  // before React has rendered (an undo's answer) starts from the right state.
  const latest = useRef<ReviewState>(initialReviewState);

  const index = currentIndex(queue.items, state.position);
  const current = queue.items[index];
  const next = queue.items[index + 1];
  const character = current?.character;
  useClaimWhileOpen(character?.id);

  // The focused pose's versions (the console server keeps each one a regenerate replaced): Compare shows old beside new.
  const history = useQuery({
    ...poseHistoryQueries.detail(character?.id ?? '', character?.updated_at ?? ''),
    enabled: Boolean(character),
  });
  const versions = character ? versionsOfPose(history.data, character, state.focused) : [];
  const pair = oldAndNew(versions);

  useEffect(() => {
    if (character) session.sessionStarted(Date.now());
  }, [character, session]);

  // The next character's detail and images are loaded before the reviewer gets there.
  useEffect(() => {
    if (!next) return;
    void queryClient.prefetchQuery(characterQueries.detail(next.character.id));
    for (const ref of next.character.refs) new Image().src = ref.url;
  }, [next, queryClient]);

  const dispatch = (event: ReviewEvent) => {
    const step = reviewReducer(latest.current, event, { items: queue.items, confirmPaid, paidConfirmed, comparable: pair !== null });
    latest.current = step.state;
    setState(step.state);
    for (const effect of step.effects) {
      switch (effect.kind) {
        case 'decide': {
          const shown = queue.items.find((item) => item.character.id === effect.decided.characterId)?.character;
          if (shown) seen.set(shown.id, shown.updated_at);
          session.decided(effect.decided, send);
          break;
        }
        case 'undo': {
          const undoing = effect.entryId
            ? entries.find((entry) => entry.id === effect.entryId && entry.phase !== 'undone')
            : entries.findLast((entry) => entry.phase !== 'undone');
          const outcome = session.undoRequested(effect.entryId);
          dispatch({ type: 'undoAnswered', outcome });
          // An undone decision brings the reviewer back to its character, wherever claims moved the queue meanwhile.
          if (outcome.kind === 'undone' && undoing) dispatch({ type: 'positioned', characterId: undoing.characterId });
          break;
        }
        case 'paidConfirmed':
          session.paidConfirmed();
          break;
        case 'reveal':
          document.querySelector(`[data-pose="${effect.pose}"]`)?.scrollIntoView({ block: 'nearest' });
          break;
      }
    }
  };
  // A decision refused as seen brings the reviewer back to that character, shown as it is now.
  useEffect(() => onRefusedAsSeen((characterId) => dispatch({ type: 'positioned', characterId })));
  // Whatever is on screen is where the queue stands, by id: an index (after a move) lasts one render,
  // so a claim another reviewer takes or lets go of never slides a different character under this one.
  useEffect(() => {
    const pin = pinnedPosition(queue.items, latest.current.position);
    if (pin) dispatch({ type: 'positioned', characterId: pin.id, index: pin.index });
  });
  useReviewKeys(keymap, (action) => dispatch({ type: 'action', action }));

  const withImages = posesWithImages(character);
  return {
    state,
    dispatch,
    keymap,
    status,
    direction,
    entries,
    startedAt,
    queue,
    index,
    current,
    zoomRef: character?.refs.find((ref) => ref.pose === state.focused),
    pair,
    versions,
    canStepZoom: { previous: stepPose(withImages, state.focused, -1) !== null, next: stepPose(withImages, state.focused, 1) !== null },
    failure: visibleFailure(entries, state.dismissed),
    /** Characters others are reviewing right now (left out of this queue). */
    claimedByOthers: claims.byOthers,
  };
}
