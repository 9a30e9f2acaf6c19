import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppSettings, shapingChanged } from './app-settings.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'skiff-settings-'));

describe('app settings', () => {
  it('starts from defaults and keeps changes across restarts', () => {
    const dir = tmp();
    const s = openAppSettings(dir, { XDG_DATA_HOME: '/data' });
    expect(s.get()).toMatchObject({ kubernetesEnabled: true, apiPort: 6443, startAtLogin: false, dataDir: process.platform === 'linux' ? '/data/skiff' : expect.any(String) });
    s.update({ apiPort: 7443, showSystemContainers: true });
    const again = openAppSettings(dir, { XDG_DATA_HOME: '/data' });
    expect(again.get()).toMatchObject({ apiPort: 7443, showSystemContainers: true, kubernetesEnabled: true });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).apiPort).toBe(7443);
  });

  it('refuses bad values and unknown keys, and keeps the good part of a hand-edited file', () => {
    const dir = tmp();
    const s = openAppSettings(dir);
    expect(() => s.update({ apiPort: 70000 })).toThrow(/apiPort must be a port/);
    expect(() => s.update({ dataDir: 'relative/dir' })).toThrow(/absolute/);
    expect(() => s.update({ nonsense: 1 } as never)).toThrow(/unknown setting/);
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ apiPort: 'six', theme: 'dark' }));
    expect(openAppSettings(dir).get()).toMatchObject({ apiPort: 6443, theme: 'dark' });
    writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(openAppSettings(dir).get().apiPort).toBe(6443);
  });

  it('notifies listeners and names the changes that need a new cluster', () => {
    const s = openAppSettings(tmp());
    const seen: number[] = [];
    s.onDidChange((v) => seen.push(v.apiPort));
    const before = s.get();
    s.update({ apiPort: 6444 });
    expect(seen).toEqual([6444]);
    expect(shapingChanged(before, s.get())).toEqual(['apiPort']);
    expect(shapingChanged(before, { ...before, theme: 'dark' })).toEqual([]);
  });
});
