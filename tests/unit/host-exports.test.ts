/**
 * Browser mode over real HTTP: every export job has its own file and its link serves
 * only that file; a planted symlink in the exports folder is never written through;
 * a 40 MB body of nested `[` is refused before JSON.parse and the server answers on.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import type { ExportOptions, ExportStatus } from '../../src-shared/api';
import { createServices, type Services } from '../../src-main/core/services';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../src-main/host/host-server';
import { popplerMissing, pdfText, writePdf } from './pdf-tools';

const TOKEN = 'test-token-exports-0123456789abcdefgh';
let work: string;
let services: Services;
let host: RunningHost;
let linkedSecret: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'host-exports-'));
  const rendererDir = path.join(work, 'renderer');
  const data = path.join(work, 'data');
  const exportsDir = path.join(data, 'exports');
  services = await createServices({
    transport: 'http',
    decksDir: path.join(data, 'decks'),
    statePath: path.join(data, 'state.json'),
    exportsDir,
    downloadUrl: (jobId) => `/api/exports/${jobId}.pdf?token=${TOKEN}`,
  });
  // Planted: the name the next export would take is a link to a file outside the data folder.
  linkedSecret = path.join(work, 'precious.txt');
  writeFileSync(linkedSecret, 'do not overwrite');
  symlinkSync(linkedSecret, path.join(exportsDir, 'central-asia-mining-slides-no-notes.pdf'));
  host = await startHost({
    port: 0,
    rendererDir,
    token: TOKEN,
    handlers: () => services.handlers,
    exportFile: (id) => services.context.exports.filePath(id),
  });
});

afterAll(async () => {
  await host?.close();
  await services?.flush();
  rmSync(work, { recursive: true, force: true });
});

async function call<T>(method: string, ...args: unknown[]): Promise<{ status: number; body: { result?: T; error?: string } }> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': TOKEN },
    body: JSON.stringify({ args }),
  });
  return { status: res.status, body: (await res.json()) as { result?: T; error?: string } };
}

async function exportAndWait(id: string, deck: Deck, options: ExportOptions): Promise<ExportStatus & { state: 'done' }> {
  const started = await call<{ jobId: string }>('startExport', id, deck, options);
  const jobId = started.body.result!.jobId;
  for (;;) {
    const status = (await call<ExportStatus>('exportStatus', jobId)).body.result!;
    if (status.state === 'done') return status;
    if (status.state !== 'running') throw new Error(`export ended ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('exports in browser mode', () => {
  it('two handouts of one deck, with and without talking points: two files, each link serves its own PDF', async (ctx) => {
    const open = (await call<{ ok: true; info: { id: string }; deck: Deck }>('startupDeck')).body.result!;
    const { id } = open.info;
    const deck = open.deck;
    const talkingPoint = 'Lead with the scale: half a year of 2025';
    expect(deck.slides.some((s) => s.notes?.includes(talkingPoint))).toBe(true);

    const audience = await exportAndWait(id, deck, { layout: 'handout', notes: 'none', annex: false });
    const presenter = await exportAndWait(id, deck, { layout: 'handout', notes: 'talking-points', annex: false });
    const again = await exportAndWait(id, deck, { layout: 'handout', notes: 'none', annex: false });
    expect(path.basename(audience.file)).toBe('central-asia-mining-handout-no-notes.pdf');
    expect(path.basename(presenter.file)).toBe('central-asia-mining-handout-talking-points.pdf');
    expect(path.basename(again.file)).toBe('central-asia-mining-handout-no-notes-2.pdf'); // the first is not replaced
    expect(new Set([audience.file, presenter.file, again.file]).size).toBe(3);

    const download = async (status: ExportStatus & { state: 'done' }) => {
      const res = await fetch(new URL(status.downloadUrl!, host.origin));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${path.basename(status.file)}"`);
      return Buffer.from(await res.arrayBuffer());
    };
    const audiencePdf = await download(audience);
    const presenterPdf = await download(presenter);
    expect(audiencePdf.equals(readFileSync(audience.file))).toBe(true);
    expect(presenterPdf.equals(readFileSync(presenter.file))).toBe(true);
    expect(audiencePdf.equals(presenterPdf)).toBe(false);

    const missing = popplerMissing();
    if (missing) return ctx.skip(`PDF text not compared: ${missing}`);
    const flat = (buf: Buffer, name: string) => pdfText(writePdf(work, name, buf)).replace(/\s+/g, ' ');
    expect(flat(presenterPdf, 'p.pdf')).toContain(talkingPoint);
    expect(flat(audiencePdf, 'a.pdf')).not.toContain(talkingPoint);
  }, 120_000);

  it('never writes through a symlink planted in the exports folder', async () => {
    const open = (await call<{ ok: true; info: { id: string }; deck: Deck }>('startupDeck')).body.result!;
    const done = await exportAndWait(open.info.id, open.deck, { layout: 'slides', notes: 'none', annex: false });
    expect(path.basename(done.file)).toBe('central-asia-mining-slides-no-notes-2.pdf');
    expect(readFileSync(linkedSecret, 'utf8')).toBe('do not overwrite');
    expect(lstatSync(path.join(path.dirname(done.file), 'central-asia-mining-slides-no-notes.pdf')).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.dirname(done.file)).filter((n) => /\.\d+$/.test(n))).toEqual([]); // no temp file left
  }, 120_000);
});

describe('request bodies', () => {
  it('refuses a 40 MB body of nested [ with a valid token before parsing it, and answers the next request', async () => {
    const size = 40 * 1024 * 1024;
    expect(size).toBeLessThan(MAX_BODY_BYTES); // under the size cap: only the depth check stands in the way
    const body = Buffer.alloc(size, '[');
    const res = await fetch(`${host.origin}/api/appSnapshot`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': TOKEN },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/nested deeper than/);
    const next = await call<{ version: string }>('appSnapshot');
    expect(next.status).toBe(200);
    expect(next.body.result?.version).toMatch(/^\d+\.\d+\.\d+/);
  }, 60_000);

  it('still refuses a body over the size cap with 413', async () => {
    const res = await fetch(`${host.origin}/api/appSnapshot`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Briefing-Token': TOKEN },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, ' '),
    });
    expect(res.status).toBe(413);
  }, 60_000);

  it('accepts a deck nested as deep as the format allows', async () => {
    const open = (await call<{ ok: true; info: { id: string }; deck: Deck }>('startupDeck')).body.result!;
    const deck = structuredClone(open.deck) as Deck & { extra?: unknown };
    let nested: unknown = 1;
    for (let i = 0; i < 29; i++) nested = [nested]; // deck object + extra array levels = 30 ≤ 32
    deck.extra = nested;
    const res = await call('saveDeck', open.info.id, deck);
    expect(res.status).toBe(200);
    expect(res.body.error).toBeUndefined();
  });
});
