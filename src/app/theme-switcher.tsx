import { cva } from 'class-variance-authority';
import { THEME_PREFERENCES, usePreferences, type ThemePreference } from '../lib/theme/theme-preference';
import { messages } from './messages';

const option = cva(
  'inline-flex min-h-8 min-w-8 items-center justify-center rounded-lg px-2 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus',
  {
    variants: {
      selected: { true: 'bg-surface text-fg shadow-sm', false: 'text-fg-muted hover:text-fg' },
    },
  },
);

const ICON: Record<ThemePreference, string> = {
  // Monitor, sun and moon, drawn inline (24-unit viewBox) so the header needs no icon library.
  system: 'M3 5h18v11H3zM8 20h8M12 16v4',
  light:
    'M12 7a5 5 0 1 0 0 10a5 5 0 0 0 0-10zM12 1v2M12 21v2M4.2 4.2l1.4 1.4M18.4 18.4l1.4 1.4M1 12h2M21 12h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4',
  dark: 'M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z',
};

/** System / Light / Dark, remembered in this browser; "System" follows the OS as it changes. */
export function ThemeSwitcher() {
  const theme = usePreferences((state) => state.theme);
  const themeChosen = usePreferences((state) => state.themeChosen);
  return (
    <div role="group" aria-label={messages.theme.label} className="inline-flex gap-0.5 rounded-lg bg-surface-muted p-0.5 ring-1 ring-line">
      {THEME_PREFERENCES.map((preference) => (
        <button
          key={preference}
          type="button"
          aria-pressed={theme === preference}
          title={preference === 'system' ? messages.theme.systemHint : undefined}
          className={option({ selected: theme === preference })}
          onClick={() => themeChosen(preference)}
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="size-4 fill-none stroke-current stroke-2 [stroke-linecap:round] [stroke-linejoin:round]"
          >
            <path d={ICON[preference]} />
          </svg>
          <span className="sr-only sm:not-sr-only sm:ml-1">{messages.theme[preference]}</span>
        </button>
      ))}
    </div>
  );
}
