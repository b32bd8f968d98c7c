/**
 * Registers `app://briefing/`, the origin the renderer is served from. A custom
 * standard scheme gives the pages a real origin (so BroadcastChannel, fetch and the
 * CSP's 'self' work) without `file://`'s reach into the whole disk.
 */
import { protocol, type Session } from 'electron';
import { serveAppRequest } from './protocol-handler';
import { APP_SCHEME } from './security';

/** Declares the scheme's privileges; Electron requires this before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: counts as a secure context;
      // supportFetchAPI: the renderer may fetch its own files. Nothing more (no CSP bypass).
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** Serves the built renderer from `rootDir` on the given session (after `app` is ready). */
export function serveAppProtocol(session: Session, rootDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rootDir, request));
}
