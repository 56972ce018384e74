/**
 * The character page's history: every pose's versions, which one a save approved, and that the
 * API cannot restore an old one. Lazy-loaded by the page (not needed for its first paint); shown
 * once a pose has more than one version or an approval to report.
 */
import { useQuery } from '@tanstack/react-query';
import type { Character } from '../../../contract/aurous';
import { CANONICAL_POSES } from '../../../contract/constants';
import { messages as apiMessages } from '../../lib/aurous/messages';
import { poseHistoryQueries } from '../../lib/aurous/pose-history-queries';
import { versionsOfPose } from '../../lib/aurous/pose-versions';
import { toneText } from '../ui/notice';
import { messages } from './messages';
import { PoseVersionList } from './pose-version-list';

export function PoseHistorySection({ character }: { character: Character }) {
  const history = useQuery(poseHistoryQueries.detail(character.id, character.updated_at));
  if (history.isError && !history.data) return <p className={toneText({ tone: 'warning' })}>{messages.loadFailed}</p>;
  if (!history.data || history.data.versions.length === 0) return null;
  const poses = CANONICAL_POSES.map((pose) => ({ pose, versions: versionsOfPose(history.data, character, pose) })).filter(
    ({ versions }) => versions.length > 0,
  );
  const approved = poses.flatMap(({ pose, versions }) =>
    versions.filter((each) => each.approved).map((each) => messages.approvedVersion(apiMessages.poseName[pose], each.version)),
  );
  return (
    <section aria-labelledby="pose-history" className="flex flex-col gap-3">
      <h2 id="pose-history" className="text-lg font-semibold text-fg">
        {messages.title}
      </h2>
      {approved.length > 0 && <p className="text-sm text-fg">{approved.join(' · ')}</p>}
      {poses.map(({ pose, versions }) => (
        <div key={pose} className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold text-fg">{apiMessages.poseName[pose]}</h3>
          <PoseVersionList pose={pose} versions={versions} />
        </div>
      ))}
      <p className="text-sm text-fg-muted">{messages.noRestore}</p>
    </section>
  );
}
