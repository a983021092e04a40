import type { Theme } from '../../src-shared/api/settings.js';

/** `system` leaves the choice to `prefers-color-scheme`; light/dark pin it. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
