import type { Pose } from '../../../contract/constants';
import { messages as apiMessages } from '../../lib/aurous/messages';
import type { ShownVersion } from '../../lib/aurous/pose-versions';
import { cn } from '../ui/cn';
import { badgeVariants } from '../ui/variants';
import { messages } from './messages';

interface PoseVersionListProps {
  pose: Pose;
  versions: readonly ShownVersion[];
  /** Small tiles for the queue; larger on the character page. */
  size?: 'sm' | 'md';
}

/** One pose's versions, v1 first: each image, whether it is current, what replaced it, and the approved one. */
export function PoseVersionList({ pose, versions, size = 'md' }: PoseVersionListProps) {
  const poseName = apiMessages.poseName[pose];
  return (
    <ol aria-label={messages.poseVersions(poseName)} className="flex flex-wrap gap-2">
      {versions.map((version) => (
        <li
          key={version.version}
          aria-label={messages.versionImage(poseName, version.version)}
          className={cn(
            'flex flex-col gap-1 rounded-lg border bg-surface p-1 text-xs',
            version.current ? 'border-accent' : 'border-line',
            size === 'sm' ? 'w-24' : 'w-32',
          )}
        >
          <div className="aspect-[3/4] w-full overflow-hidden rounded bg-surface-muted">
            {version.thumbnailUrl && (
              <a
                href={version.imageUrl ?? version.thumbnailUrl}
                target="_blank"
                rel="noreferrer"
                aria-label={messages.openFull(poseName, version.version)}
              >
                <img
                  src={version.thumbnailUrl}
                  alt={messages.versionImage(poseName, version.version)}
                  className="size-full object-contain"
                  loading="lazy"
                />
              </a>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-1">
            <span className="font-semibold text-fg">{messages.versionLabel(version.version)}</span>
            {version.current && <span className="text-fg-muted">{version.pending ? messages.pending : messages.current}</span>}
            {version.approved && <span className={badgeVariants({ tone: 'success' })}>{messages.approved}</span>}
          </div>
          {version.replacedBy && <span className="text-fg-muted">{messages.replacedBy[version.replacedBy]}</span>}
          {!version.current && !version.thumbnailUrl && <span className="text-fg-muted">{messages.notKept}</span>}
        </li>
      ))}
    </ol>
  );
}
