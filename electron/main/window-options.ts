// How the dashboard window is made: locked down the same way whatever loads in it.
import path from 'node:path';

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** True for the renderer's own files; anything else gets no bridge and no navigation. */
export function isOwnPage(url: string, rendererDir: string, devServerUrl?: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  if (!url.startsWith('file://')) return false;
  try {
    const file = decodeURIComponent(new URL(url).pathname);
    const rel = path.relative(rendererDir, process.platform === 'win32' ? file.replace(/^\//, '') : file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}
