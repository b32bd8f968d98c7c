/**
 * Hardens a session (the default one holds every window): permissions are denied
 * (fullscreen for our own pages excepted, see `security.ts`), devices denied,
 * downloads refused, and any request that would leave the machine is cancelled.
 */
import type { Session } from 'electron';
import { BLOCKED_REQUEST_PATTERNS, isPermissionGranted } from './security';

/** Applies the app's session policy. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, details.isMainFrame));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_PATTERNS] }, (details, callback) => {
    console.warn(`[briefing] blocked a network request (the app works offline): ${details.url.slice(0, 200)}`);
    callback({ cancel: true });
  });
  // Nothing in the app downloads files; PDFs are written by main after a save dialog.
  session.on('will-download', (event) => event.preventDefault());
}
