import { defineMessages } from '../i18n/messages';

/** Why an action is unavailable, for `character-rules.ts` (only the character screens need these). */
export const messages = defineMessages({
  alreadySaved: 'Already saved.',
  waitForSynthesis: 'Wait for synthesis to finish.',
  failedCannotSave: 'A failed character cannot be saved; resynthesize it first.',
  deleted: 'This character was deleted.',
  needsDescription: 'Add a description (Edit details) so poses can be generated.',
  alreadyDeleted: 'Already deleted.',
  deleteInReview: 'This character is still in review: deleting discards it and its references for good. It cannot be recovered.',
  deleteSaved: 'The character will no longer be usable for new images. Images already made with it are not affected.',
});
