/**
 * A character's cover in a list tile: a small thumbnail the console server makes (contract/thumbnails.ts),
 * never the full-size original, at 1x and 2x for the tile's width. When it cannot load, the tile
 * shows its placeholder.
 *
 * Inside a partner's embed the session is a header, which an `<img>` cannot send (and a token in
 * the image URL would outlive the page in logs and history), so there the thumbnail is fetched
 * with the header once the tile nears the viewport, and shown from a blob: URL. The bytes are
 * an image resource, not server state the page reasons about, so they stay out of react-query;
 * the browser's HTTP cache (the versioned URL is immutable) still holds them.
 */
import { useEffect, useRef, useState } from 'react';
import type { Character, CharacterRef } from '../../../../contract/aurous';
import { thumbnailHeight, thumbnailUrl, THUMBNAIL_WIDTHS, type ThumbnailWidth } from '../../../../contract/thumbnails';
import { embedHeaders, hasEmbedSession } from '../../../lib/aurous/embed-auth';

/** The library grid's tile width: 2 columns under 640 px, 3 under 1024 px, then 4 in the 1024 px page. */
export const LIBRARY_TILE_SIZES = '(min-width: 1024px) 236px, (min-width: 640px) calc((100vw - 64px) / 3), calc((100vw - 44px) / 2)';

const TILE_WIDTH = 240;

interface CoverImageProps {
  character: Character;
  cover: CharacterRef;
  alt: string;
  sizes: string;
  /** What the tile shows when there is no image (or it failed to load). */
  placeholder: React.ReactNode;
  className?: string;
}

export function CoverImage(props: CoverImageProps) {
  return hasEmbedSession() ? <EmbeddedCover {...props} /> : <LinkedCover {...props} />;
}

function LinkedCover({ character, cover, alt, sizes, placeholder, className }: CoverImageProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const url = (width: ThumbnailWidth) => thumbnailUrl(character.id, cover.pose, width, character.updated_at);
  const src = url(TILE_WIDTH);
  if (failedSrc === src) return placeholder;
  return (
    <img
      src={src}
      srcSet={THUMBNAIL_WIDTHS.map((width) => `${url(width)} ${width}w`).join(', ')}
      sizes={sizes}
      width={TILE_WIDTH}
      height={thumbnailHeight(TILE_WIDTH)}
      alt={alt}
      loading="lazy"
      decoding="async"
      onError={() => setFailedSrc(src)}
      className={className}
    />
  );
}

function EmbeddedCover({ character, cover, alt, placeholder, className }: CoverImageProps) {
  const holder = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<{ key: string; src: string | null } | null>(null);
  const key = `${character.id}/${cover.pose}/${character.updated_at}`;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        // The smallest width that is sharp at this tile's size on this screen.
        const needed = element.clientWidth * window.devicePixelRatio;
        const width = THUMBNAIL_WIDTHS.find((each) => each >= needed) ?? THUMBNAIL_WIDTHS[THUMBNAIL_WIDTHS.length - 1]!;
        fetch(thumbnailUrl(character.id, cover.pose, width, character.updated_at), {
          headers: embedHeaders(),
          credentials: 'same-origin',
          signal: controller.signal,
        })
          .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
          .then((blob) => {
            objectUrl = URL.createObjectURL(blob);
            setShown({ key, src: objectUrl });
          })
          .catch(() => {
            if (!controller.signal.aborted) setShown({ key, src: null });
          });
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [key, character.id, cover.pose, character.updated_at]);

  const current = shown?.key === key ? shown : null;
  if (current && current.src === null) return placeholder;
  return (
    <div ref={holder} className="size-full">
      {current?.src && (
        <img src={current.src} width={TILE_WIDTH} height={thumbnailHeight(TILE_WIDTH)} alt={alt} decoding="async" className={className} />
      )}
    </div>
  );
}
