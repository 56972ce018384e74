import { describe, expect, it } from 'vitest';
import type { Character } from '../../../contract/aurous';
import type { Pose } from '../../../contract/constants';
import { messages as ruleMessages } from '../../lib/aurous/character-rules-messages';
import type { KeyAction } from './keymap';
import { messages } from './messages';
import type { QueueItem } from './queue-order';
import {
  initialReviewState,
  reviewReducer,
  visibleFailure,
  type ReviewContext,
  type ReviewEvent,
  type ReviewState,
  type ReviewStep,
} from './review-reducer';
import type { LogEntry } from './session-log';

const ALL_POSES: Pose[] = ['portrait', 'front', 'side', 'back'];
const char = (id: string, patch: Partial<Character> = {}): Character => ({
  id,
  object: 'character',
  name: `Name ${id}`,
  status: 'reviewing',
  refs: ALL_POSES.map((pose) => ({ pose, url: `https://img.test/${id}/${pose}.png` })),
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  attributes: { hair_color: 'grey' },
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});
const items = (...characters: Character[]): QueueItem[] => characters.map((character) => ({ character, regenerated: false }));
const context = (queue: QueueItem[], patch: Partial<ReviewContext> = {}): ReviewContext => ({
  items: queue,
  confirmPaid: true,
  paidConfirmed: false,
  ...patch,
});

/** Run events in order from `state`, collecting every effect. */
function run(events: ReviewEvent[], ctx: ReviewContext, state: ReviewState = initialReviewState): ReviewStep {
  const effects: ReviewStep['effects'] = [];
  for (const event of events) {
    const step = reviewReducer(state, event, ctx);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}
const keys = (...actions: KeyAction[]): ReviewEvent[] => actions.map((action) => ({ type: 'action', action }));

const queue = items(char('a'), char('b'), char('c'));

describe('an empty queue', () => {
  it('ignores every decision and move, and opens no dialog that needs a character', () => {
    for (const action of ['approve', 'regenerate', 'resynthesize', 'delete', 'zoom', 'compare', 'next', 'previous'] as const) {
      const step = reviewReducer(initialReviewState, { type: 'action', action }, context([]));
      expect(step, action).toEqual({ state: initialReviewState, effects: [] });
    }
  });

  it('still opens the keys overlay, asks the store to undo, and moves the focus', () => {
    expect(reviewReducer(initialReviewState, { type: 'action', action: 'help' }, context([])).state.overlay).toEqual({ kind: 'help' });
    expect(reviewReducer(initialReviewState, { type: 'action', action: 'undo' }, context([])).effects).toEqual([{ kind: 'undo' }]);
    expect(reviewReducer(initialReviewState, { type: 'action', action: 'focusBack' }, context([])).state.focused).toBe('back');
  });
});

describe('approve', () => {
  it('records the decision for the current character, says so, and lets the next one take its place', () => {
    const step = run(keys('next', 'approve'), context(queue));
    expect(step.effects).toEqual([{ kind: 'decide', decided: { characterId: 'b', characterName: 'Name b', decision: 'approve' } }]);
    expect(step.state.position).toEqual({ id: null, index: 1 });
    expect(step.state.feedback).toEqual({ text: messages.approved('Name b'), tone: 'success' });
  });

  it('refuses a character that cannot be saved, saying why, and sends nothing', () => {
    const step = run(keys('approve'), context(items(char('f', { status: 'failed' }))));
    expect(step.effects).toEqual([]);
    expect(step.state.feedback).toEqual({ text: ruleMessages.failedCannotSave, tone: 'warning' });
    expect(step.state.position).toEqual(initialReviewState.position);
  });
});

describe('regenerate vs resynthesize', () => {
  it('regenerates the focused pose; resynthesize takes every pose', () => {
    const ctx = context(queue, { confirmPaid: false });
    expect(run(keys('focusSide', 'regenerate'), ctx).effects).toEqual([
      { kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'regenerate', pose: 'side' } },
    ]);
    const all = run(keys('focusSide', 'resynthesize'), ctx);
    expect(all.effects).toEqual([{ kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'resynthesize' } }]);
    expect(all.state.feedback.text).toBe(messages.resynthesizing('Name a'));
  });

  it('asks before the session’s first paid action, and the confirmation sends what was asked about', () => {
    const ctx = context(queue);
    const asked = run(keys('focusFront', 'regenerate'), ctx);
    expect(asked.effects).toEqual([]);
    expect(asked.state.overlay).toEqual({ kind: 'confirm', asking: { kind: 'paid', character: queue[0]?.character, pose: 'front' } });

    // Moving the focus while the dialog is open cannot change the pose that was asked about.
    const confirmed = run([{ type: 'poseChosen', pose: 'back' }, { type: 'confirmed' }], ctx, asked.state);
    expect(confirmed.effects).toEqual([
      { kind: 'paidConfirmed' },
      { kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'regenerate', pose: 'front' } },
    ]);
    expect(confirmed.state.overlay).toBeNull();
    expect(confirmed.state.feedback.text).toBe(messages.regenerating('front', 'Name a'));

    const resynthesize = run([...keys('resynthesize'), { type: 'confirmed' }], ctx);
    expect(resynthesize.effects).toEqual([
      { kind: 'paidConfirmed' },
      { kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'resynthesize' } },
    ]);
  });

  it('stays on the character after a regenerate or resynthesize, so its new images are seen; Next moves on', () => {
    const ctx = context(queue, { paidConfirmed: true });
    for (const action of ['regenerate', 'resynthesize'] as const) {
      const step = run(keys('next', action), ctx);
      expect(step.state.position, action).toEqual({ id: 'b', index: 1 });
      expect(run(keys('next'), ctx, step.state).state.position).toEqual({ id: 'c', index: 2 });
    }
  });

  it('does not ask again once the reviewer agreed this session', () => {
    const step = run(keys('regenerate'), context(queue, { paidConfirmed: true }));
    expect(step.state.overlay).toBeNull();
    expect(step.effects).toEqual([
      { kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'regenerate', pose: 'portrait' } },
    ]);
  });

  it('cancelling the question sends nothing', () => {
    const step = run([...keys('regenerate'), { type: 'closed' }], context(queue));
    expect(step.effects).toEqual([]);
    expect(step.state.overlay).toBeNull();
  });

  it('refuses a character without a description, or still synthesizing, before asking anything', () => {
    for (const [subject, reason] of [
      [char('n', { attributes: null }), ruleMessages.needsDescription],
      [char('s', { status: 'synthesizing' }), ruleMessages.waitForSynthesis],
    ] as const) {
      for (const action of ['regenerate', 'resynthesize'] as const) {
        const step = run(keys(action), context(items(subject)));
        expect(step.effects).toEqual([]);
        expect(step.state.overlay).toBeNull();
        expect(step.state.feedback).toEqual({ text: reason, tone: 'warning' });
      }
    }
  });
});

