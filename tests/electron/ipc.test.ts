// IPC: one handler per API channel, each refusing senders that are not the top
// frame of one of our own windows on app://briefing/, then dispatching to the API.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type ApiMethod } from '../../src-shared/api';
import type { ApiHandlers } from '../../src-main/core/api-handlers';
import { ArgumentError } from '../../src-main/core/api-args';
import { createInflightTracker, isTrustedSender } from '../../src-main/electron/ipc-guard';
import { setupIpc } from '../../src-main/electron/ipc';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const OWN_ID = 11;

/** Handlers that record their calls; every method answers with its own name. */
function recordingHandlers() {
  const calls: Array<{ method: ApiMethod; args: unknown[] }> = [];
  const handlers = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of Object.keys(CHANNELS) as ApiMethod[]) {
    handlers[method] = async (...args: unknown[]) => {
      calls.push({ method, args });
      if (args[0] === 'bad') throw new ArgumentError('invalid deck id');
      return `${method} done`;
    };
  }
  return { calls, handlers: handlers as unknown as ApiHandlers };
}

/** An IPC event as Electron builds it. */
function ipcEvent(opts: { webContentsId?: number; url?: string | null; parent?: object | null } = {}) {
  const url = opts.url === undefined ? 'app://briefing/index.html' : opts.url;
  return {
    sender: { id: opts.webContentsId ?? OWN_ID },
    senderFrame: url === null ? null : { url, parent: opts.parent ?? null },
  };
}

async function invoke(channel: string, event: object, ...args: unknown[]): Promise<unknown> {
  const handler = electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

beforeEach(() => electron.resetElectronMock());

describe('IPC handlers', () => {
  it('exist for exactly the API channels', () => {
    setupIpc({ handlers: recordingHandlers().handlers, isOwnWebContents: () => true });
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    expect(electron.ipcMain.handlers.has('deck:delete')).toBe(false);
    expect(electron.ipcMain.handlers.has('fs:read')).toBe(false);
  });

  it('dispatch a call from our own window to its method with the arguments as sent', async () => {
    const { calls, handlers } = recordingHandlers();
    const afterCall = vi.fn();
    setupIpc({ handlers, isOwnWebContents: (id) => id === OWN_ID, afterCall });
    expect(await invoke(CHANNELS.openDeck, ipcEvent(), 'abc123')).toEqual({ result: 'openDeck done' });
    expect(calls).toEqual([{ method: 'openDeck', args: ['abc123'] }]);
    expect(afterCall).toHaveBeenCalledWith('openDeck');
  });

  it('return a handler refusal as an { error } envelope', async () => {
    setupIpc({ handlers: recordingHandlers().handlers, isOwnWebContents: () => true });
    expect(await invoke(CHANNELS.saveDeck, ipcEvent(), 'bad', {})).toEqual({ error: 'invalid deck id' });
  });

  const refused: Array<[string, ReturnType<typeof ipcEvent>]> = [
    ['a frame on a foreign origin', ipcEvent({ url: 'https://evil.example/' })],
    ['a look-alike app host', ipcEvent({ url: 'app://briefing.evil.example/index.html' })],
    ['a file:// page', ipcEvent({ url: 'file:///tmp/index.html' })],
    ['an iframe inside our page', ipcEvent({ parent: { url: 'app://briefing/index.html' } })],
    ['a frame that is already gone', ipcEvent({ url: null })],
    ['a webContents we did not create', ipcEvent({ webContentsId: 99 })],
  ];
  for (const [name, event] of refused) {
    it(`refuse ${name} without calling the API`, async () => {
      const { calls, handlers } = recordingHandlers();
      setupIpc({ handlers, isOwnWebContents: (id) => id === OWN_ID });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const reply = await invoke(CHANNELS.saveDeck, event, 'abc', {});
      warn.mockRestore();
      expect(reply).toEqual({ error: expect.stringMatching(/refused/) });
      expect(calls).toEqual([]);
    });
  }

  it('are removed by dispose', () => {
    const registration = setupIpc({ handlers: recordingHandlers().handlers, isOwnWebContents: () => true });
    registration.dispose();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('count calls in flight so quitting can wait for a save', async () => {
    let release: () => void = () => {};
    const { handlers } = recordingHandlers();
    handlers.saveDeck = () => new Promise((resolve) => (release = () => resolve({ info: { id: 'abc', name: 'a.json', location: '/d', bundled: false }, savedAt: '', workingCopyCreated: false, revision: '0123456789abcdef0123' })));
    const registration = setupIpc({ handlers, isOwnWebContents: () => true });
    const pending = invoke(CHANNELS.saveDeck, ipcEvent(), 'abc', {});
    await Promise.resolve();
    expect(registration.inflight.count).toBe(1);
    let idle = false;
    const waiting = registration.inflight.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(idle).toBe(false);
    release();
    await pending;
    await waiting;
    expect(idle).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('needs all three: top frame, our origin, our webContents', () => {
    const own = (id: number) => id === 1;
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'app://briefing/index.html#presenter', isTopFrame: true }, own)).toBe(true);
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'app://briefing/index.html', isTopFrame: false }, own)).toBe(false);
    expect(isTrustedSender({ webContentsId: 2, frameUrl: 'app://briefing/index.html', isTopFrame: true }, own)).toBe(false);
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'devtools://devtools/bundled/x.html', isTopFrame: true }, own)).toBe(false);
  });

  it('an idle in-flight tracker resolves at once', async () => {
    await expect(createInflightTracker().idle()).resolves.toBeUndefined();
  });
});
