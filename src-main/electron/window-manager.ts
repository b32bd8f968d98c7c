/**
 * The app's windows: the audience window (slides for the room) and the presenter
 * window (`#presenter`). With two or more screens, opening the presenter view puts the
 * slides fullscreen on the external screen and the presenter view on the laptop;
 * "Swap Displays" exchanges them. With one screen the presenter view is its own window.
 * The two windows share an origin, so the renderer keeps them in sync itself
 * (BroadcastChannel).
 */
import { BrowserWindow, screen, type Display } from 'electron';
import { COMMAND_CHANNEL, type AppCommand } from '../../src-shared/api';
import type { AppStateStore } from '../core/contracts';
import { planScreens, type DisplayInfo } from './displays';
import type { WindowRole } from './security';
import { createAppWindow, rememberBounds } from './window';
import { restoreBounds, type Rect } from './window-options';

export interface WindowManagerDeps {
  preloadPath: string;
  isPackaged: boolean;
  state: AppStateStore;
  openExternal(url: string): void;
  /** Waits for saves in flight before a window whose page held back its closing is destroyed. */
  waitForSaves(): Promise<void>;
  /** True while the app is quitting (a held-back window then resumes the quit). */
  quitting(): boolean;
  resumeQuit(): void;
  /** Windows opened or closed (the menu shows whether the presenter view is open). */
  onChange(): void;
}

const STATE_KEY: Record<WindowRole, string> = { audience: 'main', presenter: 'presenter' };

/**
 * Runs `fn` once the window is on screen: maximize() and setFullScreen() would show a
 * window that has not painted yet, which `show: false` exists to prevent.
 */
function afterShow(win: BrowserWindow, fn: () => void): void {
  if (win.isDestroyed()) return;
  if (win.isVisible()) fn();
  else win.once('show', () => !win.isDestroyed() && fn());
}

const toInfo = (d: Display): DisplayInfo => ({ id: d.id, bounds: d.bounds, workArea: d.workArea });

/** Owns the audience and presenter windows and their placement. */
export class WindowManager {
  private readonly wins: Record<WindowRole, BrowserWindow | null> = { audience: null, presenter: null };
  /** The audience window is fullscreen because main put it there for a two-screen talk. */
  private placedFullscreen = false;

  constructor(private readonly deps: WindowManagerDeps) {
    const rearrange = () => this.arrange();
    screen.on('display-added', rearrange);
    screen.on('display-removed', rearrange);
  }

  /** True for the webContents of one of our windows (IPC accepts only these). */
  ownsWebContents(id: number): boolean {
    return Object.values(this.wins).some((w) => w !== null && !w.isDestroyed() && w.webContents.id === id);
  }

  get presenterOpen(): boolean {
    return this.wins.presenter !== null;
  }

  /** The audience window, created if needed. */
  audience(): BrowserWindow {
    return this.wins.audience ?? this.create('audience');
  }

