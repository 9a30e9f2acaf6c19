// DesktopShell over the real Electron modules: the tray, the dashboard window, dialogs.
import { app, BrowserWindow, dialog, Menu, nativeImage, Notification, shell, Tray, type MenuItemConstructorOptions } from 'electron';
import type { DesktopShell } from './desktop-shell.js';
import { trayIconPng } from './tray-icon.js';
import { isOwnPage, secureWebPreferences } from './window-options.js';

export interface ShellPaths {
  preload: string;
  rendererIndex: string;
  rendererDir: string;
  devServerUrl?: string;
}

export class ElectronShell implements DesktopShell {
  private tray?: Tray;
  private window?: BrowserWindow;
  /** Set while quitting, so closing the window really closes it. */
  allowClose = false;

  constructor(private readonly paths: ShellPaths) {}

  setTray(state: Parameters<DesktopShell['setTray']>[0], onAction: Parameters<DesktopShell['setTray']>[1]): void {
    const image = nativeImage.createEmpty();
    image.addRepresentation({ scaleFactor: 1, width: 16, height: 16, buffer: trayIconPng(state.phase, 16) });
    image.addRepresentation({ scaleFactor: 2, width: 32, height: 32, buffer: trayIconPng(state.phase, 32) });
    if (!this.tray) this.tray = new Tray(image);
    else this.tray.setImage(image);
    this.tray.setToolTip(state.tooltip);
    const template: MenuItemConstructorOptions[] = state.items.map((item) =>
      item.type === 'separator'
        ? { type: 'separator' }
        : item.type === 'label'
          ? { label: item.label, enabled: false }
          : { label: item.label, enabled: item.enabled, click: () => onAction(item.action) },
    );
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  async confirm(o: Parameters<DesktopShell['confirm']>[0]): Promise<boolean> {
    const r = await dialog.showMessageBox({ type: 'warning', title: o.title, message: o.message, detail: o.detail, buttons: ['Cancel', o.confirmLabel], defaultId: 0, cancelId: 0 });
    return r.response === 1;
  }

  notify(title: string, body: string): void {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  }

  showWindow(route = '/'): void {
    const hash = route.replace(/^\/?/, '/');
    if (!this.window || this.window.isDestroyed()) {
      this.window = this.createWindow();
      if (this.paths.devServerUrl) void this.window.loadURL(`${this.paths.devServerUrl}#${hash}`);
      else void this.window.loadFile(this.paths.rendererIndex, { hash });
    } else {
      // Already loaded: move within the page rather than reload it (and its terminals).
      void this.window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${hash}`)}`).catch(() => {});
    }
    this.window.show();
    this.window.focus();
  }

  private createWindow(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 900,
      minHeight: 560,
      show: false,
      title: 'Skiff',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.paths.preload),
    });
    const own = (url: string) => isOwnPage(url, this.paths.rendererDir, this.paths.devServerUrl);
    // Links leave for the user's browser; the window itself never navigates away.
    win.webContents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    win.webContents.on('will-navigate', (e, url) => {
      if (!own(url)) e.preventDefault();
    });
    win.on('close', (e) => {
      // Closing the window keeps Skiff (and the cluster) running in the tray.
      if (!this.allowClose) {
        e.preventDefault();
        win.hide();
      }
    });
    win.once('ready-to-show', () => win.show());
    return win;
  }

  setOpenAtLogin(enabled: boolean): void {
    app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
  }

  exit(code: number): void {
    this.allowClose = true;
    app.exit(code);
  }
}
