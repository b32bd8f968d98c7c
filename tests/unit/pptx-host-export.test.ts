/**
 * PowerPoint export through the API as browser mode serves it, over real HTTP: the
 * job writes DECK.pptx (then DECK-2.pptx) in the exports folder, its link is a
 * .pptx link served as PowerPoint, a PDF link for it is refused, main refuses an
 * unknown format, and PDF choices sent with a pptx job are checked but change nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptions, ExportStatus } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { createServices, type Services } from '../../src-main/core/services';
import { startHost, type RunningHost } from '../../src-main/host/host-server';

const TOKEN = 'test-token-pptx-0123456789abcdefghijkl';
let work: string;
let services: Services;
let host: RunningHost;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'host-pptx-'));
  const data = path.join(work, 'data');
  services = await createServices({
    transport: 'http',
    decksDir: path.join(data, 'decks'),
    statePath: path.join(data, 'state.json'),
    exportsDir: path.join(data, 'exports'),
    downloadUrl: (jobId, ext) => `/api/exports/${jobId}.${ext}?token=${TOKEN}`,
  });
  host = await startHost({ port: 0, rendererDir: path.join(work, 'renderer'), token: TOKEN, handlers: () => services.handlers, exportFile: (id) => services.context.exports.filePath(id) });
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

async function exportAndWait(id: string, deck: Deck, options: unknown): Promise<ExportStatus & { state: 'done' }> {
  const started = await call<{ jobId: string }>('startExport', id, deck, options);
  if (!started.body.result) throw new Error(started.body.error);
  for (;;) {
    const status = (await call<ExportStatus>('exportStatus', started.body.result.jobId)).body.result!;
    if (status.state === 'done') return status;
    if (status.state !== 'running') throw new Error(`export ended ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PowerPoint export in browser mode', () => {
  it('writes DECK.pptx, then DECK-2.pptx; each link serves its own file as PowerPoint', async () => {
    const open = (await call<{ ok: true; info: { id: string }; deck: Deck }>('startupDeck')).body.result!;
    const options: ExportOptions = { format: 'pptx', layout: 'slides', notes: 'talking-points', annex: false };
    const first = await exportAndWait(open.info.id, open.deck, options);
    const second = await exportAndWait(open.info.id, open.deck, { format: 'pptx' });
    expect(path.basename(first.file)).toBe('central-asia-mining.pptx');
    expect(path.basename(second.file)).toBe('central-asia-mining-2.pptx');
    expect(first.pages).toBe(open.deck.slides.filter((slide) => !slide.hidden).length);
    expect(first.downloadUrl).toMatch(/\.pptx\?token=/);

    const res = await fetch(new URL(first.downloadUrl!, host.origin));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="central-asia-mining.pptx"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(first.file))).toBe(true);
    const zip = await JSZip.loadAsync(body);
    expect(Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(open.deck.slides.filter((slide) => !slide.hidden).length);

    // The same job under a PDF link: not served.
    const asPdf = await fetch(new URL(first.downloadUrl!.replace('.pptx?', '.pdf?'), host.origin));
    expect(asPdf.status).toBe(404);
  }, 120_000);

  it('refuses an unknown format, and checks PDF fields even for PowerPoint', async () => {
    const open = (await call<{ ok: true; info: { id: string }; deck: Deck }>('startupDeck')).body.result!;
    const docx = await call('startExport', open.info.id, open.deck, { format: 'docx', layout: 'slides', notes: 'none', annex: false });
    expect(docx.body.error).toMatch(/format must be one of pdf, pptx/);
    const badLayout = await call('startExport', open.info.id, open.deck, { format: 'pptx', layout: 'poster' });
    expect(badLayout.body.error).toMatch(/layout must be one of/);
  });
});
