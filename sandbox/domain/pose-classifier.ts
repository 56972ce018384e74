/**
 * Deterministic pose classification of an uploaded image.
 *
 * 1. A pose word in the filename given at init wins (case-insensitive, matched as a word: the
 *    name is split on anything that is not a letter, the first pose word found counts):
 *    front → front; side, profile → side; back, rear → back;
 *    portrait, headshot, face, closeup → portrait.           Confidence 0.80–0.99.
 * 2. Else the image's dimensions (read with image-size), by aspect ratio r = height / width:
 *    0.8 ≤ r ≤ 1.25 (roughly square) → portrait; r ≥ 1.6 (tall, full body) → front;
 *    1.25 < r < 1.6 (moderately tall) → side.                 Confidence 0.50–0.79.
 * 3. Else (wide images, r < 0.8, or unreadable bytes) → other. Confidence 0.30–0.60.
 *
 * The confidence within each range comes from a SHA-256 of the bytes, so the same bytes always
 * get the same answer and repeated calls are identical.
 */
import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import type { Pose } from '../../contract/aurous';

/** Words in a filename that name a pose (also what /_sandbox/poses lists). */
export const POSE_WORDS: Readonly<Record<string, Pose>> = {
  front: 'front',
  side: 'side',
  profile: 'side',
  back: 'back',
  rear: 'back',
  portrait: 'portrait',
  headshot: 'portrait',
  face: 'portrait',
  closeup: 'portrait',
};

/** Aspect ratios (height / width) by which an image without a pose word is judged. */
export const ASPECT = { squareFrom: 0.8, squareTo: 1.25, tallFrom: 1.6 } as const;

/** Confidence ranges: a pose word, the aspect ratio, or neither. */
export const CONFIDENCE = {
  filename: [0.8, 0.99],
  dimensions: [0.5, 0.79],
  other: [0.3, 0.6],
} as const satisfies Record<string, readonly [number, number]>;

export interface Classification {
  pose: Pose;
  confidence: number;
}

function fraction(bytes: Uint8Array): number {
  return createHash('sha256').update(bytes).digest().readUInt32BE(0) / 0x1_0000_0000;
}

const within = (low: number, high: number, f: number) => Math.round((low + f * (high - low)) * 100) / 100;

export function poseFromFilename(filename: string): Pose | null {
  const stem = filename.replace(/\.[a-z0-9]+$/i, '');
  for (const word of stem.toLowerCase().split(/[^a-z]+/)) {
    const pose = POSE_WORDS[word];
    if (pose) return pose;
  }
  return null;
}

export function poseFromDimensions(bytes: Uint8Array): Pose | null {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = imageSize(bytes));
  } catch {
    return null;
  }
  if (!width || !height) return null;
  const ratio = height / width;
  if (ratio >= ASPECT.squareFrom && ratio <= ASPECT.squareTo) return 'portrait';
  if (ratio >= ASPECT.tallFrom) return 'front';
  if (ratio > ASPECT.squareTo) return 'side';
  return null;
}

export function classify(filename: string, bytes: Uint8Array): Classification {
  const f = fraction(bytes);
  const named = poseFromFilename(filename);
  if (named) return { pose: named, confidence: within(...CONFIDENCE.filename, f) };
  const measured = poseFromDimensions(bytes);
  if (measured) return { pose: measured, confidence: within(...CONFIDENCE.dimensions, f) };
  return { pose: 'other', confidence: within(...CONFIDENCE.other, f) };
}
