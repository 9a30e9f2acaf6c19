// The few things the app's logic asks of Electron, behind one interface: the real one is in
// electron-shell.ts, tests pass a recording fake. Nothing here imports Electron.
import type { ClusterPhase } from '../shared/index.js';
import type { TrayItem, TrayAction } from './tray-menu.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface DesktopShell {
  setTray(tray: { phase: ClusterPhase; tooltip: string; items: TrayItem[] }, onAction: (action: TrayAction) => void): void;
  confirm(options: ConfirmOptions): Promise<boolean>;
  notify(title: string, body: string): void;
  /** Shows (creating if needed) the dashboard window at a route such as `/preferences`. */
  showWindow(route?: string): void;
  setOpenAtLogin(enabled: boolean): void;
  /** Leaves for good; called after the cluster has stopped. */
  exit(code: number): void;
}
