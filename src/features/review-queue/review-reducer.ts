/**
 * The review queue's decisions, as a pure function: what a key action (or its button), a
 * confirmation, a swipe or an undo does to the page's state, and which effects the controller
 * then carries out (record and send a decision, undo, scroll a tile into view). The regenerate
 * vs resynthesize branching lives here once. No React, no DOM, no requests.
 */
import type { Character } from '../../../contract/aurous';
import { CANONICAL_POSES, type Pose } from '../../../contract/constants';
import { canDelete, canSave, canSynthesize } from '../../lib/aurous/character-rules';
import { messages as apiMessages } from '../../lib/aurous/messages';
import type { KeyAction } from './keymap';
import { messages } from './messages';
import { currentIndex, type QueueItem } from './queue-order';
import { FOCUS_ACTION, stepPose, type CanonicalPose } from './review-poses';
import type { DecisionChoice, LogEntry } from './session-log';
import type { Decided, UndoOutcome } from './stores/review-session-store';

/** What the confirmation dialog asks about. */
export type Asking = { kind: 'delete'; character: Character } | { kind: 'paid'; character: Character; pose: Pose | 'all' };

/** At most one dialog is open: the keys stand aside while it is. */
export type Overlay = { kind: 'help' } | { kind: 'zoom' } | { kind: 'compare' } | { kind: 'confirm'; asking: Asking } | null;

export interface Feedback {
  text: string;
  tone: 'muted' | 'success' | 'warning';
}

export interface ReviewState {
  /** The character the reviewer is on, and its index (which takes over when it drops out). */
  position: { id: string | null; index: number };
  focused: CanonicalPose;
  /** The pose focused before this one. */
  focusedBefore: CanonicalPose | null;
  overlay: Overlay;
  /** The status line. */
  feedback: Feedback;
  /** The failure notice the reviewer dismissed. */
  dismissed: string | null;
}

export const initialReviewState: ReviewState = {
  position: { id: null, index: 0 },
  focused: 'portrait',
  focusedBefore: null,
  overlay: null,
  feedback: { text: '', tone: 'muted' },
  dismissed: null,
};

/** What the reducer reads but does not own: the queue and the session's preferences. */
export interface ReviewContext {
  items: readonly QueueItem[];
  /** Ask before the first paid action of the session. */
  confirmPaid: boolean;
  /** The reviewer already agreed to paid actions this session. */
  paidConfirmed: boolean;
  /** The focused pose has an earlier version to compare with its current one (the pose history). */
  comparable?: boolean;
}

export type ReviewEvent =
  | { type: 'action'; action: KeyAction }
  | { type: 'confirmed' }
  | { type: 'closed' }
  | { type: 'poseChosen'; pose: CanonicalPose }
  /** A swipe on the stage: every pose, the tile brought into view. */
  | { type: 'stageSwiped'; step: 1 | -1 }
  /** A step inside the zoom: only the poses that have an image. */
  | { type: 'zoomStepped'; step: 1 | -1 }
  /** The Undo button of one decision still in its grace period. */
  | { type: 'undoPressed'; entryId: string }
  | { type: 'undoAnswered'; outcome: UndoOutcome }
  | { type: 'failureDismissed'; entryId: string }
  /**
   * The queue stays on `characterId`: the one on screen (so a claim released elsewhere does not
   * slide another character under the reviewer), or one whose decision the console server refused
   * as made on a version that moved on (back to it, to look again).
   */
  | { type: 'positioned'; characterId: string; index?: number };

export type ReviewEffect =
  | { kind: 'decide'; decided: Decided }
  | { kind: 'undo'; entryId?: string }
  | { kind: 'paidConfirmed' }
  | { kind: 'reveal'; pose: CanonicalPose };

export interface ReviewStep {
  state: ReviewState;
  effects: ReviewEffect[];
}

