// Wires Electron's lifecycle to the cluster, the tray, the window and the bridge. The
// behaviour lives in desktop-app.ts and desktop-host.ts; this stays thin.
import path from 'node:path';
import { app, ipcMain, session } from 'electron';
import { createCluster } from '../../core/cluster/index.js';
import { createBridgeService, defaultToolsDir } from '../../core/bridge/index.js';
import { openAppSettings } from './app-settings.js';
import { DesktopHost } from './desktop-host.js';
import { DesktopApp } from './desktop-app.js';
import { ElectronShell } from './electron-shell.js';
import { serveBridgeOverIpc } from './ipc-bridge.js';
import { isOwnPage } from './window-options.js';

// The built app lives in out/ under the app's folder (or its asar archive when packaged).
const outDir = path.join(app.getAppPath(), 'out');
const rendererDir = path.join(outDir, 'renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function toolsDir(): string | undefined {
  // Packaged: kubectl and helm sit in resources/bin, outside the asar archive.
  if (app.isPackaged) return path.join(process.resourcesPath, 'bin');
  return defaultToolsDir();
}

// One settings folder whatever the build calls itself: ~/.config/Skiff, ~/Library/Application
// Support/Skiff, %APPDATA%\Skiff.
app.setPath('userData', path.join(app.getPath('appData'), 'Skiff'));

if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  const shell = new ElectronShell({ preload: path.join(outDir, 'preload', 'index.cjs'), rendererIndex: path.join(rendererDir, 'index.html'), rendererDir, devServerUrl });
  app.on('second-instance', () => shell.showWindow('/'));
  // Quitting from the dock or the OS goes through the same clean stop as the tray's Quit.
  let desktop: DesktopApp | undefined;
  app.on('before-quit', (e) => {
    if (desktop && !desktop.isQuitting) {
      e.preventDefault();
      void desktop.quit();
    }
  });
  // The tray keeps the app alive with no window open.
  app.on('window-all-closed', () => {});

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const settings = openAppSettings(app.getPath('userData'));
    const host = new DesktopHost({
      settings,
      createCluster,
      skiffVersion: app.getVersion(),
      toolsDir: toolsDir(),
      setOpenAtLogin: (on) => shell.setOpenAtLogin(on),
    });
    const bridge = createBridgeService(host);
    serveBridgeOverIpc(ipcMain, bridge, (url) => isOwnPage(url, rendererDir, devServerUrl));
    desktop = new DesktopApp(host, shell);
    app.on('activate', () => shell.showWindow('/'));
    const launched = desktop.launch();
    if (!process.argv.includes('--hidden')) shell.showWindow('/');
    await launched;
  });
}
