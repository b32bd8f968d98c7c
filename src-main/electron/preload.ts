/**
 * The preload of every window (sandboxed: it may require only `electron`; the build
 * bundles everything else in). It exposes the typed API client as `window.briefing`
 * and nothing else: the page never sees `ipcRenderer`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createIpcClient } from './preload-client';

// The startup deck is asked for as the preload runs: it is on its way while the page loads its code.
const client = createIpcClient(
  {
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    subscribe(channel, listener) {
      // The event object (with its `sender`, an ipcRenderer) never reaches the page.
      const handler = (_event: IpcRendererEvent, value: unknown) => listener(value);
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.removeListener(channel, handler);
      };
    },
  },
  { startupDeckEarly: true },
);

contextBridge.exposeInMainWorld('briefing', client);
