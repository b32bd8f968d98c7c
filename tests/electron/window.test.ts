// The hardened window: its options (Electron's checklist item by item), what the
// page may open or navigate to, and the session's permission and network policy.
import type { Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState, AppStateStore } from '../../src-main/core/contracts';
import { hardenSession } from '../../src-main/electron/session-policy';
import { createAppWindow, hardenWebContents, rememberBounds } from '../../src-main/electron/window';
import { appWindowOptions, restoreBounds, secureWebPreferences } from '../../src-main/electron/window-options';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

beforeEach(() => electron.resetElectronMock());

describe('window options', () => {
  const prefs = secureWebPreferences('/app/build/electron/preload.cjs', true);

  it('hold every item of the security checklist', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/build/electron/preload.cjs');
  });

  it('keep the app offline and closed in a packaged build: no spellcheck downloads, no devtools', () => {
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p', false).devTools).toBe(true);
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });

  it('create the window hidden until its first paint', () => {
    const options = appWindowOptions({ role: 'audience', preloadPath: '/p', isPackaged: true, bounds: { width: 1000, height: 700 } });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p', true));
    expect(options.title).toBe('Briefing Desk');
  });
});

describe('a new window', () => {
  const deps = () => ({ openExternal: vi.fn(), onAppWindowRequest: vi.fn() });

  it('loads its page from app:// and shows itself only when ready to show', () => {
    const win = createAppWindow({ role: 'presenter', preloadPath: '/p', isPackaged: false, bounds: { width: 900, height: 600 }, ...deps() }) as unknown as electron.BrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('app://briefing/index.html#presenter');
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('denies every window.open: https goes to the system browser, javascript: and file: go nowhere', () => {
    const d = deps();
    const win = createAppWindow({ role: 'audience', preloadPath: '/p', isPackaged: false, bounds: { width: 900, height: 600 }, ...d }) as unknown as electron.BrowserWindow;
    const contents = win.webContents;
    expect(contents.openWindow('https://www.griffith.edu.au/asia-institute')).toEqual({ action: 'deny' });
    expect(d.openExternal).toHaveBeenCalledWith('https://www.griffith.edu.au/asia-institute');
    d.openExternal.mockClear();
    for (const url of ['javascript:alert(document.domain)', 'file:///etc/passwd', 'data:text/html,x', 'app://evil/']) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
    expect(d.openExternal).not.toHaveBeenCalled();
    expect(d.onAppWindowRequest).not.toHaveBeenCalled();
    expect(windowCount()).toBe(1);
  });

  it('turns a request for the presenter view into a main-made window, still denying the page its own', () => {
    const d = deps();
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, d);
    expect(contents.openWindow('app://briefing/index.html#presenter')).toEqual({ action: 'deny' });
    expect(d.onAppWindowRequest).toHaveBeenCalledWith('presenter');
  });

  it('blocks navigation away from our pages, with a real URL parser', () => {
    const d = deps();
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, d);
    expect(contents.emitCancellable('will-navigate', { url: 'app://briefing/index.html' })).toBe(false);
    expect(contents.emitCancellable('will-navigate', { url: 'file:///home/me/dropped.json' })).toBe(true);
    expect(contents.emitCancellable('will-navigate', { url: 'app://briefing.evil.example/' })).toBe(true);
    expect(d.openExternal).not.toHaveBeenCalled();
    expect(contents.emitCancellable('will-navigate', { url: 'https://www.scmp.com/' })).toBe(true);
    expect(d.openExternal).toHaveBeenCalledWith('https://www.scmp.com/');
  });

  it('blocks redirects and frames that leave our pages, and every <webview>', () => {
    const d = deps();
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, d);
    expect(contents.emitCancellable('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-redirect', { url: 'app://briefing/index.html' })).toBe(false);
    expect(contents.emitCancellable('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true);
    expect(contents.emitCancellable('will-attach-webview', {})).toBe(true);
    expect(d.openExternal).not.toHaveBeenCalled();
  });
});

function windowCount(): number {
  return electron.BrowserWindow.all.length;
}

describe('the session', () => {
  const harden = () => {
    const ses = electron.session.defaultSession;
    hardenSession(ses as unknown as Session);
    return ses;
  };

  it('denies permission requests (camera, location, notifications, …) and grants only our own fullscreen', () => {
    const ses = harden();
    const ask = (permission: string, requestingUrl: string, isMainFrame = true) => {
      let answer: boolean | undefined;
      ses.permissionRequestHandler?.({}, permission, (granted) => (answer = granted), { requestingUrl, isMainFrame });
      return answer;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'midiSysex', 'pointerLock']) {
      expect(ask(permission, 'app://briefing/index.html'), permission).toBe(false);
    }
    expect(ask('fullscreen', 'app://briefing/index.html')).toBe(true);
    expect(ask('fullscreen', 'https://evil.example/')).toBe(false);
    expect(ask('fullscreen', 'app://briefing/index.html', false)).toBe(false);
  });

  it('answers permission checks and device requests with no', () => {
    const ses = harden();
    expect(ses.permissionCheckHandler?.({}, 'media', 'app://briefing', { isMainFrame: true })).toBe(false);
    expect(ses.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'app://briefing', { isMainFrame: true })).toBe(false);
    expect(ses.permissionCheckHandler?.({}, 'fullscreen', 'app://briefing', { isMainFrame: true })).toBe(true);
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels every request that would leave the machine, and every download', () => {
    const ses = harden();
    expect(ses.webRequest.filter?.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let response: { cancel?: boolean } | undefined;
    ses.webRequest.listener?.({ url: 'https://fonts.googleapis.com/css' }, (r) => (response = r));
    expect(response).toEqual({ cancel: true });
    warn.mockRestore();
    const download = electron.fakeEvent();
    ses.emit('will-download', download);
    expect(download.defaultPrevented).toBe(true);
  });
});

