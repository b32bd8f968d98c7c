/**
 * The window's first API call, started while the rest of the renderer's code is still
 * being evaluated: `main.ts` imports this module before anything else, so the startup
 * deck is on its way (from main over IPC, or from the browser-mode host) by the time
 * Svelte mounts, instead of one round trip after it.
 */
import type { BriefingClient, DeckOpenResult } from '../../src-shared/api';
import { connectApi } from './api-client';
import { mapModules, opensOnMap } from './map-modules';

/** This window's API client, or the message to show when there is none. */
export const earlyApi: BriefingClient | string = typeof window === 'undefined' ? 'no window' : connectApi();

let startupDeck: Promise<DeckOpenResult> | undefined = typeof earlyApi === 'string' ? undefined : earlyApi.startupDeck();
// Whoever takes the answer handles its error; until then an early failure is not "unhandled".
startupDeck?.catch(() => undefined);
// A deck that opens on a map: its geo code and the world's boundaries (756 kB) are fetched
// and compiled while Svelte mounts the slide, not after the map component asks for them.
startupDeck?.then(
  (result) => {
    if (result.ok && opensOnMap(result.deck.slides, Math.max(0, result.lastSlide))) void mapModules().catch(() => undefined);
  },
  () => undefined,
);

/**
 * The startup deck for `api`: the call started at load when `api` is this window's
 * client and nobody took it yet, a fresh call otherwise (tests, a second start).
 */
export function takeStartupDeck(api: BriefingClient): Promise<DeckOpenResult> {
  const early = api === earlyApi ? startupDeck : undefined;
  startupDeck = undefined;
  return early ?? api.startupDeck();
}
