/**
 * The one stand-in for the `electron` module in unit tests (the runtime binary is
 * not available everywhere, and `require('electron')` outside it tries to download
 * it). Each test file opts in with:
 *
 *     vi.mock('electron', () => import('./electron-mock'));
 *
 * and imports this file directly for the inspection helpers. It models only what
 * the shell uses: events, handler registration, and the state of windows.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An Electron-style event: listeners may call preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

/** Makes an event object with extra fields (`url`, `isMainFrame`, …). */
export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: OpenHandler | null = null;
  readonly send = vi.fn();
  readonly mainFrame = { url: '', parent: null };

  setWindowOpenHandler(handler: OpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** What the page's `window.open(url)` would get. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url });
  }

  /** Emits an event the page can cancel and reports whether main cancelled it. */
  emitCancellable(name: string, extra: Record<string, unknown> = {}): boolean {
    const event = fakeEvent(extra);
    this.emit(name, event);
    return event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  visible = false;
  fullScreen = false;
  maximized = false;
  minimized = false;
  bounds: Rect;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) };
    BrowserWindow.all.push(this);
  }

  loadURL = vi.fn(async (url: string) => {
    this.loadedUrl = url;
  });
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Closes like a user would: 'close' may be cancelled, else 'closed'. */
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  focus(): void {
    BrowserWindow.focused = this;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
    if (!this.visible) this.show();
  }
  unmaximize(): void {
    this.maximized = false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  setFullScreen(on: boolean): void {
    this.fullScreen = on;
    if (on && !this.visible) this.show();
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    // Electron throws on a second handler for one channel; so does the stand-in.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

type RendererListener = (event: unknown, value: unknown) => void;

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ result: null })),
  listeners: new Map<string, Set<RendererListener>>(),
  on(channel: string, listener: RendererListener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
  },
  removeListener(channel: string, listener: RendererListener): void {
    this.listeners.get(channel)?.delete(listener);
  },
  /** What `webContents.send(channel, value)` from main looks like to the preload. */
  emitFromMain(channel: string, value: unknown): void {
    const event = { sender: ipcRenderer, senderId: 0 };
    for (const l of this.listeners.get(channel) ?? []) l(event, value);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  readonly webRequest = {
    filter: null as { urls: string[] } | null,
    listener: null as BeforeRequestListener | null,
    onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequestListener) => {
      this.webRequest.filter = filter;
      this.webRequest.listener = listener;
    },
  };
  readonly protocol = {
    handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      this.protocol.handlers.set(scheme, handler);
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
  showItemInFolder: vi.fn(),
};

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showErrorBox: vi.fn(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export interface FakeDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0];
  }
  getDisplayMatching(rect: Rect): FakeDisplay | undefined {
    const cx = rect.x + rect.width / 2;
    const cy = rect.y + rect.height / 2;
    return this.displays.find((d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height) ?? this.getPrimaryDisplay();
  }
}

export const screen = new FakeScreen();

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'briefing-desk';
  getPath(name: string): string {
    return `/tmp/briefing-electron-mock/${name}`;
  }
  setName(name: string): void {
    this.name = name;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  enableSandbox = vi.fn();
  quit = vi.fn();
  exit = vi.fn();
}

export const app = new FakeApp();

/** Puts the stand-in back to its first state (call in beforeEach). */
export function resetElectronMock(): void {
  BrowserWindow.all = [];
  BrowserWindow.focused = null;
  ipcMain.handlers.clear();
  ipcRenderer.listeners.clear();
  ipcRenderer.invoke.mockReset();
  ipcRenderer.invoke.mockImplementation(async () => ({ result: null }));
  contextBridge.exposed.clear();
  session.defaultSession = new FakeSession();
  screen.removeAllListeners();
  screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  screen.primaryId = 1;
  app.removeAllListeners();
  app.isPackaged = false;
  for (const fn of [protocol.registerSchemesAsPrivileged, shell.openExternal, shell.openPath, shell.showItemInFolder, dialog.showOpenDialog, dialog.showSaveDialog, dialog.showErrorBox, Menu.buildFromTemplate, Menu.setApplicationMenu, app.quit, app.exit, app.enableSandbox]) {
    fn.mockClear();
  }
}

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, protocol, screen, session, shell };
