import type { Pose } from '../../../contract/constants';
import { defineMessages } from '../i18n/messages';

/** Words shared by every screen that calls the API: why an action is unavailable, retries, errors. */
export const messages = defineMessages({
  /** The API's pose names: as a label, and inside a sentence. */
  poseName: { portrait: 'Portrait', front: 'Front', side: 'Side', back: 'Back', other: 'Other' } satisfies Record<Pose, string>,
  poseWord: { portrait: 'portrait', front: 'front', side: 'side', back: 'back', other: 'other' } satisfies Record<Pose, string>,
  retrying: {
    rateLimited: (wait: string | null) => (wait ? `Rate limited; retrying in ${wait}…` : 'Rate limited; retrying…'),
    firstAttemptFinishing: 'The first attempt is still finishing; retrying…',
    connection: 'Connection trouble; retrying…',
    /** A person's own action queued behind the team's rate budget for longer than a moment; the wait counts down. */
    waitingForApi: (wait?: string) => (wait ? `Waiting for the API (${wait})` : 'Waiting for the API…'),
  },
  errors: {
    generic: 'Something went wrong.',
    unreachable: 'The console server could not be reached. Check your connection.',
    httpStatus: (status: number) => `The server answered HTTP ${status}.`,
    // Said as the reason of a retry and of a failure alike, so they say what happened, not what comes next.
    uploadStalled: (wait: string) => `The upload stalled (no progress for ${wait}).`,
    uploadUnconfirmed: (wait: string) => `Every byte was sent, but storage did not confirm the upload within ${wait}.`,
    uploadInterrupted: 'The upload was interrupted. Check your connection.',
    tooManyRequests: (wait: string | null) =>
      wait ? `Too many requests right now; try again in ${wait}.` : 'Too many requests right now.',
    insufficientCredits: (detail: string) => `Not enough credits: ${detail}`,
    notFound: 'This no longer exists (it may have been deleted).',
    uploadInvalid: 'This upload has expired or was already used. Remove it and add the file again.',
    apiKeyRefused: 'The console server’s API key was refused. Ask whoever runs this console to check AUROUS_API_KEY.',
    withField: (message: string, field: string) => `${message} (field: ${field})`,
  },
});
