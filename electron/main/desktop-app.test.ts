import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cluster, ClusterConfig } from '../../core/cluster/index.js';
import { openAppSettings } from './app-settings.js';
import { DesktopApp } from './desktop-app.js';
import { DesktopHost } from './desktop-host.js';
import type { DesktopShell } from './desktop-shell.js';
import type { TrayAction } from './tray-menu.js';

class FakeCluster extends EventEmitter {
  state: Cluster['state'] = 'stopped';
  constructor(readonly config: ClusterConfig) {
    super();
  }
  async start() {
    this.set('starting');
    this.set('running');
  }
  async stop() {
    this.set('stopping');
    this.set('stopped');
  }
  private set(s: Cluster['state']) {
    this.state = s;
    this.emit('state', s);
  }
}

function fixture(opts: { confirm?: boolean; enabled?: boolean } = {}) {
  const settings = openAppSettings(mkdtempSync(path.join(os.tmpdir(), 'skiff-app-')));
  settings.update({ kubernetesEnabled: opts.enabled ?? true, dataDir: mkdtempSync(path.join(os.tmpdir(), 'skiff-data-')) });
  const made: FakeCluster[] = [];
  const trays: string[] = [];
  let onAction: (a: TrayAction) => void = () => {};
  const calls: string[] = [];
  const shell: DesktopShell = {
    setTray: (t, cb) => {
      trays.push(t.phase);
      onAction = cb;
    },
    confirm: async () => opts.confirm ?? false,
    notify: (title) => calls.push(`notify ${title}`),
    showWindow: (route) => calls.push(`window ${route}`),
    setOpenAtLogin: (on) => calls.push(`login ${on}`),
    exit: (code) => calls.push(`exit ${code}`),
  };
  const host = new DesktopHost({
    settings,
    createCluster: (config) => {
      const c = new FakeCluster(config);
      made.push(c);
      return c as unknown as Cluster;
    },
    skiffVersion: '0.1.0',
    stopCluster: (c) => c.stop(),
    resetCluster: (c) => c.stop(),
    setOpenAtLogin: (on) => shell.setOpenAtLogin(on),
  });
  const app = new DesktopApp(host, shell);
  return { app, host, settings, made, trays, calls, act: (a: TrayAction) => onAction(a) };
}

describe('desktop app', () => {
  it('starts the cluster on launch when Kubernetes is enabled, and the tray follows', async () => {
    const f = fixture();
    await f.app.launch();
    expect(f.made[0].state).toBe('running');
    expect(f.trays).toEqual(['stopped', 'starting', 'running']);
  });

  it('stays stopped on launch when Kubernetes is disabled', async () => {
    const f = fixture({ enabled: false });
    await f.app.launch();
    expect(f.made[0].state).toBe('stopped');
  });

  it('stops and starts from the tray and remembers the choice', async () => {
    const f = fixture();
    await f.app.launch();
    await f.app.act('stop');
    expect(f.made[0].state).toBe('stopped');
    expect(f.settings.get().kubernetesEnabled).toBe(false);
    await f.app.act('start');
    expect(f.made[0].state).toBe('running');
    expect(f.settings.get().kubernetesEnabled).toBe(true);
  });

  it('builds a new cluster at the next start when the port changed', async () => {
    const f = fixture();
    await f.app.launch();
    await f.host.updateSettings({ apiPort: 7443 });
    expect(f.host.getSettings().pendingRestart).toEqual(['apiPort']);
    await f.app.act('stop');
    await f.app.act('start');
    expect(f.made).toHaveLength(2);
    expect(f.made[1].config.port).toBe(7443);
    expect(f.host.getSettings().pendingRestart).toEqual([]);
  });

  it('resets only after confirmation', async () => {
    const no = fixture({ confirm: false });
    await no.app.launch();
    await no.app.act('reset');
    expect(no.trays.filter((t) => t === 'stopping')).toHaveLength(0);
    const yes = fixture({ confirm: true });
    await yes.app.launch();
    await yes.app.act('reset');
    expect(yes.trays.slice(3, 7)).toEqual(['stopping', 'stopped', 'starting', 'running']);
    expect(yes.made[0].state).toBe('running');
  });

  it('opens the window and preferences, and quits after stopping the cluster', async () => {
    const f = fixture();
    await f.app.launch();
    await f.app.act('open-dashboard');
    await f.app.act('preferences');
    await f.app.act('quit');
    expect(f.made[0].state).toBe('stopped');
    expect(f.calls).toEqual(['window /', 'window /preferences', 'exit 0']);
  });

  it('turns start-at-login on through the shell', async () => {
    const f = fixture();
    await f.host.updateSettings({ startAtLogin: true });
    expect(f.calls).toContain('login true');
  });
});