  /** Shows (creating if needed) the window for a role; the presenter one is placed by screen. */
  openOrFocus(role: WindowRole): void {
    const existing = this.wins[role];
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
      return;
    }
    if (role === 'audience') this.create('audience');
    else this.openPresenter();
  }

  togglePresenter(): void {
    if (this.wins.presenter) this.wins.presenter.close();
    else this.openPresenter();
  }

  /** Exchanges the audience and presenter screens (remembered across launches). */
  swapDisplays(): void {
    this.deps.state.update((s) => {
      s.swapDisplays = !s.swapDisplays;
    });
    this.arrange();
  }

  /** Sends a command to the focused Briefing Desk window, else to the audience window. */
  send(command: AppCommand): void {
    const focused = BrowserWindow.getFocusedWindow();
    const target = focused && this.ownsWebContents(focused.webContents.id) ? focused : this.wins.audience;
    target?.webContents.send(COMMAND_CHANNEL, command);
  }

  /** Sends a command to every window (a deck opened from outside: both views load it). */
  broadcast(command: AppCommand): void {
    for (const win of Object.values(this.wins)) if (win && !win.isDestroyed()) win.webContents.send(COMMAND_CHANNEL, command);
  }

  private displays(): { list: DisplayInfo[]; primaryId: number } {
    return { list: screen.getAllDisplays().map(toInfo), primaryId: screen.getPrimaryDisplay().id };
  }

  private displayIdOf(rect: Rect): number | undefined {
    return screen.getDisplayMatching(rect)?.id;
  }

  private create(role: WindowRole, bounds?: Rect): BrowserWindow {
    const saved = this.deps.state.get().windows[STATE_KEY[role]];
    const win = createAppWindow({
      role,
      preloadPath: this.deps.preloadPath,
      isPackaged: this.deps.isPackaged,
      bounds: bounds ?? restoreBounds(saved, this.displays().list.map((d) => d.workArea), role),
      openExternal: this.deps.openExternal,
      onAppWindowRequest: (requested) => this.openOrFocus(requested),
    });
    if (!bounds && saved?.maximized) win.once('ready-to-show', () => win.maximize());
    this.wins[role] = win;
    rememberBounds(win, STATE_KEY[role], this.deps.state, (r) => this.displayIdOf(r), () => role === 'audience' && this.placedFullscreen);
    this.holdCloseForSaves(win);
    win.on('closed', () => {
      this.wins[role] = null;
      if (role === 'presenter') this.leaveTwoScreenMode();
      // The room's slides gone means the talk is over: the presenter window goes too.
      if (role === 'audience') this.wins.presenter?.close();
      this.deps.onChange();
    });
    this.deps.onChange();
    return win;
  }

  /**
   * A page with edits not yet saved holds back its window's closing (beforeunload);
   * Electron then emits `will-prevent-unload`. Main lets the page's save reach the
   * deck store, waits for it, and closes the window for good (resuming a quit).
   */
  private holdCloseForSaves(win: BrowserWindow): void {
    let closing = false;
    win.on('close', () => {
      closing = true;
    });
    win.webContents.on('will-prevent-unload', () => {
      if (!closing) return; // a reload in development: stay on the page
      void this.deps.waitForSaves().then(() => {
        if (!win.isDestroyed()) win.destroy();
        if (this.deps.quitting()) this.deps.resumeQuit();
      });
    });
  }

  private openPresenter(): void {
    const plan = this.plan();
    this.create('presenter', plan?.mode === 'two-screens' ? plan.presenter.bounds : undefined);
    this.arrange();
  }

  private plan() {
    const { list, primaryId } = this.displays();
    const s = this.deps.state.get();
    const remembered = [s.windows.main?.displayId, s.windows.presenter?.displayId].find((id) => id !== undefined && id !== primaryId);
    return planScreens(list, primaryId, s.swapDisplays, remembered);
  }

  /** Places the windows for the current screens (only while the presenter view is open). */
  private arrange(): void {
    const audience = this.wins.audience;
    const presenter = this.wins.presenter;
    if (!audience || !presenter) return;
    const plan = this.plan();
    if (plan?.mode !== 'two-screens') {
      this.leaveTwoScreenMode();
      return;
    }
    this.placedFullscreen = true;
    afterShow(audience, () => {
      // A fullscreen window cannot move between screens: leave, move, re-enter.
      if (audience.isFullScreen()) audience.setFullScreen(false);
      audience.setBounds(plan.audience.bounds);
      audience.setFullScreen(true);
    });
    afterShow(presenter, () => {
      if (presenter.isMaximized()) presenter.unmaximize();
      presenter.setBounds(plan.presenter.bounds);
      presenter.maximize();
    });
    this.deps.state.update((s) => {
      // Which screen the room saw, so the same projector is chosen next time.
      s.windows.main = { ...(s.windows.main ?? { width: 1280, height: 800 }), displayId: plan.audience.displayId };
    });
  }

  /** The talk is over (or a screen went away): the audience window returns to where the user had it. */
  private leaveTwoScreenMode(): void {
    const audience = this.wins.audience;
    if (!this.placedFullscreen) return;
    this.placedFullscreen = false;
    if (!audience || audience.isDestroyed()) return;
    audience.setFullScreen(false);
    audience.setBounds(restoreBounds(this.deps.state.get().windows.main, this.displays().list.map((d) => d.workArea), 'audience'));
  }
}
