/**
 * A character's cover in a list tile: a small thumbnail the console server makes (contract/thumbnails.ts),
 * never the full-size original, at 1x and 2x for the tile's width. When it cannot load, the tile
 * shows its placeholder. Inside a partner's embed the page has no cookie an image request could
 * carry (its session is a header), so it keeps the ref's own signed URL there.
 */
import { useState } from 'react';
import type { Character, CharacterRef } from '../../../../contract/aurous';
import { thumbnailHeight, thumbnailUrl, THUMBNAIL_WIDTHS } from '../../../../contract/thumbnails';
import { hasEmbedSession } from '../../../lib/aurous/embed-auth';

/** The library grid's tile width: 2 columns under 640 px, 3 under 1024 px, then 4 in the 1024 px page. */
export const LIBRARY_TILE_SIZES = '(min-width: 1024px) 236px, (min-width: 640px) calc((100vw - 64px) / 3), calc((100vw - 44px) / 2)';

interface CoverImageProps {
  character: Character;
  cover: CharacterRef;
  alt: string;
  sizes: string;
  /** What the tile shows when there is no image (or it failed to load). */
  placeholder: React.ReactNode;
  className?: string;
}

export function CoverImage({ character, cover, alt, sizes, placeholder, className }: CoverImageProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const embedded = hasEmbedSession();
  const src = embedded ? cover.url : thumbnailUrl(character.id, cover.pose, 240, character.updated_at);
  if (failedSrc === src) return placeholder;
  return (
    <img
      src={src}
      srcSet={
        embedded
          ? undefined
          : THUMBNAIL_WIDTHS.map((width) => `${thumbnailUrl(character.id, cover.pose, width, character.updated_at)} ${width}w`).join(', ')
      }
      sizes={embedded ? undefined : sizes}
      width={240}
      height={thumbnailHeight(240)}
      alt={alt}
      loading="lazy"
      decoding="async"
      onError={() => setFailedSrc(src)}
      className={className}
    />
  );
}
