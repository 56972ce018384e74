/**
 * `GET /api/characters/:id/refs/:pose/thumbnail?w=&v=` (contract/thumbnails.ts): the library's
 * covers as small WebPs instead of the full-size originals (a 4000×6000 upload was the image in a
 * 234 px tile).
 *
 * Scoped like every character route: a caller who may not reach the character gets the same 404
 * as for one that does not exist. The ref comes from the index's copy of the API's last answer;
 * its bytes are fetched once per version and width (server/images/ref-source.ts), resized with
 * sharp and kept in the console's image store, so every copy and every later request reuses it.
 * The store key carries the character's `updated_at`: a regenerate or resynthesize changes it, so
 * it makes a new thumbnail (a ref's URL is opaque and may keep its path across versions).
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import sharp from 'sharp';
import type { Character } from '../../contract/aurous';
import { POSES, type Pose } from '../../contract/constants';
import { thumbnailHeight, THUMBNAIL_WIDTHS } from '../../contract/thumbnails';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { character as characterTable } from '../db/schema';
import { reaches } from '../scope/character-index';
import type { ViewerSource } from '../scope/viewer';
import type { ImageStore } from './image-store';
import type { RefSource } from './ref-source';

/** Larger inputs are refused before decoding (24 MP for a 4000×6000 photo; 50 MP leaves room). */
export const MAX_INPUT_PIXELS = 50_000_000;
/**
 * Thumbnails made at once by one copy; the rest wait their turn. A first look at a library of 20
 * new uploads would otherwise hold 20 originals (up to the upload limit each) and 20 decodes in
 * memory together.
 */
export const MAX_MAKING = 4;
/** A versioned URL never changes: a year. */
const IMMUTABLE = 'private, max-age=31536000, immutable';
/** An unversioned or out-of-date URL: revalidate (the ETag makes that a 304). */
const REVALIDATE = 'private, no-cache';
const WEBP = 'image/webp';

export interface ThumbnailRouteOptions {
  db: Database;
  viewers: ViewerSource;
  store: ImageStore;
  source: RefSource;
}

export const thumbnailKey = (id: string, pose: Pose, updatedAt: string, width: number) =>
  `thumb/${id}/${pose}/${Date.parse(updatedAt)}/${width}`;

/** Rotated by its EXIF orientation, inside width × 4/3 width, never enlarged, WebP without metadata. */
export async function makeThumbnail(bytes: Uint8Array, width: number): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width, height: thumbnailHeight(width), fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78, effort: 4 })
    .toBuffer();
}

export function thumbnailRoute({ db, viewers, store, source }: ThumbnailRouteOptions) {
  /** One resize per key at a time in this copy; others wait for it (the store dedupes across copies). */
  const making = new Map<string, Promise<Buffer | Failure>>();
  const slots = semaphore(MAX_MAKING);

  return async (c: Context) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param('id') ?? '';
    const pose = c.req.param('pose') ?? '';
    const rawWidth = c.req.query('w') ?? '';
    const width = Number(rawWidth);
    if (!(THUMBNAIL_WIDTHS as readonly number[]).includes(width) || !/^\d+$/.test(rawWidth)) {
      return consoleError(
        c,
        400,
        'invalid_request',
        'parameter_invalid',
        `w must be one of ${THUMBNAIL_WIDTHS.join(', ')} (pixels wide), not "${rawWidth}".`,
        'w',
      );
    }
    if (!(POSES as readonly string[]).includes(pose)) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `pose must be one of ${POSES.join(', ')}.`, 'pose');
    }
    const noCharacter = () => consoleError(c, 404, 'not_found', 'resource_not_found', `No such character: ${id}.`, 'character_id');
    if (!(await reaches(db, viewer.access, id))) return noCharacter();
    const [row] = await db
      .select({ status: characterTable.status, character: characterTable.character })
      .from(characterTable)
      .where(eq(characterTable.id, id))
      .limit(1);
    if (!row || row.status === 'deleted') return noCharacter();
    const answer = row.character as unknown as Character;
    const ref = (answer.refs ?? []).find((each) => each.pose === pose);
    if (!ref || typeof ref.url !== 'string') {
      return consoleError(c, 404, 'not_found', 'resource_not_found', `This character has no ${pose} image.`, 'pose');
    }

    const key = thumbnailKey(id, pose as Pose, answer.updated_at, width);
    const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
    const headers = {
      'Cache-Control': c.req.query('v') === answer.updated_at ? IMMUTABLE : REVALIDATE,
      ETag: etag,
    };
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      return c.body(null, 304, headers);
    }

    const stored = await store.get(key);
    let bytes: Buffer;
    if (stored) {
      bytes = stored.bytes;
    } else {
      let pending = making.get(key);
      if (!pending) {
        pending = make(key, id, ref.url, width).finally(() => making.delete(key));
        making.set(key, pending);
      }
      const made = await pending;
      if (typeof made === 'string') return failed(c, made);
      bytes = made;
    }
    return c.body(new Uint8Array(bytes), 200, { ...headers, 'Content-Type': WEBP, 'Content-Length': String(bytes.byteLength) });
  };

  async function make(key: string, id: string, url: string, width: number): Promise<Buffer | Failure> {
    const release = await slots.acquire();
    try {
      return await makeNow(key, id, url, width);
    } finally {
      release();
    }
  }

  async function makeNow(key: string, id: string, url: string, width: number): Promise<Buffer | Failure> {
    const fetched = await source(url);
    if (!fetched.ok) {
      if (fetched.reason === 'not_found') return 'gone';
      console.warn(
        `[console] thumbnail ${key}: storage fetch failed (${fetched.reason}${fetched.status ? ` ${fetched.status}` : ''}${fetched.detail ? `: ${fetched.detail}` : ''})`,
      );
      return 'upstream';
    }
    let thumbnail: Buffer;
    try {
      thumbnail = await makeThumbnail(fetched.bytes, width);
    } catch (error) {
      console.warn(`[console] thumbnail ${key}: could not resize (${error instanceof Error ? error.message : String(error)})`);
      return 'unreadable';
    }
    await store.put(key, { contentType: WEBP, bytes: thumbnail, characterId: id });
    return thumbnail;
  }
}

type Failure = 'gone' | 'upstream' | 'unreadable';

function failed(c: Context, failure: Failure) {
  switch (failure) {
    case 'gone':
      return consoleError(c, 404, 'not_found', 'resource_not_found', 'Storage no longer has this image.', 'pose');
    case 'upstream':
      return consoleError(c, 502, 'server_error', 'thumbnail_upstream_failed', 'The image could not be fetched from storage.');
    case 'unreadable':
      return consoleError(c, 502, 'server_error', 'thumbnail_failed', 'Storage answered with an image the console could not read.');
  }
}

/** At most `size` holders at once; `acquire` resolves with the release when it is one's turn. */
function semaphore(size: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else held -= 1;
  };
  return {
    acquire(): Promise<() => void> {
      if (held < size) {
        held += 1;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}
