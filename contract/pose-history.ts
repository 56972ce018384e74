/**
 * `GET /api/characters/:id/history`: every version of each pose the console kept (issue 16), and
 * `GET /api/characters/:id/history/:pose/:version/:size` for one kept image (`thumb`: a ≤ 480 px
 * WebP; `full`: the image as storage served it). Before a regenerate or resynthesize replaces a
 * pose, the console server keeps the old images in its own storage; the live version is the
 * character's ref as the API answers it, so it has no kept image until it is replaced.
 *
 * The API has no way to put an old version back (regenerate makes a new image; PATCH changes only
 * name and attributes; a saved character cannot return to reviewing): history is for looking and
 * comparing, never for restoring.
 */
import type { Pose } from './constants';

export const POSE_HISTORY_ROUTE = '/api/characters/:id/history';
export const POSE_VERSION_IMAGE_ROUTE = '/api/characters/:id/history/:pose/:version/:size';
export const POSE_IMAGE_SIZES = ['thumb', 'full'] as const;
export type PoseImageSize = (typeof POSE_IMAGE_SIZES)[number];
/** Kept thumbnails are this wide (THUMBNAIL_WIDTHS' largest): sharp enough for a tile at 2x. */
export const HISTORY_THUMBNAIL_WIDTH = 480;

export type ReplacedBy = 'regenerate' | 'resynthesize';

export interface PoseVersion {
  pose: Pose;
  /** 1 is the pose as first made; each regenerate or resynthesize that replaced it adds one. */
  version: number;
  created_at: string;
  /** The live version: its image is the character's ref (`thumbnail_url`/`image_url` are null). */
  current: boolean;
  replaced_by: ReplacedBy | null;
  replaced_at: string | null;
  /** When a save approved this version, and who (their email), or null. */
  approved_at: string | null;
  approved_by: string | null;
  /** The kept images, or null: the live version, or storage no longer had them when it was replaced. */
  thumbnail_url: string | null;
  image_url: string | null;
}

export interface PoseHistory {
  object: 'pose_history';
  character_id: string;
  /** By pose (canonical order), oldest version first. */
  versions: PoseVersion[];
}

export function poseHistoryUrl(characterId: string): string {
  return `/api/characters/${encodeURIComponent(characterId)}/history`;
}

export function poseVersionImageUrl(characterId: string, pose: Pose, version: number, size: PoseImageSize): string {
  return `/api/characters/${encodeURIComponent(characterId)}/history/${pose}/${version}/${size}`;
}
