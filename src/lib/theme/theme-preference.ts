import { useEffect } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/**
 * The stored key and shape are also read by `public/theme.js`, which sets the theme before the
 * first paint; keep the two in step.
 */
export const PREFERENCES_STORAGE_KEY = 'aurous-console:preferences';

interface PreferencesState {
  theme: ThemePreference;
  themeChosen: (theme: ThemePreference) => void;
}

export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      themeChosen: (theme) => set({ theme }),
    }),
    { name: PREFERENCES_STORAGE_KEY, version: 1, partialize: (state) => ({ theme: state.theme }) },
  ),
);

export function resolveTheme(preference: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

/** Keeps `<html data-theme>` in step with the preference and, for "system", with the OS setting. */
export function useAppliedTheme(): void {
  const preference = usePreferences((state) => state.theme);
  useEffect(() => {
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = resolveTheme(preference, system.matches);
    };
    apply();
    system.addEventListener('change', apply);
    return () => system.removeEventListener('change', apply);
  }, [preference]);
}
