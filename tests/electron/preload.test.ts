// The preload: what the page gets on window.briefing, and nothing more.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_COMMANDS, CHANNELS, COMMAND_CHANNEL, type AppCommand, type BriefingClient } from '../../src-shared/api';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let client: BriefingClient;
/** The IPC calls the preload made as it ran, before the page asked for anything. */
let callsAtLoad: unknown[][] = [];

beforeAll(async () => {
  electron.resetElectronMock();
  await import('../../src-main/electron/preload');
  client = electron.contextBridge.exposed.get('briefing') as BriefingClient;
  callsAtLoad = electron.ipcRenderer.invoke.mock.calls.map((c) => [...c]);
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

describe('window.briefing', () => {
  it('is the only thing exposed, and holds exactly the API methods, onCommand and transport', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['briefing']);
    expect(Object.keys(client).sort()).toEqual([...Object.keys(CHANNELS), 'onCommand', 'transport'].sort());
    expect(client.transport).toBe('electron');
    for (const [key, value] of Object.entries(client)) {
      if (key !== 'transport') expect(typeof value, key).toBe('function');
    }
  });

  it('offers no raw IPC: no ipcRenderer, invoke, send or on', () => {
    const exposed = client as unknown as Record<string, unknown>;
    for (const key of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'postMessage', 'require', 'process']) {
      expect(exposed[key], key).toBeUndefined();
    }
  });

  it("asks main for the startup deck as it runs; the page's first startupDeck() takes that answer, later ones ask again", async () => {
    // Only that one call, with no arguments: the rest waits for the page.
    expect(callsAtLoad).toEqual([[CHANNELS.startupDeck]]);
    // The early answer (the mock's { result: null }), with no second IPC call.
    await expect(client.startupDeck()).resolves.toBeNull();
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.ipcRenderer.invoke.mockResolvedValue({ result: { ok: true } });
    await expect(client.startupDeck()).resolves.toEqual({ ok: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.startupDeck);
  });

  it('calls each method on its own channel with its arguments and returns the result', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ result: { ok: true } });
    await expect(client.openDeck('abc')).resolves.toEqual({ ok: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.openDeck, 'abc');
    await client.setLastSlide('abc', 4);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.setLastSlide, 'abc', 4);
    await client.revealExport('job1', 'folder');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.revealExport, 'job1', 'folder');
    await client.startupDeck();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.startupDeck);
  });

  it('rethrows an { error } reply as a real Error with its message', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ error: 'unknown deck: open it first' });
    const failure = client.openDeck('nope');
    await expect(failure).rejects.toBeInstanceOf(Error);
    await expect(failure).rejects.toThrow('unknown deck: open it first');
  });

  it('treats a reply it does not understand as an error, not as a result', async () => {
    for (const reply of [undefined, null, 'text', {}, { other: 1 }]) {
      electron.ipcRenderer.invoke.mockResolvedValue(reply);
      await expect(client.appSnapshot(), JSON.stringify(reply)).rejects.toThrow(/does not understand/);
    }
  });
});

describe('onCommand', () => {
  it('passes on the app commands main sends, and only those', () => {
    const got: AppCommand[] = [];
    const stop = client.onCommand((command) => got.push(command));
    for (const value of ['next', 'presenter', 'rm -rf /', '__proto__', 'toString', 42, null, { command: 'next' }, ['next'], 'deck-opened']) {
      electron.ipcRenderer.emitFromMain(COMMAND_CHANNEL, value);
    }
    expect(got).toEqual(['next', 'presenter', 'deck-opened']);
    stop();
    electron.ipcRenderer.emitFromMain(COMMAND_CHANNEL, 'previous');
    expect(got).toHaveLength(3);
  });

  it('gives the listener the command alone, never the IPC event (which carries ipcRenderer)', () => {
    const listener = vi.fn();
    const stop = client.onCommand(listener);
    electron.ipcRenderer.emitFromMain(COMMAND_CHANNEL, 'blackout');
    expect(listener.mock.calls).toEqual([['blackout']]);
    stop();
  });

  it('accepts every command in APP_COMMANDS', () => {
    const got: string[] = [];
    const stop = client.onCommand((c) => got.push(c));
    for (const c of APP_COMMANDS) electron.ipcRenderer.emitFromMain(COMMAND_CHANNEL, c);
    stop();
    expect(got).toEqual([...APP_COMMANDS]);
  });

  it('listens on the command channel only', () => {
    const listener = vi.fn();
    const stop = client.onCommand(listener);
    electron.ipcRenderer.emitFromMain('some:other', 'next');
    expect(listener).not.toHaveBeenCalled();
    stop();
  });
});