const unchanged = (state: ReviewState): ReviewStep => ({ state, effects: [] });
const say = (state: ReviewState, text: string, tone: Feedback['tone']): ReviewStep => ({
  state: { ...state, feedback: { text, tone } },
  effects: [],
});

/** A paid action on one pose is a regenerate; on every pose, a resynthesize. */
export function paidChoice(pose: Pose | 'all'): DecisionChoice {
  return pose === 'all' ? { decision: 'resynthesize' } : { decision: 'regenerate', pose };
}

function decidedText(choice: DecisionChoice, name: string): string {
  switch (choice.decision) {
    case 'approve':
      return messages.approved(name);
    case 'delete':
      return messages.deleted(name);
    case 'regenerate':
      return messages.regenerating(apiMessages.poseWord[choice.pose], name);
    case 'resynthesize':
      return messages.resynthesizing(name);
  }
}

export function undoFeedback(outcome: UndoOutcome): Feedback {
  switch (outcome.kind) {
    case 'nothing':
      return { text: messages.nothingToUndo, tone: 'muted' };
    case 'undone':
      return {
        text:
          outcome.decision === 'regenerate' && outcome.pose
            ? messages.undone(apiMessages.poseWord[outcome.pose], outcome.name)
            : messages.undoneDecision(messages.decision[outcome.decision], outcome.name),
        tone: 'success',
      };
    case 'final':
      return {
        text: outcome.decision === 'approve' ? messages.saveIsFinal(outcome.name) : messages.deleteIsFinal(outcome.name),
        tone: 'warning',
      };
    case 'tooLate':
      return { text: messages.tooLateToUndo(messages.decision[outcome.decision], outcome.name), tone: 'warning' };
  }
}

/** The poses of a character that have an image, in canonical order. */
export function posesWithImages(character: Character | undefined): CanonicalPose[] {
  return CANONICAL_POSES.filter((pose) => character?.refs.some((ref) => ref.pose === pose));
}

function focus(state: ReviewState, pose: CanonicalPose): ReviewState {
  return pose === state.focused ? state : { ...state, focused: pose, focusedBefore: state.focused };
}

function moveTo(state: ReviewState, items: readonly QueueItem[], target: number): ReviewStep {
  const item = items[target];
  return item ? { state: { ...state, position: { id: item.character.id, index: target } }, effects: [] } : unchanged(state);
}

/**
 * Record the decision. An approve or delete moves on: the decided character leaves the list, the
 * next takes its index. A regenerate or resynthesize stays on the character, so the reviewer sees
 * the new images when they land (Next moves on meanwhile).
 */
function decide(state: ReviewState, index: number, character: Character, choice: DecisionChoice): ReviewStep {
  const stays = choice.decision === 'regenerate' || choice.decision === 'resynthesize';
  return {
    state: {
      ...state,
      overlay: null,
      position: { id: stays ? character.id : null, index },
      feedback: { text: decidedText(choice, character.name), tone: 'success' },
    },
    effects: [{ kind: 'decide', decided: { characterId: character.id, characterName: character.name, ...choice } }],
  };
}

function paid(state: ReviewState, context: ReviewContext, index: number, character: Character, pose: Pose | 'all'): ReviewStep {
  const rule = canSynthesize(character);
  if (!rule.enabled) return say(state, rule.reason ?? '', 'warning');
  if (context.confirmPaid && !context.paidConfirmed)
    return { state: { ...state, overlay: { kind: 'confirm', asking: { kind: 'paid', character, pose } } }, effects: [] };
  return decide(state, index, character, paidChoice(pose));
}

