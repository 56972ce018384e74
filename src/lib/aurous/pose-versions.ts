/**
 * What a page shows of one pose's history: v1, v2, … with the image of each — kept ones from the
 * console's storage, the live one from the character's ref — which one a save approved, and the
 * old/new pair Compare puts side by side. Pure: no React, no requests.
 */
import type { Character } from '../../../contract/aurous';
import type { Pose } from '../../../contract/constants';
import type { PoseHistory, ReplacedBy } from '../../../contract/pose-history';
import { thumbnailUrl } from '../../../contract/thumbnails';

export interface ShownVersion {
  pose: Pose;
  version: number;
  /** The live version. */
  current: boolean;
  /** The live version while the character is synthesizing: its image is still being made. */
  pending: boolean;
  thumbnailUrl: string | null;
  imageUrl: string | null;
  replacedBy: ReplacedBy | null;
  approved: boolean;
}

/** One pose's versions, oldest first; a pose never replaced is its v1, the character's ref. */
export function versionsOfPose(history: PoseHistory | undefined, character: Character, pose: Pose): ShownVersion[] {
  const ref = character.refs.find((each) => each.pose === pose);
  const live = (version: number, approved: boolean): ShownVersion => {
    const pending = character.status === 'synthesizing' && version > 1;
    return {
      pose,
      version,
      current: true,
      pending,
      thumbnailUrl: ref && !pending ? thumbnailUrl(character.id, pose, 480, character.updated_at) : null,
      imageUrl: ref && !pending ? ref.url : null,
      replacedBy: null,
      approved,
    };
  };
  const rows = (history?.versions ?? []).filter((each) => each.pose === pose);
  // A save through the console records its approval, so no rows means none was recorded.
  if (rows.length === 0) return ref ? [live(1, false)] : [];
  return rows.map((row) =>
    row.current
      ? live(row.version, row.approved_at !== null)
      : {
          pose,
          version: row.version,
          current: false,
          pending: false,
          thumbnailUrl: row.thumbnail_url,
          imageUrl: row.image_url,
          replacedBy: row.replaced_by,
          approved: row.approved_at !== null,
        },
  );
}

/** Compare's pair for one pose: the latest kept earlier version beside the live one (null: none to compare). */
export function oldAndNew(versions: readonly ShownVersion[]): [ShownVersion, ShownVersion] | null {
  const current = versions.find((each) => each.current && !each.pending && each.imageUrl);
  const before = versions.findLast((each) => !each.current && each.imageUrl);
  return current && before ? [before, current] : null;
}
