import os from 'node:os';
import path from 'node:path';

/** Where Skiff keeps its data by default, following each platform's convention (XDG on Linux). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Skiff');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'Skiff');
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'skiff');
}
