// The app's behaviour between the cluster and the shell: start on launch when Kubernetes is
// enabled, keep the tray in step with the state, act on tray choices, stop cleanly on quit.
import type { ClusterInfo } from '../shared/index.js';
import type { DesktopShell } from './desktop-shell.js';
import type { DesktopHost } from './desktop-host.js';
import { trayMenuModel, trayTooltip, type TrayAction } from './tray-menu.js';

export const KUBERNETES_VERSION = 'v1.34';

export class DesktopApp {
  private quitting = false;

  constructor(
    private readonly host: DesktopHost,
    private readonly shell: DesktopShell,
  ) {}

  launch(): Promise<void> {
    this.host.onDidChange(() => this.renderTray());
    this.renderTray();
    return this.host.getSettings().values.kubernetesEnabled ? this.host.start() : Promise.resolve();
  }

  trayState() {
    return { phase: this.host.phase(), detail: this.host.lastError(), kubernetesVersion: KUBERNETES_VERSION } satisfies Partial<ClusterInfo> & { kubernetesVersion: string };
  }

  private renderTray(): void {
    const s = this.trayState();
    this.shell.setTray({ phase: s.phase, tooltip: trayTooltip(s), items: trayMenuModel(s) }, (a) => void this.act(a));
  }

  async act(action: TrayAction): Promise<void> {
    try {
      switch (action) {
        case 'start':
          return await this.host.setKubernetesEnabled(true);
        case 'stop':
          return await this.host.setKubernetesEnabled(false);
        case 'open-dashboard':
          return this.shell.showWindow('/');
        case 'preferences':
          return this.shell.showWindow('/preferences');
        case 'use-context': {
          const switchContext = this.host.getSettings().values.switchContext;
          const r = await this.host.useSkiffContext({ switchContext });
          return this.shell.notify('kubectl can reach Skiff', r.current ? `"skiff" is now the current context in ${r.file}` : `Context "skiff" is in ${r.file}; use kubectl --context skiff`);
        }
        case 'reset': {
          const ok = await this.shell.confirm({
            title: 'Reset Cluster',
            message: 'Reset the Kubernetes cluster?',
            detail: 'Every object in the cluster is deleted and Skiff’s containers are removed. Images stay. This cannot be undone.',
            confirmLabel: 'Reset',
          });
          if (ok) await this.host.reset();
          return;
        }
        case 'quit':
          return await this.quit();
      }
    } catch (err) {
      this.shell.notify('Skiff', (err as Error).message);
    }
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  /** Stops the cluster (within 10 s) and leaves. */
  async quit(): Promise<void> {
    if (this.quitting) return;
    this.quitting = true;
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
    const stopped = await Promise.race([this.host.stop().then(() => 'ok' as const, () => 'error' as const), timeout]);
    this.shell.exit(stopped === 'ok' ? 0 : 1);
  }
}
