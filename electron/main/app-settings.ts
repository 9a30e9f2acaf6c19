// The desktop app's settings: one JSON file in Electron's userData folder, defaults from the
// same conventions as the CLI (data folder, port 6443).
import path from 'node:path';
import { defaultDataDir } from '../../core/cluster/index.js';
import { SettingsFile, defaultSettings } from '../../core/bridge/index.js';
import type { Settings } from '../shared/index.js';

export const SETTINGS_FILE = 'settings.json';

export function openAppSettings(userDataDir: string, env: NodeJS.ProcessEnv = process.env): SettingsFile {
  return new SettingsFile(path.join(userDataDir, SETTINGS_FILE), defaultSettings(defaultDataDir(env)));
}

/** Settings that shape the cluster object itself: changing one means a new cluster at next start. */
export const CLUSTER_SHAPING: (keyof Settings)[] = ['apiPort', 'dataDir', 'dockerSocket'];

export function shapingChanged(a: Settings, b: Settings): (keyof Settings)[] {
  return CLUSTER_SHAPING.filter((k) => a[k] !== b[k]);
}
