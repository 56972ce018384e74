/**
 * Every word of the "From images" flow. Refusal reasons follow the file's name, shown in bold
 * ("notes.txt" + " is not a JPEG…"), so they read as the rest of a sentence about that file.
 * Sizes, percentages and lists arrive already formatted (lib/i18n/format).
 */
import { defineMessages } from '../../lib/i18n/messages';

export const messages = defineMessages({
  page: {
    title: 'New character from images',
    description: (max: number) =>
      `Add 1–${max} reference images of one character. Each is uploaded and its pose detected; then name the character and create it.`,
  },
  dropzone: {
    groupLabel: 'Add reference images',
    inputLabel: 'Choose reference images',
    title: 'Drag reference images here',
    titleActive: 'Drop the images here',
    browse: 'Browse for images',
    emptyHint: 'One front view plus side, back or portrait views of the same character gives the best result.',
    formats: (maxSize: string, max: number) =>
      `JPEG, PNG, WebP or HEIC, up to ${maxSize} each, ${max} per character. You can also paste an image.`,
    full: (max: number) => `All ${max} places are taken: remove an image to add another.`,
    pastedText: 'The pasted text',
  },
  samples: {
    prompt: 'No images of your own?',
    button: 'Try with sample images',
    loading: 'Loading samples…',
    failed: 'The sample images could not be loaded. Check your connection and try again.',
  },
  refusals: {
    listLabel: 'Files not added',
    dismiss: 'Dismiss',
    dismissLabel: (name: string) => `Dismiss the message about ${name}`,
    // Each reason follows the file name: "<name> is not a JPEG…".
    notAnImage: 'is not a JPEG, PNG, WebP or HEIC image. Choose a photo in one of those formats.',
    empty: 'is empty (0 bytes). Choose the file again.',
    tooLarge: (size: string, limit: string) => `is ${size}; the limit is ${limit}. Resize or compress it.`,
    tooMany: (max: number) => `was not added: a character takes at most ${max} reference images. Remove one to make room.`,
    unreadable: 'is not a readable JPEG, PNG or WebP image (its contents do not match its name). Choose another file.',
    mismatch: (declared: string, actual: string, extension: string) =>
      `is named as a ${declared} but contains a ${actual} image. Rename it to .${extension} and add it again.`,
    pastedText: 'is not an image. Copy an image or an image file, then paste again.',
    duplicate: (twin: string) => `is the same image as ${twin}, so it was skipped.`,
    couldNotRead: 'could not be read. Choose the file again.',
    heicConversion: 'is a HEIC photo that could not be converted to JPEG. Export it as JPEG and add it again.',
    damaged: 'could not be decoded as an image; the file may be damaged. Export it again and retry.',
    expired: 'was uploaded more than 24 hours ago and its upload has expired. Add it again.',
  },
  queue: {
    heading: (count: number) => `Reference images (${count})`,
    listLabel: 'Reference images',
    /** A file's stage in the plain list shown while the rows' code loads. */
    plainStage: (stage: string) => `· ${stage}`,
    totalLabel: 'Total upload progress',
    sentOfTotal: (sent: string, total: string) => `${sent} of ${total}`,
  },
  item: {
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    retry: 'Retry',
    retryLabel: (name: string) => `Retry ${name}`,
    uploadingLabel: (name: string) => `Uploading ${name}`,
    chooseAgain: (name: string) => `Choose ${name} again`,
    reloaded: 'The page was reloaded before this file was sent.',
    retryingIn: (wait: string, reason: string) => `Retrying in ${wait} — ${reason}`,
    retryingNow: (reason: string) => `Retrying… — ${reason}`,
    mustChooseAgain: (name: string) => `${name} has to be chosen again before it can be uploaded.`,
  },
  stage: {
    preparing: 'Preparing',
    waiting: 'Waiting',
    uploading: (percent: string) => `Uploading ${percent}`,
    classifying: 'Classifying',
    classified: 'Classified',
    failed: 'Failed',
    needsFile: 'Choose the file again',
  },
  announce: {
    uploading: (name: string) => `${name}: uploading.`,
    classifying: (name: string) => `${name}: uploaded, classifying.`,
    classified: (name: string, pose: string, confidence: string) => `${name}: ${pose}, ${confidence} confidence.`,
    failed: (name: string, message: string) => `${name} failed: ${message}`,
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
  blocker: {
    noImages: 'Add at least one reference image.',
    needsFile: (count: number) =>
      count === 1
        ? 'Choose 1 file again (its upload was interrupted by a reload) or remove it.'
        : `Choose ${count} files again (their uploads were interrupted by a reload) or remove them.`,
    failed: (count: number) =>
      count === 1 ? 'Retry or remove the failed upload first.' : `Retry or remove the ${count} failed uploads first.`,
    busy: (count: number) => (count === 1 ? 'Wait for 1 upload to finish.' : `Wait for ${count} uploads to finish.`),
  },
  form: {
    heading: 'Name the character',
    nameLabel: 'Character name',
    namePlaceholder: 'e.g. Aurora the Adventurer',
    nameRequired: 'Give the character a name.',
    describe: 'Describe the character (optional)',
    describeHint: 'With a description, poses your images lack can be generated later from the character page.',
    describeLoading: 'Loading the fields…',
    create: 'Create character',
    creating: 'Creating…',
    created: (name: string) => `${name} was created. Opening its page…`,
    failed: (reason: string) => `Could not create the character: ${reason} Your images and name are kept; try again.`,
  },
});
