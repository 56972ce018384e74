/**
 * The words of the upload rows and what only they show (pose badges, the duplicate-front
 * warning, what was done to a photo): fetched with the rows after the first screen, so they
 * cost it nothing. The first screen's words are in messages.ts.
 */
import { defineMessages } from '../../lib/i18n/messages';

export const rowMessages = defineMessages({
  item: {
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    retry: 'Retry',
    retryLabel: (name: string) => `Retry ${name}`,
    uploadingLabel: (name: string) => `Uploading ${name}`,
    chooseAgain: (name: string) => `Choose ${name} again`,
    reloaded: 'The page was reloaded before this file was sent.',
    /** One state per row: what happened, then what comes next, with the automatic try it leads to. */
    retryingIn: (wait: string, next: number, of: number) => `Retrying in ${wait} (try ${next} of ${of})`,
    retryingNow: (next: number, of: number) => `Retrying now (try ${next} of ${of})`,
    retryNow: 'Retry now',
    retryNowLabel: (name: string) => `Retry ${name} now`,
    rateLimited: 'The API asked the console to slow down.',
    failedWhy: (message: string) => `${message} It was not uploaded: retry, or remove it.`,
    preview: (name: string) => `Preview ${name}`,
    previewTitle: (name: string) => name,
    close: 'Close',
    mustChooseAgain: (name: string) => `${name} has to be chosen again before it can be uploaded.`,
  },
  pose: {
    description: {
      portrait: 'Portrait: head and shoulders.',
      front: 'Front: full body, facing the camera.',
      side: 'Side: full body, in profile.',
      back: 'Back: full body, facing away.',
      other: 'Other: any other view. This is a normal label, not an error.',
    },
    confidence: (percent: string) => `${percent} confidence`,
    low: '(low)',
    confidenceHelp: (percent: string) =>
      `Confidence (${percent}) is how sure the classifier is about this pose. It is informative only, never a gate: an image with low confidence can still be used.`,
  },
  duplicateFront: {
    title: (count: number) => `${count} images were classified as front`,
    body: (names: string, count: number) =>
      `${names} ${count === 2 ? 'both show' : 'all show'} the front view. The character then gets the same view twice and no view of another side, so synthesis has less to go on and the character comes out less consistent. Replace one with a side or back view, or keep them and continue.`,
  },
  /** What the browser did to a photo before sending it, so a size that changed is never a surprise. */
  adjusted: {
    converted: (from: string, to: string) => `Converted from HEIC (${from}) to JPEG (${to}).`,
    rotated: 'Turned upright, as the camera recorded it.',
    shrunk: (from: string, to: string) => `Shrunk from ${from} to ${to} to fit the API’s limits.`,
    shrunkPixels: (from: string, to: string) => `Shrunk from ${from} to ${to} px to fit the API’s limits.`,
    renamed: (named: string, actual: string) => `Named as a ${named}, but it is a ${actual}: sent as the ${actual} it is.`,
  },
  total: {
    speed: (perSecond: string) => `${perSecond}/s`,
    remaining: (time: string) => `about ${time} left`,
  },
});
