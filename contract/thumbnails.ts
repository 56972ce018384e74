/**
 * `GET /api/characters/:id/refs/:pose/thumbnail?w=<width>&v=<updated_at>`: a small WebP of one
 * ref, made by the console server and kept in its own storage (server/images/). The widths are a
 * fixed set so every browser asks for the same few images; `v` (the character's `updated_at`)
 * names the version, so a regenerate is a new URL and an old one may be cached for good.
 */
import type { Pose } from './constants';

export const THUMBNAIL_ROUTE = '/api/characters/:id/refs/:pose/thumbnail';
/** Pixels wide: a 2-column phone tile (~160 CSS px) and a desktop tile (~240), at 1x and 2x. */
export const THUMBNAIL_WIDTHS = [160, 240, 480] as const;
export type ThumbnailWidth = (typeof THUMBNAIL_WIDTHS)[number];
/** A thumbnail fits inside width × 4/3 width (the tiles are 3:4), keeping the image's own aspect. */
export const thumbnailHeight = (width: number): number => Math.round((width * 4) / 3);

export function thumbnailUrl(characterId: string, pose: Pose, width: ThumbnailWidth, version: string): string {
  return `/api/characters/${encodeURIComponent(characterId)}/refs/${pose}/thumbnail?w=${width}&v=${encodeURIComponent(version)}`;
}
