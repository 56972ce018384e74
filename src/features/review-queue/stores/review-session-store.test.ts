import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { createReviewSession, DECISION_GRACE_MS, REGENERATE_GRACE_MS, type Decided, type DecisionSender } from './review-session-store';

const approve: Decided = { characterId: 'a', characterName: 'Ann', decision: 'approve' };
const regenerate: Decided = { characterId: 'b', characterName: 'Bo', decision: 'regenerate', pose: 'side' };
const remove: Decided = { characterId: 'd', characterName: 'Di', decision: 'delete' };
const resynthesize: Decided = { characterId: 'c', characterName: 'Cy', decision: 'resynthesize' };

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
  it('sends a resynthesize at once, and marks it done when the API answers', async () => {
    const session = createReviewSession();
    const { sent, send } = sender();
    session.getState().actions.decided(resynthesize, send);
    expect(sent).toEqual([resynthesize]);
    expect(session.getState().entries[0]?.phase).toBe('sending');
    await settle();
    expect(session.getState().entries[0]?.phase).toBe('done');
  });

  it.each([
    ['an approve', approve],
    ['a delete', remove],
  ])('holds %s for its grace period, then sends it once', async (_, decided) => {
    const session = createReviewSession();
    const { sent, send } = sender();
    session.getState().actions.decided(decided, send);
    expect(session.getState().entries[0]).toMatchObject({ phase: 'waiting', decision: decided.decision });
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([decided]);
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS * 3);
    expect(sent).toHaveLength(1);
    expect(session.getState().entries[0]?.phase).toBe('done');
  });

  it.each([
    ['an approve', approve],
    ['a delete', remove],
  ])('never sends %s undone in its grace period', async (_, decided) => {
    const session = createReviewSession();
    const { sent, send } = sender();
    const { actions } = session.getState();
    actions.decided(decided, send);
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS - 1);
    expect(actions.undoRequested()).toEqual({ kind: 'undone', name: decided.characterName, decision: decided.decision });
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS * 2);
    expect(sent).toEqual([]);
    expect(session.getState().entries[0]?.phase).toBe('undone');
  });

  it('an Undo button undoes its own decision, not the latest', async () => {
    const session = createReviewSession();
    const { sent, send } = sender();
    const { actions } = session.getState();
    const first = actions.decided(approve, send);
    actions.decided(remove, send);
    expect(actions.undoRequested(first.id)).toEqual({ kind: 'undone', name: 'Ann', decision: 'approve' });
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS);
    expect(sent).toEqual([remove]);
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
    expect(actions.undoRequested()).toEqual({ kind: 'undone', name: 'Bo', decision: 'regenerate', pose: 'side' });
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
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS);
    expect(actions.undoRequested()).toEqual({ kind: 'final', decision: 'approve', name: 'Ann' });
    actions.decided({ characterId: 'c', characterName: 'Cy', decision: 'resynthesize' }, send);
    await settle();
    expect(actions.undoRequested()).toEqual({ kind: 'tooLate', decision: 'resynthesize', name: 'Cy' });
  });

  it('records a failure in words the reviewer can act on', async () => {
    const session = createReviewSession();
    const { send } = sender(() => Promise.reject(AurousApiError.network()));
    session.getState().actions.decided(approve, send);
    await vi.advanceTimersByTimeAsync(DECISION_GRACE_MS);
    const [entry] = session.getState().entries;
    expect(entry?.phase).toBe('failed');
    expect(entry?.phase === 'failed' && entry.error.length).toBeGreaterThan(0);
    expect(session.getState().sentBackAt).toEqual({});
  });
});
