/**
 * The API over IPC: one `ipcMain.handle` per entry of CHANNELS, nothing else. Each
 * call is checked to come from the top frame of one of our own windows before its
 * (still unknown) arguments reach `callApi`, which validates them.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type ApiMethod, type Envelope } from '../../src-shared/api';
import { callApi, type ApiHandlers } from '../core/api-handlers';
import { createInflightTracker, isTrustedSender, type InflightTracker, type SenderInfo } from './ipc-guard';

export interface IpcOptions {
  handlers: ApiHandlers;
  /** True for the webContents of windows main created. */
  isOwnWebContents: (id: number) => boolean;
  /** Called after each accepted call (e.g. to refresh Open Recent). */
  afterCall?: (method: ApiMethod) => void;
}

export interface IpcRegistration {
  /** Calls still running (shutdown waits for them). */
  inflight: InflightTracker;
  /** Removes every handler. */
  dispose(): void;
}

/** The sender facts `isTrustedSender` needs, read from an IPC event. */
export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isTopFrame: frame !== null && frame.parent === null };
}

const REFUSED: Envelope<never> = { error: 'refused: the request did not come from a Briefing Desk window' };

/** Registers the API handlers on ipcMain. */
export function setupIpc(options: IpcOptions): IpcRegistration {
  const inflight = createInflightTracker();
  const methods = Object.keys(CHANNELS) as ApiMethod[];
  for (const method of methods) {
    ipcMain.handle(CHANNELS[method], async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const sender = senderInfo(event);
      if (!isTrustedSender(sender, options.isOwnWebContents)) {
        console.warn(`[briefing] refused ${CHANNELS[method]} from ${sender.frameUrl ?? 'a closed frame'} (webContents ${sender.webContentsId})`);
        return REFUSED;
      }
      // A watchDeck long poll is not work to finish before quitting: shutdown need not wait for it.
      const call = callApi(options.handlers, method, args);
      const envelope = await (method === 'watchDeck' ? call : inflight.track(call));
      options.afterCall?.(method);
      return envelope;
    });
  }
  return {
    inflight,
    dispose() {
      for (const method of methods) ipcMain.removeHandler(CHANNELS[method]);
    },
  };
}
