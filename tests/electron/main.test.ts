// The entry point's wiring, with electron and the core services stood in: what
// happens before ready, the first window, decks handed over by the OS or a second
// instance, and a quit that waits for pending saves. main.ts runs on import, so the
// steps below share one app instance and run in order.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, COMMAND_CHANNEL } from '../../src-shared/api';
import type { AppState } from '../../src-main/core/contracts';
import type { ServiceOptions } from '../../src-main/core/services';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const created: ServiceOptions[] = [];
const state: AppState = { recent: ['/decks/old.briefing.json'], lastSlide: {}, prefs: { notesFontSize: 20 }, windows: {}, swapDisplays: false };
const context: { startupPath?: string; state: { get(): AppState; update(f: (s: AppState) => void): void; flush(): Promise<void> } } = {
  state: { get: () => state, update: (f) => f(state), flush: async () => {} },
};
let finishFlush: () => void = () => {};
const flush = vi.fn(() => new Promise<void>((resolve) => (finishFlush = resolve)));
const handlers = { appSnapshot: vi.fn(async () => ({ transport: 'electron' })) };

vi.mock('../../src-main/core/services', () => ({
  createServices: vi.fn(async (opts: ServiceOptions) => {
    created.push(opts);
    context.startupPath = opts.startupPath;
    return { context, handlers, flush, stopWatching: vi.fn() };
  }),
}));

const argv = process.argv;

beforeAll(async () => {
  electron.resetElectronMock();
  process.argv = ['/opt/Briefing Desk/briefing-desk', '/home/me/talk.briefing.json'];
  await import('../../src-main/electron/main');
  await vi.waitFor(() => expect(electron.BrowserWindow.all).toHaveLength(1));
});

afterAll(() => {
  process.argv = argv;
});

describe('Electron main', () => {
  it('before ready: registers app:// as privileged, enables the sandbox everywhere, takes the single-instance lock', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.name).toBe('Briefing Desk');
  });

  it('hardens the session and serves the renderer over app://', () => {
    const ses = electron.session.defaultSession;
    expect(ses.permissionRequestHandler).not.toBeNull();
    expect(ses.webRequest.listener).not.toBeNull();
    expect(ses.protocol.handlers.has('app')).toBe(true);
  });

  it('keeps decks in Documents/Briefing Desk and state in the user data folder, and opens the deck named on the command line', () => {
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      transport: 'electron',
      decksDir: path.join('/tmp/briefing-electron-mock/documents', 'Briefing Desk'),
      statePath: path.join('/tmp/briefing-electron-mock/userData', 'state.json'),
      startupPath: path.resolve('/home/me/talk.briefing.json'),
      // The export worker warms up at idle moments (core/services.ts).
      warmExports: true,
    });
    expect(created[0].shell).toBeDefined();
  });

  it('opens one hardened audience window and installs the menu', () => {
    const [win] = electron.BrowserWindow.all;
    expect(win.loadedUrl).toBe('app://briefing/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('answers IPC from its window only', async () => {
    const [win] = electron.BrowserWindow.all;
    const handler = electron.ipcMain.handlers.get(CHANNELS.appSnapshot);
    if (!handler) throw new Error('no appSnapshot handler');
    const own = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://briefing/index.html', parent: null } };
    expect(await handler(own)).toEqual({ result: { transport: 'electron' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stranger = { sender: { id: 999 }, senderFrame: { url: 'app://briefing/index.html', parent: null } };
    expect(await handler(stranger)).toEqual({ error: expect.stringMatching(/refused/) });
    warn.mockRestore();
  });

  it('a deck double-clicked while running (second instance) becomes the startup deck and the windows are told', () => {
    const [win] = electron.BrowserWindow.all;
    electron.app.emit('second-instance', electron.fakeEvent(), ['/opt/briefing-desk', 'other.briefing.json'], '/home/me/Downloads', {});
    expect(context.startupPath).toBe(path.resolve('/home/me/Downloads/other.briefing.json'));
    expect(win.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'deck-opened');
  });

  it('macOS open-file does the same', () => {
    const event = electron.fakeEvent();
    electron.app.emit('open-file', event, '/Users/me/q3.briefing.json');
    expect(event.defaultPrevented).toBe(true);
    expect(context.startupPath).toBe('/Users/me/q3.briefing.json');
  });

  it('the first quit waits for pending saves, then quits', async () => {
    const event = electron.fakeEvent();
    electron.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(flush).toHaveBeenCalled());
    expect(electron.app.quit).not.toHaveBeenCalled();
    finishFlush();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    const second = electron.fakeEvent();
    electron.app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(false);
  });

  it('every other web contents is denied <webview> and page-made windows', () => {
    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', electron.fakeEvent(), contents);
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.emitCancellable('will-attach-webview')).toBe(true);
  });
});
