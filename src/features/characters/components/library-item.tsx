/** One character in the library, as a card or as a row of the denser list: open it, select it, copy its id. */
import { Link } from 'wouter';
import type { Character } from '../../../../contract/aurous';
import { cn } from '../../../components/ui/cn';
import { messages } from '../messages';
import { POSE_LABEL } from '../pose-labels';
import { CopyIdButton } from './copy-id-button';
import { CoverImage, LIBRARY_TILE_SIZES } from './cover-image';
import { RelativeTime } from './relative-time';
import { StatusBadge } from './status-badge';

export function thumbnail(character: Character) {
  return character.refs.find((ref) => ref.pose === 'front') ?? character.refs.find((ref) => ref.pose === 'portrait') ?? character.refs[0];
}

export interface LibraryItemProps {
  character: Character;
  now: number;
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
  copied: boolean;
  onCopy: (id: string, name: string) => void;
}

const CHECKBOX =
  'size-6 shrink-0 cursor-pointer accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';
const LINK_FOCUS = 'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus';

function SelectBox({
  character,
  selected,
  onSelect,
  className,
}: Pick<LibraryItemProps, 'character' | 'selected' | 'onSelect'> & { className?: string }) {
  return (
    <input
      type="checkbox"
      aria-label={messages.selectCharacter(character.name)}
      checked={selected}
      onChange={(event) => onSelect(character.id, event.target.checked)}
      className={cn(CHECKBOX, className)}
    />
  );
}

function Cover({ character, className }: { character: Character; className: string }) {
  const cover = thumbnail(character);
  const noImage = (
    <div className="flex size-full items-center justify-center p-2 text-center text-sm text-fg-muted">{messages.noImageYet}</div>
  );
  return (
    <div className={cn('bg-surface-muted', className)}>
      {cover ? (
        <CoverImage
          character={character}
          cover={cover}
          alt={messages.coverAlt(POSE_LABEL[cover.pose], character.name)}
          sizes={LIBRARY_TILE_SIZES}
          placeholder={noImage}
          className="size-full object-cover"
        />
      ) : (
        noImage
      )}
    </div>
  );
}

export function LibraryCard({ character, now, selected, onSelect, copied, onCopy }: LibraryItemProps) {
  return (
    <li
      className={cn(
        'relative min-w-0 overflow-hidden rounded-xl border bg-surface transition-colors hover:border-line-strong',
        selected ? 'border-accent bg-accent-soft' : 'border-line',
      )}
    >
      <Link href={`/characters/${character.id}`} className={cn('block', LINK_FOCUS)}>
        <Cover character={character} className="aspect-[3/4]" />
        <div className="flex flex-col gap-1 px-3 py-2">
          <span className="truncate font-medium text-fg">{character.name}</span>
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted">
            <StatusBadge status={character.status} />
            <RelativeTime time={character.updated_at} now={now} label={messages.updated} />
          </span>
        </div>
      </Link>
      {/* Outside the link: a control inside a link is neither a link nor a control to a screen reader. */}
      <span className="absolute left-2 top-2 flex rounded-lg bg-surface p-1 shadow-sm">
        <SelectBox character={character} selected={selected} onSelect={onSelect} />
      </span>
      <div className="flex items-center justify-between gap-1 border-t border-line px-3 py-1">
        <code className="hidden min-w-0 truncate text-xs text-fg-muted sm:inline-block" title={character.id}>
          {character.id}
        </code>
        <CopyIdButton id={character.id} name={character.name} copied={copied} onCopy={onCopy} />
      </div>
    </li>
  );
}

export function LibraryRow({ character, now, selected, onSelect, copied, onCopy }: LibraryItemProps) {
  return (
    <li className={cn('flex items-center gap-3 px-3 py-2', selected && 'bg-accent-soft')}>
      <SelectBox character={character} selected={selected} onSelect={onSelect} />
      <Link href={`/characters/${character.id}`} className={cn('flex min-w-0 flex-1 items-center gap-3 rounded-lg', LINK_FOCUS)}>
        <Cover character={character} className="aspect-[3/4] w-10 shrink-0 overflow-hidden rounded-lg" />
        <span className="flex min-w-0 flex-1 flex-col gap-0.5 sm:flex-row sm:items-center sm:gap-4">
          <span className="min-w-0 truncate font-medium text-fg sm:flex-1">{character.name}</span>
          <span className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted sm:w-52">
            <StatusBadge status={character.status} />
            <RelativeTime time={character.updated_at} now={now} label={messages.updated} />
          </span>
        </span>
      </Link>
      <code className="hidden w-48 truncate text-xs text-fg-muted sm:inline-block" title={character.id}>
        {character.id}
      </code>
      <CopyIdButton id={character.id} name={character.name} copied={copied} onCopy={onCopy} />
    </li>
  );
}
