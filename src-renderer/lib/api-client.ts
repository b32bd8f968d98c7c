/**
 * Picks the API transport at start: Electron's preload puts the client on
 * `window.briefing`; in browser mode the same API is called over HTTP with this
 * launch's token. The rest of the renderer does not care which it got.
 */
import { APP_COMMANDS, CHANNELS, type ApiMethod, type AppCommand, type BriefingApi, type BriefingClient, type Envelope } from '../../src-shared/api';

declare global {
  interface Window {
    briefing?: BriefingClient;
  }
}

const TOKEN_KEY = 'briefing-token';

/** The launch token from `?token=…`, remembered for this tab so reloads and new windows keep it. */
export function takeToken(location: Location, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

/** A BriefingClient that speaks HTTP to the browser-mode host. */
export function createHttpClient(token: string, fetchImpl: typeof fetch = fetch): BriefingClient {
  const call = async (method: ApiMethod, args: unknown[]): Promise<unknown> => {
    const res = await fetchImpl(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': token },
      body: JSON.stringify({ args }),
    });
    let envelope: Envelope<unknown>;
    try {
      envelope = (await res.json()) as Envelope<unknown>;
    } catch {
      throw new Error(`the app did not answer (${res.status})`);
    }
    if ('error' in envelope) throw new Error(envelope.error);
    return envelope.result;
  };
  const listeners = new Set<(command: AppCommand) => void>();
  const methods = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(CHANNELS) as ApiMethod[]) methods[name] = (...args) => call(name, args);
  return {
    ...(methods as unknown as BriefingApi),
    transport: 'http',
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Returns the API client for this window, or an error message when none can be made. */
export function connectApi(win: Window = window): BriefingClient | string {
  if (win.briefing) return win.briefing;
  const token = takeToken(win.location, win.sessionStorage);
  if (!token) return 'This page was opened without its access token. Open the address that `briefing serve` printed.';
  return createHttpClient(token);
}

export const isAppCommand = (value: unknown): value is AppCommand => APP_COMMANDS.includes(value as AppCommand);
