/**
 * Where the console keeps images it made or kept itself, by key: one small interface, so what
 * stores them can change without the routes noticing. The library's thumbnails and the pose
 * history's images (server/images/pose-history.ts: a thumbnail and the full size of each replaced
 * version) both live here.
 *
 * They live in the database: they are a few KB each (a 480 px WebP is ~10–40 KB), every
 * copy of the console already shares the database (a folder would be one copy's alone), it is
 * backed up with the index that names them, and it needs no new service to run.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { storedImage } from '../db/schema';

export interface StoredImage {
  contentType: string;
  bytes: Buffer;
}

export interface ImageStore {
  get(key: string): Promise<StoredImage | null>;
  /** Keeps `image` under `key`; a second put of the same key (another copy got there first) keeps the first. */
  put(key: string, image: StoredImage & { characterId?: string | null }): Promise<void>;
}

export function databaseImageStore(db: Database): ImageStore {
  return {
    async get(key) {
      const [row] = await db
        .select({ contentType: storedImage.contentType, bytes: storedImage.bytes })
        .from(storedImage)
        .where(eq(storedImage.key, key))
        .limit(1);
      return row ?? null;
    },
    async put(key, { contentType, bytes, characterId = null }) {
      await db.insert(storedImage).values({ key, characterId, contentType, bytes }).onConflictDoNothing({ target: storedImage.key });
    },
  };
}
