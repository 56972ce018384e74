/**
 * The embedded sandbox signs a ref's URL for the origin that asked (it answers on the console's
 * own port). A list from the index may hold URLs the sync or another browser asked for, so they
 * are re-pointed at the caller's origin: the same path and signature, on the name this browser used.
 */
import type { CharacterList } from '../../contract/aurous';

export function withRefsFrom(list: CharacterList, origin: string): CharacterList {
  return {
    ...list,
    data: list.data.map((character) => ({
      ...character,
      refs: (character.refs ?? []).map((ref) => {
        try {
          const url = new URL(ref.url);
          return url.pathname.startsWith('/storage/') ? { ...ref, url: `${origin}${url.pathname}${url.search}` } : ref;
        } catch {
          return ref;
        }
      }),
    })),
  };
}
