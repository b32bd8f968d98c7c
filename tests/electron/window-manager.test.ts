// Two screens: the presenter window, fullscreen slides on the projector, swapping,
// and closing that waits for the page's last save.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNEL } from '../../src-shared/api';
import type { AppState, AppStateStore } from '../../src-main/core/contracts';
import { WindowManager, type WindowManagerDeps } from '../../src-main/electron/window-manager';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const projector = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };

function setup(displays = [laptop]) {
  electron.screen.displays = displays;
  electron.screen.primaryId = 1;
  const state: AppState = { recent: [], lastSlide: {}, prefs: { notesFontSize: 20 }, windows: { main: { x: 100, y: 100, width: 1000, height: 700 } }, swapDisplays: false };
  const store: AppStateStore = { get: () => state, update: (change) => change(state), flush: async () => {} };
  const deps: WindowManagerDeps = {
    preloadPath: '/p/preload.cjs',
    isPackaged: true,
    state: store,
    openExternal: vi.fn(),
    waitForSaves: vi.fn(async () => {}),
    quitting: vi.fn(() => false),
    resumeQuit: vi.fn(),
    onChange: vi.fn(),
  };
  const manager = new WindowManager(deps);
  const audience = manager.audience() as unknown as electron.BrowserWindow;
  audience.emit('ready-to-show');
  return { manager, deps, state, audience };
}

const presenterWindow = () => {
  const win = electron.BrowserWindow.all.find((w) => w.loadedUrl?.endsWith('#presenter') && !w.destroyed);
  if (!win) throw new Error('no presenter window');
  return win;
};

beforeEach(() => electron.resetElectronMock());

describe('the audience window', () => {
  it('opens on the slides page where the user left it', () => {
    const { audience } = setup();
    expect(audience.loadedUrl).toBe('app://briefing/index.html');
    expect(audience.bounds).toEqual({ x: 100, y: 100, width: 1000, height: 700 });
    expect(audience.visible).toBe(true);
  });
});

describe('the presenter view with one screen', () => {
  it('opens in its own window and closes again', () => {
    const { manager, audience, deps } = setup();
    manager.togglePresenter();
    const presenter = presenterWindow();
    expect(manager.presenterOpen).toBe(true);
    expect(presenter.visible).toBe(false); // not before its first paint
    presenter.emit('ready-to-show');
    expect(presenter.visible).toBe(true);
    expect(audience.fullScreen).toBe(false);
    expect(deps.onChange).toHaveBeenCalled();
    manager.togglePresenter();
    expect(presenter.destroyed).toBe(true);
    expect(manager.presenterOpen).toBe(false);
  });
});

describe('the presenter view with two screens', () => {
  it('puts the slides fullscreen on the projector and the presenter view on the laptop', () => {
    const { manager, audience, state } = setup([laptop, projector]);
    manager.togglePresenter();
    const presenter = presenterWindow();
    presenter.emit('ready-to-show');
    expect(audience.fullScreen).toBe(true);
    expect(audience.bounds).toEqual(projector.bounds);
    expect(presenter.bounds).toEqual(laptop.workArea);
    expect(presenter.maximized).toBe(true);
    expect(state.windows.main?.displayId).toBe(2);
  });

  it('swaps the screens on command, and remembers that', () => {
    const { manager, audience, state } = setup([laptop, projector]);
    manager.togglePresenter();
    const presenter = presenterWindow();
    presenter.emit('ready-to-show');
    manager.swapDisplays();
    expect(state.swapDisplays).toBe(true);
    expect(audience.bounds).toEqual(laptop.bounds);
    expect(audience.fullScreen).toBe(true);
    expect(presenter.bounds).toEqual(projector.workArea);
  });

  it('gives the audience window back its own place when the presenter view closes', () => {
    const { manager, audience } = setup([laptop, projector]);
    manager.togglePresenter();
    presenterWindow().emit('ready-to-show');
    manager.togglePresenter();
    expect(audience.fullScreen).toBe(false);
    expect(audience.bounds).toEqual({ x: 100, y: 100, width: 1000, height: 700 });
  });

  it('falls back to one screen when the projector is unplugged', () => {
    const { manager, audience } = setup([laptop, projector]);
    manager.togglePresenter();
    presenterWindow().emit('ready-to-show');
    electron.screen.displays = [laptop];
    electron.screen.emit('display-removed');
    expect(audience.fullScreen).toBe(false);
    expect(manager.presenterOpen).toBe(true);
  });

  it('closes the presenter window when the slides window closes', () => {
    const { manager, audience } = setup([laptop, projector]);
    manager.togglePresenter();
    const presenter = presenterWindow();
    audience.close();
    expect(presenter.destroyed).toBe(true);
  });
});

describe('windows and their pages', () => {
  it('are the only webContents IPC accepts', () => {
    const { manager, audience } = setup();
    manager.togglePresenter();
    expect(manager.ownsWebContents(audience.webContents.id)).toBe(true);
    expect(manager.ownsWebContents(presenterWindow().webContents.id)).toBe(true);
    expect(manager.ownsWebContents(new electron.FakeWebContents().id)).toBe(false);
    audience.close();
    expect(manager.ownsWebContents(audience.webContents.id)).toBe(false);
  });

  it('menu commands go to the focused window, else to the slides', () => {
    const { manager, audience } = setup();
    manager.send('next');
    expect(audience.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'next');
    manager.togglePresenter();
    const presenter = presenterWindow();
    presenter.focus();
    manager.send('undo');
    expect(presenter.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'undo');
    manager.broadcast('deck-opened');
    expect(audience.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'deck-opened');
    expect(presenter.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'deck-opened');
  });

  it("a page's window.open of the presenter view opens main's presenter window", () => {
    const { manager, audience } = setup();
    expect(audience.webContents.openWindow('app://briefing/index.html#presenter')).toEqual({ action: 'deny' });
    expect(manager.presenterOpen).toBe(true);
    audience.webContents.openWindow('app://briefing/index.html#presenter');
    expect(electron.BrowserWindow.all.filter((w) => w.loadedUrl?.endsWith('#presenter'))).toHaveLength(1);
  });
});

describe('closing a window with an edit still being saved', () => {
  it('waits for the save, then closes for good and resumes a quit', async () => {
    const { audience, deps } = setup();
    let finish: () => void = () => {};
    deps.waitForSaves = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    (deps.quitting as ReturnType<typeof vi.fn>).mockReturnValue(true);
    // The user closes; the page's beforeunload holds the close while it saves.
    audience.emit('close', electron.fakeEvent());
    audience.webContents.emit('will-prevent-unload', electron.fakeEvent());
    expect(audience.destroyed).toBe(false);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(audience.destroyed).toBe(true);
    expect(deps.resumeQuit).toHaveBeenCalled();
  });

  it('does not close a window whose page only reloaded', async () => {
    const { audience, deps } = setup();
    audience.webContents.emit('will-prevent-unload', electron.fakeEvent());
    await Promise.resolve();
    expect(deps.waitForSaves).not.toHaveBeenCalled();
    expect(audience.destroyed).toBe(false);
  });
});
