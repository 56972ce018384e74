/** The words of the pose history (the character page and the review queue show it). */
import { defineMessages } from '../../lib/i18n/messages';
import type { ReplacedBy } from '../../../contract/pose-history';

export const messages = defineMessages({
  title: 'Versions',
  /** "Front: versions" — one list per pose. */
  poseVersions: (pose: string) => `${pose}: versions`,
  versionLabel: (version: number) => `v${version}`,
  versionImage: (pose: string, version: number) => `${pose} pose, version ${version}`,
  current: 'current',
  pending: 'being made',
  approved: 'approved',
  replacedBy: { regenerate: 'replaced by a regenerate', resynthesize: 'replaced by a resynthesize' } satisfies Record<ReplacedBy, string>,
  notKept: 'image not kept (storage no longer had it)',
  approvedVersion: (pose: string, version: number) => `${pose}: v${version} approved`,
  noRestore:
    'Older versions are kept for comparing. The API cannot bring one back: a regenerate always makes a new image, and a saved character stays as saved.',
  loadFailed: 'The versions could not be loaded.',
  openFull: (pose: string, version: number) => `Open ${pose} version ${version} full size`,
});
