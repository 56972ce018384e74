/**
 * The pose history's routes (contract/pose-history.ts), scoped like the thumbnails: a caller who
 * may not reach the character gets the same 404 as for one that does not exist, and a kept image
 * of a character discarded for good is gone with it.
 *
 * - `GET /api/characters/:id/history`: every version of every pose, oldest first.
 * - `GET /api/characters/:id/history/:pose/:version/:size`: one kept image; immutable (a version's
 *   image never changes), never sniffed or run as a document.
 */
import type { Context } from 'hono';
import { POSES, type Pose } from '../../contract/constants';
import { POSE_IMAGE_SIZES, poseVersionImageUrl, type PoseHistory, type PoseImageSize } from '../../contract/pose-history';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { indexedCharacter } from '../scope/character-index';
import type { ViewerSource } from '../scope/viewer';
import type { ImageStore } from './image-store';
import { versionsOf } from './pose-history';

const IMMUTABLE = 'private, max-age=31536000, immutable';

interface HistoryRouteOptions {
  db: Database;
  viewers: ViewerSource;
  store: ImageStore;
}

const noCharacter = (c: Context, id: string) =>
  consoleError(c, 404, 'not_found', 'resource_not_found', `No such character: ${id}.`, 'character_id');

export function poseHistoryRoute({ db, viewers }: HistoryRouteOptions) {
  return async (c: Context) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param('id') ?? '';
    if (!(await indexedCharacter(db, viewer.access, id))) return noCharacter(c, id);
    const rows = await versionsOf(db, id);
    const body: PoseHistory = {
      object: 'pose_history',
      character_id: id,
      versions: rows.map((row) => ({
        pose: row.pose as Pose,
        version: row.version,
        created_at: row.createdAt.toISOString(),
        current: row.replacedAt === null,
        replaced_by: row.replacedBy ?? null,
        replaced_at: row.replacedAt?.toISOString() ?? null,
        approved_at: row.approvedAt?.toISOString() ?? null,
        approved_by: row.approvedBy ?? null,
        thumbnail_url: row.thumbKey ? poseVersionImageUrl(id, row.pose as Pose, row.version, 'thumb') : null,
        image_url: row.fullKey ? poseVersionImageUrl(id, row.pose as Pose, row.version, 'full') : null,
      })),
    };
    c.header('Cache-Control', 'private, no-cache');
    return c.json(body);
  };
}

export function poseVersionImageRoute({ db, viewers, store }: HistoryRouteOptions) {
  return async (c: Context) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param('id') ?? '';
    const pose = c.req.param('pose') ?? '';
    const size = c.req.param('size') ?? '';
    const rawVersion = c.req.param('version') ?? '';
    if (!(POSES as readonly string[]).includes(pose)) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `pose must be one of ${POSES.join(', ')}.`, 'pose');
    }
    if (!(POSE_IMAGE_SIZES as readonly string[]).includes(size)) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `size must be one of ${POSE_IMAGE_SIZES.join(', ')}.`, 'size');
    }
    if (!/^[1-9]\d{0,8}$/.test(rawVersion)) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', 'version must be a whole number from 1.', 'version');
    }
    if (!(await indexedCharacter(db, viewer.access, id))) return noCharacter(c, id);
    const version = Number(rawVersion);
    const row = (await versionsOf(db, id)).find((each) => each.pose === pose && each.version === version);
    const key = row ? (size === ('thumb' satisfies PoseImageSize) ? row.thumbKey : row.fullKey) : null;
    const image = key ? await store.get(key) : null;
    if (!image) {
      return consoleError(
        c,
        404,
        'not_found',
        'resource_not_found',
        `The console kept no ${size} image of ${pose} version ${version}.`,
        'version',
      );
    }
    return c.body(new Uint8Array(image.bytes), 200, {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.byteLength),
      'Cache-Control': IMMUTABLE,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  };
}
