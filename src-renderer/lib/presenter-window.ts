/**
 * Opens the presenter view in its own window. In Electron, main catches this
 * window.open and places the presenter window on the laptop screen; in browser mode
 * it is a popup of the same page, which keeps the launch token.
 */
export const PRESENTER_WINDOW_NAME = 'briefing-presenter';

/** The presenter view's URL for this page. */
export function presenterUrl(location: Location): string {
  return `${location.pathname}${location.search}#presenter`;
}

/** Opens (or focuses) the presenter window; false when the browser blocked it. */
export function openPresenterWindow(win: Window = window): boolean {
  const opened = win.open(presenterUrl(win.location), PRESENTER_WINDOW_NAME, 'popup,width=1280,height=800');
  opened?.focus();
  return opened !== null || win.briefing !== undefined;
}
