/**
 * Every user-facing string of the characters feature: Synthesize, the library and a character's
 * review page. Numbers and times arrive already formatted (`lib/i18n/format`), so the words
 * around them stay the translator's.
 */
import type { CharacterStatus } from '../../../contract/constants';
import { defineMessages } from '../../lib/i18n/messages';

const generations = (count: number, formatted: string) => `${formatted} ${count === 1 ? 'generation' : 'generations'}`;

export const messages = defineMessages({
  /** Shown lowercase in the status badge (capitalised by CSS), so a test can read the raw status. */
  status: {
    synthesizing: 'synthesizing',
    reviewing: 'reviewing',
    ready: 'ready',
    failed: 'failed',
    deleted: 'deleted',
  } as Record<CharacterStatus, string>,
  statusOption: {
    synthesizing: 'Synthesizing',
    reviewing: 'Reviewing',
    ready: 'Ready',
    failed: 'Failed',
    deleted: 'Deleted',
  } as Record<CharacterStatus, string>,
  retry: 'Try again',
  cancel: 'Cancel',
  loading: 'Loading…',

  // Synthesize
  synthesizeTitle: 'Synthesize a character',
  synthesizeDescription:
    'Describe the character; the platform draws four reference poses (portrait, front, side, back) for you to review.',
  characterName: 'Character name',
  nameRequired: 'Give the character a name.',
  synthesize: 'Synthesize',
  starting: 'Starting…',
  costs: (count: number, formatted: string) => `Costs ${generations(count, formatted)}.`,
  balance: (credits: string) => `Your team has ${credits} credits available.`,
  balanceLoading: 'Checking your balance…',
  balanceError: 'The balance could not be loaded.',
  notEnoughCredits: 'That is not enough to synthesize.',

  // Library
  libraryTitle: 'Characters',
  libraryDescription: 'Every character your team has made. Open one to review, rename or delete it.',
  statusFilter: 'Status',
  allStatuses: 'All',
  loadingCharacters: 'Loading characters',
  charactersList: 'Characters',
  loadCharactersFailed: (reason: string) => `Could not load the characters: ${reason}`,
  loadMoreFailed: (reason: string) => `Could not load more characters: ${reason}`,
  emptyTitle: 'No characters yet.',
  emptyBody: 'Make one from reference images you already have, or synthesize one from a description.',
  fromImages: 'From images',
  synthesizeLink: 'Synthesize',
  filteredEmptyTitle: (status: string) => `No ${status} characters.`,
  filteredEmptyBody: 'No character has this status right now.',
  clearFilter: 'Show all characters',
  coverAlt: (pose: string, name: string) => `${pose} of ${name}`,
  noImageYet: 'No image yet',
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
  synthesizingFor: (elapsed: string) => `Synthesizing… ${elapsed} so far`,
  elapsed: (minutes: string | null, seconds: string) => (minutes ? `${minutes} ${seconds}` : seconds),
  minutes: (count: string) => `${count} min`,
  synthesisExpectation: (slow: boolean) =>
    `This usually takes 30–90 seconds${slow ? ', and this one is taking longer' : ''}. The page updates by itself; you can leave and come back.`,

  // Review
  review: 'Review',
  save: 'Save',
  saving: 'Saving…',
  resynthesizeAll: 'Resynthesize all',
  resynthesize: 'Resynthesize',
  regenerate: 'Regenerate',
  generate: 'Generate',
  delete: 'Delete',
  regenerateTitle: (pose: string) => `Regenerate the ${pose.toLowerCase()} pose?`,
  resynthesizeTitle: 'Resynthesize all poses?',
  deleteTitle: 'Delete this character?',
  regenerateCost: (count: number, formatted: string) => `This costs ${generations(count, formatted)}. The other poses stay as they are.`,
  resynthesizeCost: (count: number, formatted: string) => `This costs ${generations(count, formatted)} and replaces every pose.`,

  // Review grid
  referencePoses: 'Reference poses',
  poseTile: (pose: string) => `${pose} pose`,
  viewLarger: (pose: string) => `View ${pose} larger`,
  noReferenceYet: (pose: string) => `No ${pose.toLowerCase()} reference yet`,
  regenerating: 'Regenerating…',
  generating: 'Generating…',
  generateHint: (verb: string, pose: string, count: number, formatted: string) =>
    `${verb} the ${pose.toLowerCase()} pose (${generations(count, formatted)})`,

  // Zoom
  poseViewer: 'Pose viewer',
  zoomLabel: (pose: string, position: string, total: string) => `${pose} pose, ${position} of ${total}`,
  zoomCounter: (position: string, total: string) => `(${position} of ${total})`,
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
  availableCredits: (credits: string) => `Available: ${credits} credits.`,
});
