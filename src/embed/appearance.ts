/** Appearance variables from the host, applied as CSS custom properties: no reload needed. */
import type { Appearance } from '../../contract/embed';

const SAFE_VALUE = /^[#(),.%\w\s'"-]{1,120}$/;

export function applyAppearance(appearance: Appearance | undefined, root: HTMLElement = document.documentElement): void {
  if (!appearance) return;
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    // Values go into CSS, so anything that could close a declaration is dropped.
    if (SAFE_VALUE.test(value) && !/[;{}]/.test(value)) root.style.setProperty(name, value);
  };
  set('--aurous-accent', appearance.accentColor);
  set('--aurous-radius', appearance.radius);
  set('--aurous-font', appearance.fontFamily);
  if (appearance.theme) {
    const dark = appearance.theme === 'dark' || (appearance.theme === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    root.dataset.theme = dark ? 'dark' : 'light';
  }
}
