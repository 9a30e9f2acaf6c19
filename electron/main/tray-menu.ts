// The tray menu as data, from the cluster's state: the shell turns it into a native menu.
// Kept pure so what the menu offers in each state is tested without Electron.
import type { ClusterPhase } from '../shared/index.js';

export type TrayAction = 'start' | 'stop' | 'open-dashboard' | 'use-context' | 'reset' | 'preferences' | 'quit';

export type TrayItem =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean };

export interface TrayState {
  phase: ClusterPhase;
  detail?: string;
  kubernetesVersion: string;
}

const PHASE_WORDS: Record<ClusterPhase, string> = {
  stopped: 'Kubernetes is stopped',
  starting: 'Kubernetes is starting…',
  running: 'Kubernetes is running',
  stopping: 'Kubernetes is stopping…',
  error: 'Kubernetes failed to start',
};

export function stateLine(s: TrayState): string {
  if (s.phase === 'running') return `${PHASE_WORDS.running} (${s.kubernetesVersion})`;
  if (s.phase === 'error' && s.detail) return `${PHASE_WORDS.error}: ${s.detail.length > 60 ? `${s.detail.slice(0, 59)}…` : s.detail}`;
  return PHASE_WORDS[s.phase];
}

export function trayMenuModel(s: TrayState): TrayItem[] {
  const busy = s.phase === 'starting' || s.phase === 'stopping';
  const running = s.phase === 'running';
  const canStart = s.phase === 'stopped' || s.phase === 'error';
  return [
    { type: 'label', label: stateLine(s) },
    { type: 'separator' },
    canStart || busy
      ? { type: 'action', action: 'start', label: 'Start Kubernetes', enabled: canStart }
      : { type: 'action', action: 'stop', label: 'Stop Kubernetes', enabled: running },
    { type: 'action', action: 'open-dashboard', label: 'Open Dashboard', enabled: true },
    { type: 'action', action: 'use-context', label: 'Use the skiff context in kubectl', enabled: running },
    { type: 'separator' },
    { type: 'action', action: 'reset', label: 'Reset Cluster…', enabled: !busy },
    { type: 'action', action: 'preferences', label: 'Preferences…', enabled: true },
    { type: 'separator' },
    { type: 'action', action: 'quit', label: 'Quit Skiff', enabled: true },
  ];
}

/** The tooltip beside the icon. */
export function trayTooltip(s: TrayState): string {
  return `Skiff: ${stateLine(s)}`;
}