describe('delete', () => {
  it('always asks, and deletes only on confirmation', () => {
    const asked = run(keys('delete'), context(queue));
    expect(asked.effects).toEqual([]);
    expect(asked.state.overlay).toEqual({ kind: 'confirm', asking: { kind: 'delete', character: queue[0]?.character } });
    const confirmed = reviewReducer(asked.state, { type: 'confirmed' }, context(queue));
    expect(confirmed.effects).toEqual([{ kind: 'decide', decided: { characterId: 'a', characterName: 'Name a', decision: 'delete' } }]);
    expect(confirmed.state.feedback).toEqual({ text: messages.deleted('Name a'), tone: 'success' });
  });

  it('does nothing for a character already deleted, and a stray confirmation sends nothing', () => {
    expect(run(keys('delete'), context(items(char('d', { status: 'deleted' })))).state).toEqual(initialReviewState);
    expect(reviewReducer(initialReviewState, { type: 'confirmed' }, context(queue)).effects).toEqual([]);
  });
});

describe('moving through the queue', () => {
  it('steps by one and stops at either end', () => {
    expect(run(keys('next', 'next', 'next', 'next'), context(queue)).state.position).toEqual({ id: 'c', index: 2 });
    expect(run(keys('next', 'previous', 'previous'), context(queue)).state.position).toEqual({ id: 'a', index: 0 });
  });
});

