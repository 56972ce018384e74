/**
 * The history of every pose (issue 16): before a regenerate or resynthesize replaces refs, the
 * console server keeps the old images in its own image store, and `pose_version` numbers them.
 * It runs in the copy that proxies the paid call (server/scope/scoped-api.ts), never in a
 * browser: the bytes are fetched from storage BEFORE the call leaves (afterwards the ref may
 * already name the new image), and the versions are written only once the API accepted it (a
 * refused call replaced nothing). Every copy shares the rows and the images through the database,
 * and one character's history is written under a transaction lock on it, so two copies never
 * give out one version number twice.
 *
 * Both sizes live in the database (`stored_image`, behind the ImageStore interface): a ≤ 480 px
 * WebP thumbnail (10–40 KB) and the full-size image as storage served it (a synthesized ref is
 * typically a few hundred KB to a couple of MB). A folder would be one copy's alone and an
 * object store a new service to run; PostgreSQL keeps large bytea values out of line (TOAST) and
 * backs them up with the rows that name them. A deployment with much history can put the full
 * sizes behind another ImageStore (a folder on shared storage, an object store) without the
 * routes noticing. Only raster images are kept as they came; anything else (an SVG) is kept as a
 * PNG, so the console never serves markup from its own origin.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Character } from '../../contract/aurous';
import { CANONICAL_POSES, type Pose } from '../../contract/constants';
import { HISTORY_THUMBNAIL_WIDTH, type ReplacedBy } from '../../contract/pose-history';
import type { Database } from '../db/database';
import { character as characterTable, poseVersion } from '../db/schema';
import type { ImageStore } from './image-store';
import type { RefSource } from './ref-source';
import { makeThumbnail, MAX_INPUT_PIXELS } from './thumbnail-route';

/** One pose about to be replaced, with its images (null: storage no longer had them, or they were unreadable). */
export interface CapturedPose {
  pose: Pose;
  images: { fullKey: string; thumbKey: string } | null;
}

export interface PoseHistoryStore {
  /** Keeps the images of `poses` of character `id` as the index has them now; call before the paid call leaves. */
  beforeReplace(id: string, poses: readonly Pose[] | 'all'): Promise<CapturedPose[]>;
  /** The API accepted the replace: each captured pose's live version becomes an old one, and a new live one follows. */
  replaced(id: string, captured: readonly CapturedPose[], by: ReplacedBy): Promise<void>;
  /** A save succeeded: the live version of each pose the character has is the approved one. */
  approved(id: string, poses: readonly Pose[], approvedBy: string | null): Promise<void>;
}

const RASTER = new Set(['jpeg', 'png', 'webp', 'avif', 'gif']);

export const historyKey = (id: string, pose: Pose, sourceVersion: string, size: 'full' | 'thumb') =>
  `history/${id}/${pose}/${Date.parse(sourceVersion)}/${size}`;

/** The full-size bytes to keep and their type: a raster as it came, anything else as a PNG. */
async function fullSize(bytes: Uint8Array): Promise<{ contentType: string; bytes: Buffer }> {
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  const { format } = await image.metadata();
  if (format && RASTER.has(format)) return { contentType: `image/${format}`, bytes: Buffer.from(bytes) };
  return { contentType: 'image/png', bytes: await image.png().toBuffer() };
}

