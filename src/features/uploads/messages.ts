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
      `JPEG, PNG, WebP or HEIC, ${max} per character; photos over ${maxSize} are shrunk to fit. You can also paste an image.`,
    full: (max: number) => `All ${max} places are taken: remove an image to add another.`,
    pastedText: 'The pasted text',
    pageDrop: 'Drop the images anywhere to add them',
  },
  samples: {
    prompt: 'No images of your own?',
    button: 'Try with sample images',
    loading: 'Loading samples…',
    failed: 'The sample images could not be loaded. Check your connection and try again.',
  },
  refusals: {
    listLabel: 'Files not added',
    summary: (count: number) => (count === 1 ? '1 file was not added' : `${count} files were not added`),
    dismissAll: 'Dismiss all',
    // Each reason follows the file name: "<name> is not a JPEG…".
    notAnImage: 'is not a JPEG, PNG, WebP or HEIC image. Choose a photo in one of those formats.',
    empty: 'is empty (0 bytes). Choose the file again.',
    tooLarge: (size: string, limit: string) => `is ${size}, too large to shrink in the browser (up to ${limit}). Resize or compress it.`,
    couldNotShrink: 'is larger than the API accepts and could not be shrunk in the browser. Resize or compress it and add it again.',
    tooMany: (max: number) => `was not added: a character takes at most ${max} reference images. Remove one to make room.`,
    unreadable: 'is not a readable JPEG, PNG or WebP image (its contents do not match its name). Choose another file.',
    pastedText: 'is not an image. Copy an image or an image file, then paste again.',
    /** Worded by what the person did: they added this image already (under this name or another). */
    duplicate: (twin: string, name: string) => (twin === name ? 'is already added.' : `is already added, as ${twin}.`),
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
