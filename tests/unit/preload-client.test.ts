/**
 * The preload's client asks main for the startup deck as the preload runs, so the
 * page's first `startupDeck()` does not wait one script load plus an IPC round trip;
 * every later call asks afresh. Plain Node: the client takes its IPC port as an argument.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared/api';
import { createIpcClient, type IpcPort } from '../../src-main/electron/preload-client';

function fakePort(answer: (channel: string, n: number) => unknown): IpcPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    invoke: async (channel) => answer(channel, calls.push(channel)),
    subscribe: () => () => undefined,
  };
}

describe('createIpcClient startupDeckEarly', () => {
  it('asks at once; the first startupDeck() takes that answer, the next one asks again', async () => {
    const port = fakePort((channel, n) => ({ result: `${channel} #${n}` }));
    const client = createIpcClient(port, { startupDeckEarly: true });
    expect(port.calls).toEqual([CHANNELS.startupDeck]);
    expect(await client.startupDeck()).toBe(`${CHANNELS.startupDeck} #1`);
    expect(port.calls).toHaveLength(1);
    expect(await client.startupDeck()).toBe(`${CHANNELS.startupDeck} #2`);
    expect(port.calls).toHaveLength(2);
  });

  it('asks nothing before it is called without the option', async () => {
    const port = fakePort((channel) => ({ result: channel }));
    const client = createIpcClient(port);
    expect(port.calls).toEqual([]);
    expect(await client.startupDeck()).toBe(CHANNELS.startupDeck);
  });

  it('hands an early error to the first caller as a real Error, not as an unhandled rejection', async () => {
    const port = fakePort(() => ({ error: 'the deck is gone' }));
    const client = createIpcClient(port, { startupDeckEarly: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(client.startupDeck()).rejects.toThrow('the deck is gone');
  });
});
