// Light, dark, or whatever the system says, applied to <html data-theme>.
import type { Settings } from '../bridge/index.js';

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
let current: Settings['theme'] = 'system';

function apply(): void {
  const dark = current === 'dark' || (current === 'system' && !!media?.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

media?.addEventListener('change', apply);

export function applyTheme(theme: Settings['theme']): void {
  current = theme;
  apply();
}
