// One way to make an xterm for the dock: colours from the current theme, fit to its box.
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';

function themeFromCss(): ITheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { background: v('--panel'), foreground: v('--text'), cursor: v('--text'), selectionBackground: v('--accent-soft'), black: '#2e3436', brightBlack: v('--muted') };
}

export interface MadeTerminal {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** Stops following the box's size and frees the terminal. */
  dispose(): void;
}

export function makeTerminal(host: HTMLElement, opts: { logs: boolean; onResize?: (cols: number, rows: number) => void }): MadeTerminal {
  const term = new Terminal({
    convertEol: opts.logs,
    disableStdin: opts.logs,
    cursorBlink: !opts.logs,
    cursorStyle: opts.logs ? 'bar' : 'block',
    cursorInactiveStyle: 'none',
    scrollback: opts.logs ? 20000 : 5000,
    fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace',
    fontSize: 12,
    theme: themeFromCss(),
    allowProposedApi: true,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.open(host);
  const refit = () => {
    if (!host.isConnected || host.clientWidth === 0) return;
    try {
      fit.fit();
    } catch {}
  };
  const observer = new ResizeObserver(() => refit());
  observer.observe(host);
  refit();
  term.onResize(({ cols, rows }) => opts.onResize?.(cols, rows));
  const themeWatch = new MutationObserver(() => (term.options.theme = themeFromCss()));
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    term,
    fit,
    search,
    dispose() {
      observer.disconnect();
      themeWatch.disconnect();
      term.dispose();
    },
  };
}
