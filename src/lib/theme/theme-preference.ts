import { useEffect } from 'react';
import { create } from 'zustand';

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

function storedTheme(): ThemePreference {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(PREFERENCES_STORAGE_KEY) ?? 'null');
    const theme = (stored as { state?: { theme?: unknown } } | null)?.state?.theme;
    return theme === 'light' || theme === 'dark' ? theme : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Stored by hand, in zustand persist's shape ({state, version}), rather than with the persist
 * middleware: it is one field, and the middleware would add to the first screen's budget.
 */
export const usePreferences = create<PreferencesState>()((set) => ({
  theme: storedTheme(),
  themeChosen: (theme) => {
    set({ theme });
    try {
      localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ state: { theme }, version: 1 }));
    } catch {
      // Storage blocked: the choice holds for this page.
    }
  },
}));

// Another tab changed the theme: follow it here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === PREFERENCES_STORAGE_KEY) usePreferences.setState({ theme: storedTheme() });
  });
}

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
