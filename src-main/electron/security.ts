/**
 * The Electron shell's security policy as plain functions on plain data: which URLs
 * are our own pages, which links may go to the system browser, what `window.open`
 * and navigation may do, which permissions a page gets, which requests are cut off.
 * No `electron` import, so plain Node tests read the policy exactly as the app runs it.
 * URLs are always parsed with the WHATWG parser (`new URL`), never matched as text.
 */

/** The custom scheme the renderer is served from (not `file://`, which reaches the whole disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'briefing';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The two kinds of window: the slides the room sees, and the presenter's view. */
export type WindowRole = 'audience' | 'presenter';

/** The page a window of this role loads; the renderer reads the hash to pick its view. */
export function appPageUrl(role: WindowRole): string {
  return `${APP_ORIGIN}/index.html${role === 'presenter' ? '#presenter' : ''}`;
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is one of our own pages: scheme `app:`, host exactly `briefing`,
 * no port and no credentials. (`URL.origin` is "null" for non-special schemes in
 * Node, so the parts are compared instead.)
 */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/**
 * The link to hand to the system browser, or null. Only http(s) with a host and
 * without credentials (`https://bank.example@evil.example/` is a classic disguise);
 * `javascript:`, `file:`, `data:`, custom schemes and unparseable text are refused.
 */
export function externalHttpUrl(url: unknown): string | null {
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return null;
  if (!u.hostname || u.username !== '' || u.password !== '') return null;
  return u.href;
}

/** The role a request for one of our pages asks for: `#presenter` or the audience view. */
function roleOfAppUrl(u: URL): WindowRole | null {
  if (u.pathname !== '/' && u.pathname !== '/index.html') return null;
  if (u.hash === '#presenter') return 'presenter';
  return u.hash === '' || u.hash === '#audience' ? 'audience' : null;
}

export type WindowOpenDecision =
  | { action: 'open-external'; url: string }
  | { action: 'app-window'; role: WindowRole }
  | { action: 'refuse' };

/**
 * What to do with a `window.open` or `target=_blank` link. The page never gets a
 * window of its own making (the handler always answers "deny"): an external link goes
 * to the system browser, and a request for one of our own views is turned into a
 * window that main creates with its own hardened options.
 */
export function decideWindowOpen(url: unknown): WindowOpenDecision {
  const u = parseUrl(url);
  if (u && isAppUrl(url)) {
    const role = roleOfAppUrl(u);
    return role ? { action: 'app-window', role } : { action: 'refuse' };
  }
  const external = externalHttpUrl(url);
  return external ? { action: 'open-external', url: external } : { action: 'refuse' };
}

export type NavigationDecision = { action: 'allow' } | { action: 'open-external'; url: string } | { action: 'refuse' };

/**
 * What to do when a window is about to navigate or be redirected: stay only within
 * our own pages. A followed http(s) link (a source's URL on the sources slide) opens
 * in the system browser instead; everything else, a dropped file among them, is refused.
 */
export function decideNavigation(url: unknown): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  const external = externalHttpUrl(url);
  return external ? { action: 'open-external', url: external } : { action: 'refuse' };
}

/**
 * Whether a page may have a permission. Everything is denied except fullscreen for
 * our own top-level pages: presenting full screen (the F key) is the app's job, and
 * Chromium asks for it like any other permission.
 */
export function isPermissionGranted(permission: string, requestingUrl: unknown, isMainFrame: boolean): boolean {
  return permission === 'fullscreen' && isMainFrame && isAppUrl(requestingUrl);
}

/**
 * Request URL patterns the session cancels before they leave the machine. The app
 * promises to work offline and loads everything from `app://`, so any http(s),
 * WebSocket or ftp request from a page is a bug or an attack; file:// is cut off too.
 */
export const BLOCKED_REQUEST_PATTERNS: readonly string[] = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

/** Chromium features switched off in every window (see docs/security.md). */
export const DISABLED_BLINK_FEATURES = 'Auxclick';
