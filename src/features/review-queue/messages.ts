/** Every word the QA review queue shows or announces (CSV/JSON column names stay data). */
import { formatDuration, formatNumber } from '../../lib/i18n/format';
import { defineMessages, plural } from '../../lib/i18n/messages';
import type { KeyAction } from './keymap';
import type { QueueDirection, QueueStatus } from './queue-order';
import type { Decision, LogEntry } from './session-log';

/** "10", or "10+" while more of the queue is still loading. */
const atLeast = (count: number, complete: boolean) => (complete ? formatNumber(count) : `${formatNumber(count)}+`);

export const messages = defineMessages({
  title: 'QA review',
  /** "10 reviewing left · oldest first" ("10+" while pages load: `complete` is false). */
  queueCount: (count: number, complete: boolean, status: string, order: string) =>
    plural(count, {
      one: `${atLeast(count, complete)} ${status} left · ${order}`,
      other: `${atLeast(count, complete)} ${status} left · ${order}`,
    }),
  counting: 'Counting the queue…',
  countUnavailable: 'The count is not available.',
  statusWord: { reviewing: 'reviewing', failed: 'failed', synthesizing: 'synthesizing' } satisfies Record<QueueStatus, string>,
  statusOption: { reviewing: 'Reviewing', failed: 'Failed', synthesizing: 'Synthesizing' } satisfies Record<QueueStatus, string>,
  order: { oldest: 'oldest first', newest: 'newest first' } satisfies Record<QueueDirection, string>,
  orderOption: { oldest: 'Oldest first', newest: 'Newest first' } satisfies Record<QueueDirection, string>,

  // The current character
  /** "3 of 10 · Focused: Side" (index is 1-based; "10+" while pages load). */
  position: (index: number, total: number, complete: boolean, pose: string) =>
    `${formatNumber(index)} of ${atLeast(total, complete)} · Focused: ${pose}`,
  regenerated: 'regenerated',
  decisionsGroup: 'Decide',
  navigationGroup: 'Undo, move and inspect',
  approve: 'Approve',
  regenerate: (pose: string) => `Regenerate ${pose}`,
  resynthesize: 'Resynthesize all',
  /** The price after a paid action's label (lib/aurous/cost): "(1 credit)". */
  actionCost: (price: string) => `(${price})`,
  delete: 'Delete',
  undo: 'Undo',
  previous: 'Previous',
  next: 'Next',
  zoom: 'Zoom',
  compare: 'Compare',
  keys: 'Keys',
  /** The Keys button's accessible name: it begins with the visible word (`keys`), for speech input. */
  keysName: (keys: string) => `${keys}: show the keyboard shortcuts`,

  // Poses
  poses: 'Poses',
  poseTile: (pose: string, focused: boolean) => (focused ? `${pose} pose, focused` : `${pose} pose`),
  poseImage: (pose: string) => `${pose} pose`,
  noReference: (poseWord: string) => `No ${poseWord} reference`,
  focusPose: (poseWord: string) => `Focus the ${poseWord} pose`,

  // What a decision or key press did (the status line)
  approved: (name: string) => `Approving “${name}”. Undo takes it back for a few seconds.`,
  deleted: (name: string) => `Deleting “${name}”. Undo takes it back for a few seconds.`,
  regenerating: (poseWord: string, name: string) => `Regenerating the ${poseWord} pose of “${name}”. Undo takes it back for a few seconds.`,
  resynthesizing: (name: string) => `Resynthesizing “${name}”.`,
  nothingToUndo: 'Nothing to undo.',
  undone: (poseWord: string, name: string) => `Undone: the ${poseWord} regenerate of “${name}” was not sent.`,
  undoneDecision: (decision: string, name: string) => `Undone: the ${decision} of “${name}” was not sent.`,
  /** The countdown of a decision in its grace period: "Approve “Ann” is sent in 3 s." */
  pendingDecision: (decision: string, name: string, seconds: number) =>
    `The ${decision} of “${name}” is sent in ${formatNumber(seconds)} s.`,
  undoDecision: (decision: string, name: string) => `Undo the ${decision} of “${name}”`,
  pendingGroup: 'Decisions you can still undo',
  versionsOf: (pose: string) => `${pose} versions`,
  noEarlierVersion: (poseWord: string) =>
    `No earlier version of the ${poseWord} pose to compare yet: Compare puts a pose's old and new images side by side once it has been regenerated.`,
  awaitingResult: (poseWord: string) => `Regenerating: the new ${poseWord} image appears here when it lands. Next moves on meanwhile.`,
  awaitingResultAll: 'Resynthesizing: the new images appear here when they land. Next moves on meanwhile.',
  decisionFailedPaidNext:
    'Nothing more was sent. If the request reached the API, the character is synthesizing and returns here when its new images land: look at them before paying for another.',
  saveIsFinal: (name: string) => `A save cannot be undone: “${name}” is already saved.`,
  deleteIsFinal: (name: string) => `A delete cannot be undone: “${name}” is gone.`,
  tooLateToUndo: (decision: string, name: string) => `Too late to undo: the ${decision} of “${name}” was already sent.`,
  decisionFailed: (decision: string, name: string, error: string) => `The ${decision} of “${name}” failed: ${error}`,
  decisionFailedNext: 'It is back in the queue: decide again to retry.',
  dismiss: 'Dismiss',

  // Queue states
  loading: 'Loading the queue…',
  loadFailed: (error: string) => `The queue could not be loaded: ${error}`,
  retry: 'Try again',
  emptyTitle: 'Queue clear',
  emptyBody: (status: string) => `Nothing to review: no ${status} characters are left.`,
  emptyWhy: 'A character lands here when its synthesis finishes, and waits for a reviewer to approve, regenerate or delete it.',
  emptyAction: 'Synthesize a character',
  awaitingWhenClear: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} regenerating character returns here when ready.`,
      other: `${formatNumber(count)} regenerating characters return here when ready.`,
    }),
  awaiting: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} sent back to synthesizing; it returns to the end of the queue when ready.`,
      other: `${formatNumber(count)} sent back to synthesizing; each returns to the end of the queue when ready.`,
    }),

  // Confirmations
  deleteTitle: (name: string) => `Delete “${name}”?`,
  resynthesizeTitle: 'Resynthesize all poses?',
  regenerateTitle: (poseWord: string) => `Regenerate the ${poseWord} pose?`,
  confirmDelete: 'Delete',
  confirmResynthesize: 'Resynthesize',
  confirmRegenerate: 'Regenerate',
  paidBody: (price: string) =>
    `This costs ${price}. Paid actions will not ask again this session (turn this off under “Keys and preferences”).`,

  // Keys
  keyAction: {
    approve: 'Approve (save) and advance',
    regenerate: 'Regenerate the focused pose',
    resynthesize: 'Resynthesize all poses',
    delete: 'Delete (asks first)',
    focusPortrait: 'Focus the portrait pose',
    focusFront: 'Focus the front pose',
    focusSide: 'Focus the side pose',
    focusBack: 'Focus the back pose',
    zoom: 'Zoom the focused pose to 1:1',
    compare: 'Compare the focused pose’s previous and current versions, side by side',
    next: 'Next character',
    previous: 'Previous character',
    undo: 'Undo the last decision',
    help: 'Show or hide the keys',
  } satisfies Record<KeyAction, string>,
  keyName: { space: 'Space', escape: 'Esc', enter: 'Enter' } satisfies Record<string, string>,
  unassigned: 'unassigned',
  /** An action's keys, one after another: "R · Shift+R". */
  keyList: (keys: readonly string[]) => keys.join(' · '),
  shortcutsTitle: 'Keyboard shortcuts',
  actionColumn: 'Action',
  keysColumn: 'Keys',
  changeColumn: 'Change',
  shortcutsNote: 'Keys do nothing while you type in a field. Change them under “Keys and preferences”.',
  close: 'Close',

  // Settings
  settingsTitle: 'Keys and preferences',
  show: 'Show',
  orderLabel: 'Order',
  confirmPaid: 'Confirm the first paid action of each session',
  keysCaption: 'Keys',
  change: 'Change',
  pressKey: 'Press a key…',
  /** The accessible names begin with the visible words (`change`, `pressKey`), for speech input. */
  changeKeyFor: (action: string) => `Change the key for ${action}`,
  pressKeyFor: (action: string) => `Press a key… for ${action}; Escape cancels`,
  resetKeys: 'Reset keys to defaults',

  // Zoom
  zoomFallback: 'Zoom',
  zoomActualTitle: (name: string, pose: string) => `${name}: ${pose} pose at 1:1`,
  zoomFitTitle: (name: string, pose: string) => `${name}: ${pose} pose, fitted to the screen`,
  zoomActualRegion: 'Zoomed pose; pan with the arrow keys or by dragging',
  zoomFitRegion: 'Pose; swipe for the previous or next pose',
  zoomImage: (pose: string) => `${pose} pose, full size`,
  fit: 'Fit',
  actualSize: '1:1',
  fitName: 'Fit the pose to the screen',
  actualSizeName: 'Show the pose at 1:1',
  previousPose: 'Previous pose',
  nextPose: 'Next pose',

  // Compare
  compareFallback: 'Compare',
  compareTitle: (name: string, pose: string, older: number, newer: number) => `${name}: ${pose} v${older} and v${newer} side by side`,
  versionPane: (pose: string, version: number, current: boolean) => (current ? `${pose} v${version} (current)` : `${pose} v${version}`),
  versionImage: (pose: string, version: number) => `${pose} pose, version ${version}`,
  zoomOut: 'Zoom out',
  zoomIn: 'Zoom in',
  zoomRatio: (ratio: number) => `${formatNumber(ratio)}:1`,

  // Session log
  logTitle: 'Session log',
  reviewed: 'Reviewed this session',
  average: 'Average per character',
  perHour: 'Pace',
  averageValue: (seconds: number) => formatDuration(seconds),
  perHourValue: (count: number) => `${formatNumber(count)} an hour`,
  noValue: '—',
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  logEmpty: 'No decisions yet. Each approve, regenerate and delete of this session appears here, ready to export.',
  whenColumn: 'When',
  characterColumn: 'Character',
  decisionColumn: 'Decision',
  outcomeColumn: 'Outcome',
  decision: { approve: 'approve', regenerate: 'regenerate', resynthesize: 'resynthesize', delete: 'delete' } satisfies Record<
    Decision,
    string
  >,
  decisionWithPose: (decision: string, poseWord: string) => `${decision} ${poseWord}`,
  outcome: {
    waiting: 'waiting (Undo takes it back)',
    sending: 'sending…',
    done: 'done',
    failed: 'failed',
    undone: 'undone',
  } satisfies Record<LogEntry['phase'], string>,
  failedOutcome: (error: string) => `failed: ${error}`,
});
