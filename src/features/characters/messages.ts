/**
 * Every user-facing string of the characters feature: Synthesize, the library and a character's
 * review page. Numbers arrive as numbers and are formatted here (`lib/i18n/format`, `plural`), so
 * the words around them, and their plural forms, stay the translator's. Poses inside a sentence
 * come in as `lib/aurous/messages` `poseWord`.
 */
import type { CharacterStatus } from '../../../contract/constants';
import type { IndexSort } from '../../../contract/character-index';
import { formatMinutes, formatNumber, formatSeconds } from '../../lib/i18n/format';
import { formatCredits } from '../../lib/aurous/cost';
import { defineMessages, plural } from '../../lib/i18n/messages';

export const messages = defineMessages({
  /** Shown lowercase in the status badge (capitalised by CSS), so a test can read the raw status. */
  status: {
    synthesizing: 'synthesizing',
    reviewing: 'reviewing',
    ready: 'ready',
    failed: 'failed',
    deleted: 'deleted',
  } satisfies Record<CharacterStatus, string>,
  /** A status inside a sentence ("No reviewing characters."). */
  statusWord: {
    synthesizing: 'synthesizing',
    reviewing: 'reviewing',
    ready: 'ready',
    failed: 'failed',
    deleted: 'deleted',
  } satisfies Record<CharacterStatus, string>,
  statusOption: {
    synthesizing: 'Synthesizing',
    reviewing: 'Reviewing',
    ready: 'Ready',
    failed: 'Failed',
    deleted: 'Deleted',
  } satisfies Record<CharacterStatus, string>,
  retry: 'Try again',
  cancel: 'Cancel',
  loading: 'Loading…',

  // Synthesize
  synthesizeTitle: 'Synthesize a character',
  synthesizeDescription: 'Describe the character; the platform draws four reference poses (portrait, front, side, back) for you to review.',
  characterName: 'Character name',
  nameRequired: 'Give the character a name.',
  synthesize: 'Synthesize',
  starting: 'Starting…',
  /** `price` from lib/aurous/cost: "Costs 4 credits (4 generations, one per pose)." */
  costs: (price: string) => `Costs ${price}.`,
  balance: (available: number) => `Your team has ${formatCredits(available)} available.`,
  balanceLoading: 'Checking your balance…',
  balanceError: 'The balance could not be loaded.',
  notEnoughCredits: 'That is not enough to synthesize.',

  // Library
  libraryTitle: 'Characters',
  libraryDescription:
    'The characters you may see: the ones you made (owners and admins see the whole team’s). Open one to review, rename or delete it.',
  searchLabel: 'Search',
  sortLabel: 'Sort',
  sortOption: {
    updated: 'Recently updated',
    created: 'Newest',
    name: 'Name (A–Z)',
    status: 'Needs review first',
  } satisfies Record<IndexSort, string>,
  searchEmptyTitle: (q: string) => `No character’s name contains “${q}”.`,
  searchEmptyBody: 'Try a shorter part of the name, or clear the search.',
  statusFilter: 'Status',
  allStatuses: 'All',
  loadingCharacters: 'Loading characters…',
  charactersList: 'Characters',
  loadCharactersFailed: (reason: string) => `Could not load the characters: ${reason}`,
  loadMoreFailed: (reason: string) => `Could not load more characters: ${reason}`,
  emptyTitle: 'No characters yet.',
  emptyBody: 'Make one from reference images you already have, or synthesize one from a description.',
  fromImages: 'From images',
  synthesizeLink: 'Synthesize',
  /** `statusWord`: the status as it reads inside a sentence. */
  filteredEmptyTitle: (statusWord: string) => `No ${statusWord} characters.`,
  filteredEmptyBody: 'No character has this status right now.',
  clearFilter: 'Show all characters',
  coverAlt: (pose: string, name: string) => `${pose} of ${name}`,
  noImageYet: 'No image yet',
  // Library: layout, selection, copy, bulk actions
  layoutGroup: 'Layout',
  layoutOption: { cards: 'Cards', list: 'List' } satisfies Record<'cards' | 'list', string>,
  selectCharacter: (name: string) => `Select ${name}`,
  selectAllShown: 'Select all shown',
  selectedCount: (count: number) => plural(count, { one: `${formatNumber(count)} selected`, other: `${formatNumber(count)} selected` }),
  clearSelection: 'Clear selection',
  bulkSave: (count: number) => `Save ${formatNumber(count)}`,
  bulkDelete: (count: number) => `Delete ${formatNumber(count)}`,
  bulkActions: 'Selected characters',
  copyId: 'Copy id',
  copied: 'Copied',
  /** After "Copy id" / "Copied", for screen readers: " of Rowan". */
  copyIdOf: (name: string) => ` of ${name}`,
  /** Announced once the id is on the clipboard. */
  copiedAnnouncement: (name: string, id: string) => `Copied the id of ${name}: ${id}`,
  copyFailed: 'The clipboard is not available here: select the id and copy it.',
  idOf: (name: string) => `Id of ${name}`,
  bulkSaveTitle: (count: number) =>
    plural(count, { one: `Save ${formatNumber(count)} character?`, other: `Save ${formatNumber(count)} characters?` }),
  /** `free` is lib/aurous/cost's "0 credits". */
  bulkSaveBody: (free: string) => `Each becomes ready to use in images. Saving is free (${free}).`,
  bulkSaveSkipped: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} of the selected is not in review (already saved, synthesizing or failed) and stays as it is.`,
      other: `${formatNumber(count)} of the selected are not in review (already saved, synthesizing or failed) and stay as they are.`,
    }),
  bulkDeleteTitle: (count: number) =>
    plural(count, { one: `Delete ${formatNumber(count)} character?`, other: `Delete ${formatNumber(count)} characters?` }),
  bulkDeleteInReview: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} is still in review: it is discarded for good, with its references, and cannot be recovered.`,
      other: `${formatNumber(count)} are still in review: they are discarded for good, with their references, and cannot be recovered.`,
    }),
  bulkDeleteOthers: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} can no longer be used for new images; images already made with it are not affected.`,
      other: `${formatNumber(count)} can no longer be used for new images; images already made with them are not affected.`,
    }),
  bulkDeleteCost: (free: string) => `Deleting is free (${free}).`,
  bulkProgress: (kind: 'save' | 'delete', finished: number, total: number) =>
    `${kind === 'save' ? 'Saving' : 'Deleting'} ${formatNumber(finished)} of ${formatNumber(total)}…`,
  bulkDone: (kind: 'save' | 'delete', done: number, total: number) =>
    done === total
      ? plural(done, {
          one: `${kind === 'save' ? 'Saved' : 'Deleted'} ${formatNumber(done)} character.`,
          other: `${kind === 'save' ? 'Saved' : 'Deleted'} ${formatNumber(done)} characters.`,
        })
      : `${kind === 'save' ? 'Saved' : 'Deleted'} ${formatNumber(done)} of ${formatNumber(total)}.`,
  bulkFailedIntro: (kind: 'save' | 'delete', count: number) =>
    plural(count, {
      one: `${formatNumber(count)} could not be ${kind === 'save' ? 'saved' : 'deleted'} and is still selected:`,
      other: `${formatNumber(count)} could not be ${kind === 'save' ? 'saved' : 'deleted'} and are still selected:`,
    }),
  bulkFailedRow: (name: string, reason: string) => `${name}: ${reason}`,
  dismiss: 'Dismiss',
  updated: (relative: string) => `Updated ${relative}`,
  created: (relative: string) => `Created ${relative}`,
  loadMore: 'Load more',

  // Character page
  editDetails: 'Edit details',
  reconnecting: 'Reconnecting… what you see may be out of date.',
  synthesisFailed: 'Synthesis failed',
  noReason: 'No reason was given.',
  failedNextStep: 'Resynthesize to try again, or delete it.',
  reviewHint: 'Review the poses. Regenerate any that look wrong, then save to make the character ready to use.',
  characterId: 'Character id',
  notFoundTitle: 'Character not found',
  notFoundBody: 'This character no longer exists (it may have been deleted).',
  loadCharacterFailed: 'Could not load the character',
  goToLibrary: 'Go to the library',
  loadingCharacter: 'Loading the character…',
  savedNotice: 'Saved. The character is ready to use.',
  detailsSavedNotice: 'Details saved.',

  // Synthesis status
  synthesizing: 'Synthesizing…',
  /** "42 sec so far", "1 min 5 sec so far": outside the live region, as it changes every second. */
  elapsedSoFar: (minutes: number, seconds: number) => `${minutes > 0 ? `${formatMinutes(minutes)} ` : ''}${formatSeconds(seconds)} so far`,
  synthesisExpectation: (fromSeconds: number, toSeconds: number, slow: boolean) =>
    `This usually takes ${formatNumber(fromSeconds)}–${formatNumber(toSeconds)} ${plural(toSeconds, { one: 'second', other: 'seconds' })}${
      slow ? ', and this one is taking longer' : ''
    }. The page updates by itself; you can leave and come back.`,

  // Review
  review: 'Review',
  save: 'Save',
  saving: 'Saving…',
  resynthesizeAll: 'Resynthesize all',
  resynthesize: 'Resynthesize',
  regenerate: 'Regenerate',
  generate: 'Generate',
  delete: 'Delete',
  /** `poseWord`: the pose as it reads inside a sentence (`lib/aurous/messages`). */
  regenerateTitle: (poseWord: string) => `Regenerate the ${poseWord} pose?`,
  resynthesizeTitle: 'Resynthesize all poses?',
  deleteTitle: 'Delete this character?',
  regenerateCost: (price: string) => `This costs ${price}. The other poses stay as they are.`,
  resynthesizeCost: (price: string) => `This costs ${price} and replaces every pose.`,

  // Review grid
  referencePoses: 'Reference poses',
  poseTile: (pose: string) => `${pose} pose`,
  viewLarger: (pose: string) => `View ${pose} larger`,
  noReferenceYet: (poseWord: string) => `No ${poseWord} reference yet`,
  regenerating: 'Regenerating…',
  generating: 'Generating…',
  /** Shown under the tiles, and the description of each tile's Generate / Regenerate button. */
  poseCost: (price: string) => `Generating or regenerating one pose costs ${price}; the other poses stay as they are.`,

  // Zoom
  poseViewer: 'Pose viewer',
  zoomLabel: (pose: string, position: number, total: number) => `${pose} pose, ${formatNumber(position)} of ${formatNumber(total)}`,
  zoomCounter: (position: number, total: number) => `(${formatNumber(position)} of ${formatNumber(total)})`,
  zoomAlt: (pose: string) => `${pose} pose, large`,
  zoomSwipeHint: 'Swipe left or right for the next or previous pose.',
  close: 'Close',
  previous: '← Previous',
  next: 'Next →',

  // Edit details
  name: 'Name',
  nameEmpty: 'The name cannot be empty.',
  saveDetailsFailed: (reason: string) => `Could not save the details: ${reason}`,
  saveDetails: 'Save details',

  // Action feedback
  retrying: (action: string, message: string) => `${action}: ${message}`,
  actionFailed: (action: string, reason: string) => `${action} failed: ${reason}`,
  availableCredits: (available: number) => `Available: ${formatCredits(available)}.`,
});
