import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { createReviewSession, REGENERATE_GRACE_MS, type Decided, type DecisionSender } from './review-session-store';

const approve: Decided = { characterId: 'a', characterName: 'Ann', decision: 'approve' };
const regenerate: Decided = { characterId: 'b', characterName: 'Bo', decision: 'regenerate', pose: 'side' };

/** A sender that records what it was asked to send and answers as told. */
function sender(answer: (decided: Decided) => Promise<string | undefined> = () => Promise.resolve(undefined)) {
  const sent: Decided[] = [];
  const send: DecisionSender = (decided) => {
    sent.push(decided);
    return answer(decided);
  };
  return { sent, send };
}
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a decision is sent by the action that records it, exactly once', () => {
  it('sends an approve at once, and marks it done when the API answers', async () => {
    const session = createReviewSession();
    const { sent, send } = sender();
    session.getState().actions.decided(approve, send);
    expect(sent).toEqual([approve]);
    expect(session.getState().entries[0]?.phase).toBe('sending');
    await settle();
    expect(session.getState().entries[0]?.phase).toBe('done');
  });

  it('holds a regenerate for its grace period, then sends it once and remembers when it was sent back', async () => {
    const session = createReviewSession();
    const { sent, send } = sender(() => Promise.resolve('2026-01-01T00:05:00.000Z'));
    session.getState().actions.decided(regenerate, send);
    expect(session.getState().entries[0]?.phase).toBe('waiting');
    await vi.advanceTimersByTimeAsync(REGENERATE_GRACE_MS - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([regenerate]);
    await vi.advanceTimersByTimeAsync(REGENERATE_GRACE_MS * 3);
    expect(sent).toHaveLength(1);
    expect(session.getState().entries[0]?.phase).toBe('done');
    expect(session.getState().sentBackAt).toEqual({ b: '2026-01-01T00:05:00.000Z' });
  });

  it('never sends a regenerate undone in its grace period', async () => {
    const session = createReviewSession();
    const { sent, send } = sender();
    const { actions } = session.getState();
    actions.decided(regenerate, send);
    expect(actions.undoRequested()).toEqual({ kind: 'undone', name: 'Bo', pose: 'side' });
    await vi.advanceTimersByTimeAsync(REGENERATE_GRACE_MS * 2);
    expect(sent).toEqual([]);
    expect(session.getState().entries[0]?.phase).toBe('undone');
    expect(actions.undoRequested()).toEqual({ kind: 'nothing' });
  });

  it('says a sent decision is final or too late to undo', async () => {
    const session = createReviewSession();
    const { send } = sender();
    const { actions } = session.getState();
    actions.decided(approve, send);
    expect(actions.undoRequested()).toEqual({ kind: 'final', decision: 'approve', name: 'Ann' });
    actions.decided({ characterId: 'c', characterName: 'Cy', decision: 'resynthesize' }, send);
    await settle();
    expect(actions.undoRequested()).toEqual({ kind: 'tooLate', decision: 'resynthesize', name: 'Cy' });
  });

  it('records a failure in words the reviewer can act on', async () => {
    const session = createReviewSession();
    const { send } = sender(() => Promise.reject(AurousApiError.network()));
    session.getState().actions.decided(approve, send);
    await settle();
    const [entry] = session.getState().entries;
    expect(entry?.phase).toBe('failed');
    expect(entry?.phase === 'failed' && entry.error.length).toBeGreaterThan(0);
    expect(session.getState().sentBackAt).toEqual({});
  });
});
