/**
 * How the library is laid out, cards or a denser list: client state, remembered in this browser
 * (localStorage). What is listed (search, status, sort) lives in the URL instead, so a view can be
 * shared and reloaded.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const LIBRARY_LAYOUTS = ['cards', 'list'] as const;
export type LibraryLayout = (typeof LIBRARY_LAYOUTS)[number];

interface LibraryViewState {
  layout: LibraryLayout;
  actions: { layoutChosen: (layout: LibraryLayout) => void };
}

const useLibraryViewStore = create<LibraryViewState>()(
  persist(
    (set) => ({
      layout: 'cards',
      actions: { layoutChosen: (layout) => set({ layout }) },
    }),
    {
      name: 'aurous-console/library-view',
      version: 1,
      partialize: ({ layout }) => ({ layout }),
      // Anything else in storage (an older build, a hand edit) is the default.
      merge: (persisted, current) => {
        const layout = (persisted as { layout?: unknown } | undefined)?.layout;
        return { ...current, layout: (LIBRARY_LAYOUTS as readonly unknown[]).includes(layout) ? (layout as LibraryLayout) : 'cards' };
      },
    },
  ),
);

export const useLibraryLayout = () => useLibraryViewStore((state) => state.layout);
export const useLibraryViewActions = () => useLibraryViewStore((state) => state.actions);
