import { describe, expect, it } from 'vitest';
import { stateLine, trayMenuModel, trayTooltip, type TrayItem } from './tray-menu.js';

const actions = (items: TrayItem[]) => items.filter((i) => i.type === 'action').map((i) => (i.type === 'action' ? `${i.action}${i.enabled ? '' : ' (disabled)'}` : ''));

describe('tray menu model', () => {
  it('offers Stop and the kubeconfig context while running', () => {
    const items = trayMenuModel({ phase: 'running', kubernetesVersion: 'v1.34' });
    expect(items[0]).toEqual({ type: 'label', label: 'Kubernetes is running (v1.34)' });
    expect(actions(items)).toEqual(['stop', 'open-dashboard', 'use-context', 'reset', 'preferences', 'quit']);
  });

  it('offers Start when stopped, and no kubeconfig context without an API server', () => {
    const items = trayMenuModel({ phase: 'stopped', kubernetesVersion: 'v1.34' });
    expect(actions(items)).toEqual(['start', 'open-dashboard', 'use-context (disabled)', 'reset', 'preferences', 'quit']);
  });

  it('greys out start, stop and reset while the cluster is busy', () => {
    for (const phase of ['starting', 'stopping'] as const) {
      const items = trayMenuModel({ phase, kubernetesVersion: 'v1.34' });
      expect(actions(items)).toEqual(['start (disabled)', 'open-dashboard', 'use-context (disabled)', 'reset (disabled)', 'preferences', 'quit']);
    }
  });

  it('says why a start failed, shortened for a menu', () => {
    const long = 'port 6443 on 127.0.0.1 is already in use; choose another with --port and try again please';
    const line = stateLine({ phase: 'error', detail: long, kubernetesVersion: 'v1.34' });
    expect(line.startsWith('Kubernetes failed to start: port 6443')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(actions(trayMenuModel({ phase: 'error', detail: long, kubernetesVersion: 'v1.34' }))[0]).toBe('start');
    expect(trayTooltip({ phase: 'stopped', kubernetesVersion: 'v1.34' })).toBe('Skiff: Kubernetes is stopped');
  });
});