function onAction(state: ReviewState, action: KeyAction, context: ReviewContext): ReviewStep {
  const { items } = context;
  const index = currentIndex(items, state.position);
  switch (action) {
    case 'help':
      return { state: { ...state, overlay: { kind: 'help' } }, effects: [] };
    case 'undo':
      return { state, effects: [{ kind: 'undo' }] };
    case 'next':
      return moveTo(state, items, Math.min(index + 1, items.length - 1));
    case 'previous':
      return moveTo(state, items, Math.max(index - 1, 0));
  }
  const pose = CANONICAL_POSES.find((each) => FOCUS_ACTION[each] === action);
  if (pose) return { state: focus(state, pose), effects: [] };

  const character = items[index]?.character;
  if (!character) return unchanged(state);
  switch (action) {
    case 'zoom':
      return character.refs.some((ref) => ref.pose === state.focused)
        ? { state: { ...state, overlay: { kind: 'zoom' } }, effects: [] }
        : unchanged(state);
    case 'compare':
      return context.comparable
        ? { state: { ...state, overlay: { kind: 'compare' } }, effects: [] }
        : say(state, messages.noEarlierVersion(apiMessages.poseWord[state.focused]), 'muted');
    case 'approve': {
      const rule = canSave(character);
      return rule.enabled ? decide(state, index, character, { decision: 'approve' }) : say(state, rule.reason ?? '', 'warning');
    }
    case 'delete':
      return canDelete(character).enabled
        ? { state: { ...state, overlay: { kind: 'confirm', asking: { kind: 'delete', character } } }, effects: [] }
        : unchanged(state);
    case 'regenerate':
      return paid(state, context, index, character, state.focused);
    case 'resynthesize':
      return paid(state, context, index, character, 'all');
    default:
      return unchanged(state);
  }
}

export function reviewReducer(state: ReviewState, event: ReviewEvent, context: ReviewContext): ReviewStep {
  switch (event.type) {
    case 'action':
      return onAction(state, event.action, context);
    case 'confirmed': {
      if (state.overlay?.kind !== 'confirm') return unchanged(state);
      const { asking } = state.overlay;
      const index = currentIndex(context.items, state.position);
      if (asking.kind === 'delete') return decide(state, index, asking.character, { decision: 'delete' });
      const step = decide(state, index, asking.character, paidChoice(asking.pose));
      return { state: step.state, effects: [{ kind: 'paidConfirmed' }, ...step.effects] };
    }
    case 'closed':
      return state.overlay ? { state: { ...state, overlay: null }, effects: [] } : unchanged(state);
    case 'poseChosen':
      return { state: focus(state, event.pose), effects: [] };
    case 'stageSwiped': {
      const pose = stepPose(CANONICAL_POSES, state.focused, event.step);
      return pose ? { state: focus(state, pose), effects: [{ kind: 'reveal', pose }] } : unchanged(state);
    }
    case 'zoomStepped': {
      const character = context.items[currentIndex(context.items, state.position)]?.character;
      const pose = stepPose(posesWithImages(character), state.focused, event.step);
      return pose ? { state: focus(state, pose), effects: [] } : unchanged(state);
    }
    case 'undoPressed':
      return { state, effects: [{ kind: 'undo', entryId: event.entryId }] };
    case 'undoAnswered':
      return { state: { ...state, feedback: undoFeedback(event.outcome) }, effects: [] };
    case 'failureDismissed':
      return { state: { ...state, dismissed: event.entryId }, effects: [] };
    case 'positioned':
      if (state.position.id === event.characterId) return unchanged(state);
      return { state: { ...state, position: { id: event.characterId, index: event.index ?? state.position.index } }, effects: [] };
  }
}

type FailedEntry = Extract<LogEntry, { phase: 'failed' }>;

/** The latest failure, until the reviewer dismisses it or decides on that character again. */
export function visibleFailure(entries: readonly LogEntry[], dismissed: string | null): FailedEntry | null {
  const failed = entries.findLast((entry): entry is FailedEntry => entry.phase === 'failed');
  if (!failed || failed.id === dismissed) return null;
  const decidedSince = entries.slice(entries.indexOf(failed) + 1).some((entry) => entry.characterId === failed.characterId);
  return decidedSince ? null : failed;
}
