/**
 * Browser mode reads a window's startup deck when its page is requested (with this
 * launch's token), so the page's first `startupDeck` call finds it ready: over real
 * HTTP against startHost with the real API handlers, counting the reads.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckOpenResult } from '../../src-shared/api';
import { createServices, type Services } from '../../src-main/core/services';
import { STARTUP_AHEAD_MS, startHost, startupDeckAhead, type RunningHost } from '../../src-main/host/host-server';

const TOKEN = 'test-token-startup-ahead-0123456789ab';
let work: string;
let services: Services;
let host: RunningHost;
let reads = 0;
let deckPath: string;

const deckWithTitle = (title: string) => ({
  format: 'briefing-deck',
  version: 1,
  meta: { title },
  sources: [],
  slides: [{ id: 's1', layout: 'title', title }],
});

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'host-startup-ahead-'));
  const rendererDir = path.join(work, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Briefing Desk</title><body></body>');
  deckPath = path.join(work, 'talk.briefing.json');
  writeFileSync(deckPath, JSON.stringify(deckWithTitle('First version')));
  const data = path.join(work, 'data');
  services = await createServices({
    transport: 'http',
    decksDir: path.join(data, 'decks'),
    statePath: path.join(data, 'state.json'),
    exportsDir: path.join(data, 'exports'),
    startupPath: deckPath,
  });
  const counted = {
    ...services.handlers,
    startupDeck: () => {
      reads++;
      return services.handlers.startupDeck();
    },
  };
  host = await startHost({ port: 0, rendererDir, token: TOKEN, handlers: () => counted, exportFile: () => undefined });
});

afterAll(async () => {
  await host?.close();
  await services?.flush();
  rmSync(work, { recursive: true, force: true });
});

async function startupDeck(): Promise<DeckOpenResult> {
  const res = await fetch(`${host.origin}/api/startupDeck`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': TOKEN },
    body: JSON.stringify({ args: [] }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { result: DeckOpenResult };
  return body.result;
}

const titleOf = (result: DeckOpenResult) => (result.ok ? result.deck.meta.title : `not opened: ${result.problems[0]?.message}`);

describe('the startup deck read ahead for a page', () => {
  it('is not read for a page requested without the token, nor for other files', async () => {
    reads = 0;
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
    expect((await fetch(`${host.origin}/?token=wrong-token`)).status).toBe(200);
    expect((await fetch(`${host.origin}/index.html`, { method: 'HEAD' })).status).toBe(200);
    expect(reads).toBe(0);
  });

  it("is read when the page is requested, and the page's first call is answered with it; the next call reads afresh", async () => {
    reads = 0;
    const page = await fetch(`${host.origin}/?token=${TOKEN}`);
    expect(await page.text()).toContain('<title>Briefing Desk</title>');
    expect(reads).toBe(1);
    expect(titleOf(await startupDeck())).toBe('First version');
    expect(reads).toBe(1);
    // Taken once: "deck-opened" or a second window reads the file as it is now.
    writeFileSync(deckPath, JSON.stringify(deckWithTitle('Second version')));
    expect(titleOf(await startupDeck())).toBe('Second version');
    expect(reads).toBe(2);
  });

  it('is shared by two page requests before the call, and not used for a call with arguments', async () => {
    reads = 0;
    await (await fetch(`${host.origin}/?token=${TOKEN}`)).text();
    await (await fetch(`${host.origin}/?token=${TOKEN}`)).text();
    expect(reads).toBe(1);
    const refused = await fetch(`${host.origin}/api/startupDeck`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': TOKEN },
      body: JSON.stringify({ args: [1, 2, 3, 4, 5] }),
    });
    expect(await refused.json()).toEqual({ error: 'invalid arguments' });
    expect(titleOf(await startupDeck())).toBe('Second version');
    expect(reads).toBe(1);
  });
});

describe('startupDeckAhead', () => {
  it('hands out one read once, and drops it when nobody took it in time', async () => {
    let clock = 0;
    let count = 0;
    const ahead = startupDeckAhead(async () => `read ${++count}`, () => clock);
    expect(ahead.take()).toBeUndefined();
    ahead.start();
    ahead.start();
    expect(count).toBe(1);
    expect(await ahead.take()).toBe('read 1');
    expect(ahead.take()).toBeUndefined();
    ahead.start();
    clock += STARTUP_AHEAD_MS;
    expect(ahead.take()).toBeUndefined();
    // A pending read too old to hand out is replaced by a fresh one.
    ahead.start();
    clock += STARTUP_AHEAD_MS;
    ahead.start();
    expect(count).toBe(4);
    expect(await ahead.take()).toBe('read 4');
  });

  it('keeps a failed read for the call that takes it, and never leaves it unhandled', async () => {
    const ahead = startupDeckAhead(() => Promise.reject(new Error('disk gone')));
    ahead.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(ahead.take()).rejects.toThrow('disk gone');
  });
});
