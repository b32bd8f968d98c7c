/**
 * Creating one hardened window: checklist web preferences, hidden until its first
 * paint, no windows of the page's own making, no navigation away from our pages, no
 * <webview>; and remembering where the user put it.
 */
import { BrowserWindow, type WebContents } from 'electron';
import type { AppStateStore, WindowState } from '../core/contracts';
import { appPageUrl, decideNavigation, decideWindowOpen, isAppUrl, type WindowRole } from './security';
import { appWindowOptions, type Rect } from './window-options';

export interface ContentsPolicyDeps {
  /** Opens a checked http(s) URL in the system browser (`shell.openExternal`). */
  openExternal(url: string): void;
  /** The page asked (window.open) for one of our own views; main decides what to do. */
  onAppWindowRequest(role: WindowRole): void;
}

/** Applies the navigation and window-opening policy to a window's contents. */
export function hardenWebContents(contents: WebContents, deps: ContentsPolicyDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'open-external') deps.openExternal(decision.url);
    else if (decision.action === 'app-window') deps.onAppWindowRequest(decision.role);
    else console.warn(`[briefing] refused to open a window for ${url.slice(0, 200)}`);
    // Always deny: a window the page creates would inherit what main cannot vet.
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') deps.openExternal(decision.url);
  });
  contents.on('will-redirect', (event) => {
    // A redirect is never the user's choice: stay on our pages or go nowhere.
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // Top-frame navigation is judged by will-navigate above; frames may never leave our pages.
    if (!event.isMainFrame && !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface CreateWindowInput extends ContentsPolicyDeps {
  role: WindowRole;
  preloadPath: string;
  isPackaged: boolean;
  bounds: Partial<Rect> & { width: number; height: number };
}

/** Creates a hardened window for a role and loads its page; it shows itself once painted. */
export function createAppWindow(input: CreateWindowInput): BrowserWindow {
  const win = new BrowserWindow(appWindowOptions(input));
  hardenWebContents(win.webContents, input);
  win.once('ready-to-show', () => win.show());
  win.loadURL(appPageUrl(input.role)).catch((err: unknown) => {
    console.error(`[briefing] the ${input.role} window could not load its page:`, err);
  });
  return win;
}

/**
 * Saves a window's bounds under `key` in app state when it is moved, resized or
 * closed. `skip()` says when not to (the audience window while main holds it
 * fullscreen on the projector: that is not where the user put it).
 */
export function rememberBounds(win: BrowserWindow, key: string, state: AppStateStore, displayIdOf: (rect: Rect) => number | undefined, skip: () => boolean): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || skip() || win.isFullScreen() || win.isMinimized()) return;
    const bounds = win.getNormalBounds();
    const entry: WindowState = { ...bounds, maximized: win.isMaximized(), displayId: displayIdOf(bounds) };
    state.update((s) => {
      s.windows[key] = entry;
    });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('move', later);
  win.on('resize', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
