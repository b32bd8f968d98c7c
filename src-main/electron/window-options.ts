/**
 * The options every Briefing Desk window is created with, and where a window goes
 * when it is restored. Plain data (types only from `electron`), so a plain Node test
 * reads the hardening exactly as the app applies it.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from '../core/contracts';
import { DISABLED_BLINK_FEATURES, type WindowRole } from './security';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE: Readonly<Record<WindowRole, { width: number; height: number }>> = {
  audience: { width: 1280, height: 800 },
  presenter: { width: 1100, height: 760 },
};
const MIN_SIZE = { width: 480, height: 320 };

/**
 * Web preferences for every window: Electron's security checklist, item by item.
 * Spellcheck is off because Chromium fetches its dictionaries from the internet and
 * the app promises to work offline; devtools exist only in development.
 */
export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    disableBlinkFeatures: DISABLED_BLINK_FEATURES,
    devTools: !isPackaged,
  };
}

export interface WindowOptionsInput {
  role: WindowRole;
  preloadPath: string;
  isPackaged: boolean;
  /** Where the window goes; without x/y the system centres it. */
  bounds: Partial<Rect> & { width: number; height: number };
}

/** The constructor options for one window: hidden until its first paint, dark while loading. */
export function appWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: input.role === 'presenter' ? 'Briefing Desk — Presenter' : 'Briefing Desk',
    backgroundColor: '#111111',
    webPreferences: secureWebPreferences(input.preloadPath, input.isPackaged),
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * The bounds to reopen a window with. Saved bounds are used when enough of the window
 * (its title bar area) is still on one of today's screens; a window saved on a
 * projector that is gone comes back centred on a screen that exists. Sizes are kept
 * within the largest work area.
 */
export function restoreBounds(saved: WindowState | undefined, workAreas: readonly Rect[], role: WindowRole): Partial<Rect> & { width: number; height: number } {
  const fallback = DEFAULT_SIZE[role];
  const largest = workAreas.reduce<Rect | null>((best, r) => (!best || r.width * r.height > best.width * best.height ? r : best), null);
  const clamp = (size: { width: number; height: number }) => ({
    width: Math.round(Math.max(MIN_SIZE.width, Math.min(size.width, largest?.width ?? size.width))),
    height: Math.round(Math.max(MIN_SIZE.height, Math.min(size.height, largest?.height ?? size.height))),
  });
  const validSize = saved && Number.isFinite(saved.width) && Number.isFinite(saved.height) && saved.width > 0 && saved.height > 0;
  const size = clamp(validSize ? { width: saved.width, height: saved.height } : fallback);
  if (!validSize || !Number.isFinite(saved.x) || !Number.isFinite(saved.y)) return size;
  const rect: Rect = { x: Math.round(saved.x as number), y: Math.round(saved.y as number), ...size };
  const titleBar: Rect = { ...rect, height: Math.min(rect.height, 48) };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(120, rect.width) && o.height >= Math.min(24, titleBar.height);
  });
  return visible ? rect : size;
}