export function poseHistoryStore({ db, store, source }: { db: Database; store: ImageStore; source: RefSource }): PoseHistoryStore {
  async function capture(id: string, pose: Pose, url: string, sourceVersion: string): Promise<CapturedPose> {
    const fullKey = historyKey(id, pose, sourceVersion, 'full');
    const thumbKey = historyKey(id, pose, sourceVersion, 'thumb');
    // Kept already (a retried call, or another copy got there first): storage is not asked again.
    if ((await store.get(thumbKey)) && (await store.get(fullKey))) return { pose, images: { fullKey, thumbKey } };
    const fetched = await source(url);
    if (!fetched.ok) {
      console.warn(`[console] pose history ${id}/${pose}: storage fetch failed (${fetched.reason}); the version is kept without images`);
      return { pose, images: null };
    }
    try {
      const full = await fullSize(fetched.bytes);
      const thumbnail = await makeThumbnail(fetched.bytes, HISTORY_THUMBNAIL_WIDTH);
      await store.put(fullKey, { ...full, characterId: id });
      await store.put(thumbKey, { contentType: 'image/webp', bytes: thumbnail, characterId: id });
      return { pose, images: { fullKey, thumbKey } };
    } catch (error) {
      console.warn(`[console] pose history ${id}/${pose}: unreadable image (${error instanceof Error ? error.message : String(error)})`);
      return { pose, images: null };
    }
  }

  /** Serialises one character's history across copies (until the transaction ends). */
  const lock = (tx: Pick<Database, 'execute'>, id: string) =>
    tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pose_version:${id}`}))`);

  return {
    async beforeReplace(id, poses) {
      const [row] = await db.select({ character: characterTable.character }).from(characterTable).where(eq(characterTable.id, id)).limit(1);
      const answer = row?.character as unknown as Character | undefined;
      if (!answer || !Array.isArray(answer.refs)) return [];
      const wanted = poses === 'all' ? null : new Set<Pose>(poses);
      const refs = answer.refs.filter(
        (ref): ref is typeof ref & { url: string } => typeof ref.url === 'string' && (wanted === null || wanted.has(ref.pose)),
      );
      return Promise.all(refs.map((ref) => capture(id, ref.pose, ref.url, answer.updated_at)));
    },

    async replaced(id, captured, by) {
      if (captured.length === 0) return;
      await db.transaction(async (tx) => {
        await lock(tx, id);
        for (const { pose, images } of captured) {
          const rows = await tx
            .select({ version: poseVersion.version, replacedAt: poseVersion.replacedAt })
            .from(poseVersion)
            .where(and(eq(poseVersion.characterId, id), eq(poseVersion.pose, pose)))
            .orderBy(asc(poseVersion.version));
          const live = rows.findLast((each) => each.replacedAt === null);
          const keys = { fullKey: images?.fullKey ?? null, thumbKey: images?.thumbKey ?? null };
          const old = live?.version ?? (rows.at(-1)?.version ?? 0) + 1;
          if (live) {
            await tx
              .update(poseVersion)
              .set({ ...keys, replacedBy: by, replacedAt: sql`now()` })
              .where(and(eq(poseVersion.characterId, id), eq(poseVersion.pose, pose), eq(poseVersion.version, old)));
          } else {
            await tx.insert(poseVersion).values({ characterId: id, pose, version: old, ...keys, replacedBy: by, replacedAt: sql`now()` });
          }
          await tx.insert(poseVersion).values({ characterId: id, pose, version: old + 1 });
        }
      });
    },

    async approved(id, poses, approvedBy) {
      if (poses.length === 0) return;
      await db.transaction(async (tx) => {
        await lock(tx, id);
        for (const pose of poses) {
          const updated = await tx
            .update(poseVersion)
            .set({ approvedAt: sql`now()`, approvedBy })
            .where(and(eq(poseVersion.characterId, id), eq(poseVersion.pose, pose), isNull(poseVersion.replacedAt)))
            .returning({ version: poseVersion.version });
          // Never replaced through the console: its first version is the one approved.
          if (updated.length === 0) {
            await tx
              .insert(poseVersion)
              .values({ characterId: id, pose, version: 1, approvedAt: sql`now()`, approvedBy })
              .onConflictDoNothing();
          }
        }
      });
    },
  };
}

/** Every version kept of a character's poses, canonical pose order, oldest first. */
export async function versionsOf(db: Database, id: string) {
  const rows = await db.select().from(poseVersion).where(eq(poseVersion.characterId, id)).orderBy(asc(poseVersion.version));
  const order = (pose: string) => {
    const index = (CANONICAL_POSES as readonly string[]).indexOf(pose);
    return index < 0 ? CANONICAL_POSES.length : index;
  };
  return rows.sort((a, b) => order(a.pose) - order(b.pose) || a.version - b.version);
}