describe('focus, zoom and compare', () => {
  it('opens compare only when the focused pose has an earlier version, and says so otherwise', () => {
    const step = run(keys('focusSide', 'focusFront', 'focusFront'), context(queue));
    expect(step.state).toMatchObject({ focused: 'front', focusedBefore: 'side' });
    expect(run(keys('compare'), context(queue, { comparable: true }), step.state).state.overlay).toEqual({ kind: 'compare' });
    const none = run(keys('compare'), context(queue), step.state).state;
    expect(none.overlay).toBeNull();
    expect(none.feedback.text).toBe(messages.noEarlierVersion('front'));
  });

  it('opens zoom only on a pose that has an image, and compare only with a second one', () => {
    const frontOnly = items(char('p', { refs: [{ pose: 'front', url: 'https://img.test/front.png' }] }));
    expect(run(keys('zoom'), context(frontOnly)).state.overlay).toBeNull(); // portrait has no image
    expect(run(keys('focusFront', 'zoom'), context(frontOnly)).state.overlay).toEqual({ kind: 'zoom' });
    expect(run(keys('focusFront', 'compare'), context(frontOnly)).state.overlay).toBeNull();
  });

  it('a swipe on the stage focuses the neighbouring pose and brings it into view; none past the last', () => {
    const step = run([{ type: 'stageSwiped', step: 1 }], context(queue));
    expect(step.state.focused).toBe('front');
    expect(step.effects).toEqual([{ kind: 'reveal', pose: 'front' }]);
    const last = run([...keys('focusBack'), { type: 'stageSwiped', step: 1 }], context(queue));
    expect(last.state.focused).toBe('back');
    expect(last.effects).toEqual([]);
  });

  it('a step inside the zoom skips the poses without an image', () => {
    const gappy = items(
      char('g', {
        refs: [
          { pose: 'portrait', url: 'https://img.test/p.png' },
          { pose: 'back', url: 'https://img.test/b.png' },
        ],
      }),
    );
    expect(run([{ type: 'zoomStepped', step: 1 }], context(gappy)).state.focused).toBe('back');
    expect(run([{ type: 'zoomStepped', step: -1 }], context(gappy)).state.focused).toBe('portrait');
  });
});

describe('undo and failures', () => {
  it('an Undo button asks the store to undo that decision', () => {
    expect(reviewReducer(initialReviewState, { type: 'undoPressed', entryId: 'd7' }, context(queue)).effects).toEqual([
      { kind: 'undo', entryId: 'd7' },
    ]);
  });

  it('puts what the undo did into words', () => {
    const said = (outcome: Extract<ReviewEvent, { type: 'undoAnswered' }>['outcome']) =>
      reviewReducer(initialReviewState, { type: 'undoAnswered', outcome }, context(queue)).state.feedback;
    expect(said({ kind: 'nothing' })).toEqual({ text: messages.nothingToUndo, tone: 'muted' });
    expect(said({ kind: 'undone', name: 'Rowan', decision: 'regenerate', pose: 'side' })).toEqual({
      text: messages.undone('side', 'Rowan'),
      tone: 'success',
    });
    expect(said({ kind: 'undone', name: 'Rowan', decision: 'approve' })).toEqual({
      text: messages.undoneDecision('approve', 'Rowan'),
      tone: 'success',
    });
    expect(said({ kind: 'final', decision: 'approve', name: 'Rowan' })).toEqual({ text: messages.saveIsFinal('Rowan'), tone: 'warning' });
    expect(said({ kind: 'final', decision: 'delete', name: 'Rowan' })).toEqual({ text: messages.deleteIsFinal('Rowan'), tone: 'warning' });
    expect(said({ kind: 'tooLate', decision: 'resynthesize', name: 'Rowan' }).tone).toBe('warning');
  });

  it('shows the latest failure until dismissed or decided on again', () => {
    const entry = (id: string, characterId: string, failed: boolean): LogEntry =>
      failed
        ? { id, characterId, characterName: characterId, at: 0, decision: 'approve', phase: 'failed', error: 'No credits' }
        : { id, characterId, characterName: characterId, at: 0, decision: 'approve', phase: 'done' };
    const log = [entry('e1', 'a', true), entry('e2', 'b', false)];
    expect(visibleFailure(log, null)?.id).toBe('e1');
    const dismissed = reviewReducer(initialReviewState, { type: 'failureDismissed', entryId: 'e1' }, context(queue)).state.dismissed;
    expect(visibleFailure(log, dismissed)).toBeNull();
    expect(visibleFailure([...log, entry('e3', 'a', false)], null)).toBeNull();
    expect(visibleFailure([], null)).toBeNull();
  });
});
