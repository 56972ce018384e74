/**
 * Uploads belong to the scope that started them (`init` through the console): only that scope
 * may classify an upload or make a character from it. To anyone else an upload id they did not
 * start does not exist (404, in the API's words), as with characters.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { uploadOwner } from '../db/schema';
import type { Viewer } from './scope';

export async function keepUploadOwner(db: Database, viewer: Viewer, uploadId: string): Promise<void> {
  await db.insert(uploadOwner).values({ uploadId, ownerScope: viewer.actor.scope }).onConflictDoNothing();
}

/** The first of `uploadIds` this viewer may not use, or null when it may use them all. */
export async function foreignUpload(db: Database, viewer: Viewer, uploadIds: readonly string[]): Promise<string | null> {
  if (viewer.access.kind === 'all' || uploadIds.length === 0) return null;
  const scope = viewer.actor.scope;
  const mine = scope
    ? await db
        .select({ id: uploadOwner.uploadId })
        .from(uploadOwner)
        .where(and(inArray(uploadOwner.uploadId, [...uploadIds]), eq(uploadOwner.ownerScope, scope)))
    : [];
  const owned = new Set(mine.map((row) => row.id));
  return uploadIds.find((id) => !owned.has(id)) ?? null;
}