describe('window bounds', () => {
  const screenA = { x: 0, y: 0, width: 1920, height: 1040 };

  it('are restored where the user left them when that is still on a screen', () => {
    expect(restoreBounds({ x: 200, y: 100, width: 1000, height: 700 }, [screenA], 'audience')).toEqual({ x: 200, y: 100, width: 1000, height: 700 });
  });

  it('come back centred on a screen that exists when the saved screen is gone', () => {
    expect(restoreBounds({ x: 3000, y: 100, width: 1000, height: 700 }, [screenA], 'audience')).toEqual({ width: 1000, height: 700 });
  });

  it('fit the largest screen, and fall back to the default size for nonsense', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 5000, height: 4000 }, [screenA], 'audience')).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    expect(restoreBounds({ width: Number.NaN, height: -5 }, [screenA], 'presenter')).toEqual({ width: 1100, height: 760 });
    expect(restoreBounds(undefined, [screenA], 'audience')).toEqual({ width: 1280, height: 800 });
  });

  describe('are saved', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    const store = () => {
      const state: AppState = { recent: [], lastSlide: {}, prefs: { notesFontSize: 20 }, windows: {}, swapDisplays: false };
      const s: AppStateStore = { get: () => state, update: (change) => change(state), flush: async () => {} };
      return { state, s };
    };

    it('after a move (debounced) and on close, but not while main holds the window fullscreen', () => {
      const { state, s } = store();
      const win = new electron.BrowserWindow({ x: 10, y: 20, width: 800, height: 600 });
      let skip = false;
      rememberBounds(win as unknown as Parameters<typeof rememberBounds>[0], 'main', s, () => 7, () => skip);
      win.setBounds({ x: 50 });
      win.emit('move');
      expect(state.windows.main).toBeUndefined();
      vi.advanceTimersByTime(500);
      expect(state.windows.main).toEqual({ x: 50, y: 20, width: 800, height: 600, maximized: false, displayId: 7 });
      skip = true;
      win.setBounds({ x: 999 });
      win.emit('close', electron.fakeEvent());
      expect(state.windows.main?.x).toBe(50);
      skip = false;
      win.emit('close', electron.fakeEvent());
      expect(state.windows.main?.x).toBe(999);
    });
  });
});
