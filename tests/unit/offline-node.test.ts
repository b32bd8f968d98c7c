/**
 * Offline, in Node: with every way out to the network made to throw and be
 * recorded (net, tls, http, https, dns, fetch), exporting every PDF layout, the
 * deck store's open/save/import/backup, and browser mode's API over HTTP make
 * zero attempts. First in this process against the sources; then against the
 * built app itself (`build/cli.cjs`: export, check, and `serve` with its PDF
 * worker thread), guarded by a preload that also runs in worker threads.
 */
import { spawn, spawnSync } from 'node:child_process';
import dns from 'node:dns';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PDF_LAYOUTS, PDF_NOTES } from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';
import { callApi, createApiHandlers, type ApiHandlers } from '../../src-main/core/api-handlers';
import { createAppStateStore } from '../../src-main/core/app-state';
import { createDeckStore } from '../../src-main/core/deck-store';
import { bundledDecksDir, defaultDeckPath } from '../../src-main/core/paths';
import { createExportJobs } from '../../src-main/core/pdf/export-jobs';
import { exportHandoutPdf } from '../../src-main/core/pdf/export-pdf';
import { startHost, type RunningHost } from '../../src-main/host/host-server';
import { hostileDeck, loadDefaultDeck } from './pdf-fixtures';

const attempts: string[] = [];
/** Our own host's port: the one address the test's client may reach. */
let allowedPort = -1;

function isOurHost(args: unknown[]): boolean {
  // net.connect hands Socket#connect its arguments already normalised, as one array.
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const opts = (typeof first === 'object' && first !== null ? first : {}) as { port?: unknown; host?: unknown };
  const port = Number(typeof first === 'number' || typeof first === 'string' ? first : opts.port);
  const host = typeof second === 'string' ? second : opts.host;
  return port === allowedPort && host === '127.0.0.1';
}

/** Replaces every way out with one that records the attempt and throws. */
function guardNetwork(): void {
  const deny = (name: string) =>
    function denied(): never {
      attempts.push(name);
      throw new Error(`network access attempted offline: ${name}`);
    };
  for (const [mod, names] of [
    [http, ['request', 'get']],
    [https, ['request', 'get']],
    [tls, ['connect']],
    [dns, ['resolve', 'resolve4', 'resolve6', 'resolveAny']],
    [dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6']],
  ] as const) {
    for (const name of names) vi.spyOn(mod as unknown as Record<string, () => unknown>, name).mockImplementation(deny(`${name}`));
  }
  // server.listen('127.0.0.1') "looks up" its own IP literal, which never leaves the machine; any name is an attempt.
  const realLookup = dns.lookup;
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) =>
    net.isIP(host) ? (realLookup as (...a: unknown[]) => void)(host, ...rest) : deny(`dns.lookup ${host}`)()) as never);
  vi.spyOn(globalThis, 'fetch').mockImplementation(deny('fetch'));
  // Sockets: everything but our own client talking to our own host on 127.0.0.1.
  const realConnect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    if (isOurHost(args)) return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    return deny('net.Socket.connect')();
  } as never);
  for (const name of ['connect', 'createConnection'] as const) {
    const real = net[name];
    vi.spyOn(net, name).mockImplementation(((...args: unknown[]) => (isOurHost(args) ? (real as (...a: unknown[]) => net.Socket)(...args) : deny(`net.${name}`)())) as never);
  }
}

/** One API call over HTTP, through the real (allowed) socket to our host. */
function post(host: RunningHost, method: string, args: unknown[]): Promise<{ status: number; body: { result?: unknown; error?: string } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ args });
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(host.origin).port) });
    const chunks: Buffer[] = [];
    socket.on('connect', () =>
      socket.write(
        `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${new URL(host.origin).port}\r\nConnection: close\r\n` +
          `Content-Type: application/json\r\nX-Briefing-Token: ${host.token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        const raw = Buffer.concat(chunks);
        const split = raw.indexOf('\r\n\r\n');
        const head = raw.subarray(0, split).toString('latin1');
        let body = raw.subarray(split + 4);
        if (/transfer-encoding: chunked/i.test(head)) {
          // Chunk sizes count bytes, so this works on bytes, not on decoded text.
          const parts: Buffer[] = [];
          for (let at = 0; ; ) {
            const eol = body.indexOf('\r\n', at);
            const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
            if (!(size > 0)) break;
            parts.push(body.subarray(eol + 2, eol + 2 + size));
            at = eol + 2 + size + 2;
          }
          body = Buffer.concat(parts);
        }
        resolve({ status: Number(head.slice(9, 12)), body: JSON.parse(body.toString('utf8')) });
      } catch (err) {
        reject(err);
      }
    });
  });
}

describe('in this process, against the sources', () => {
  let work: string;
  let handlers: ApiHandlers;
  let host: RunningHost;
  let flush: () => Promise<void>;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'offline-'));
    guardNetwork();
    // The guard is real: a request anywhere is recorded and refused.
    expect(() => fetch('https://example.com/')).toThrow(/network access attempted offline/);
    expect(() => net.connect({ host: '10.0.0.1', port: 80 })).toThrow(/offline/);
    expect(attempts).toEqual(['fetch', 'net.connect']);
    attempts.length = 0;

    mkdirSync(path.join(work, 'exports'));
    const store = createDeckStore({ bundledDir: bundledDecksDir(), decksDir: path.join(work, 'decks'), defaultDeckPath: defaultDeckPath() });
    const state = await createAppStateStore(path.join(work, 'state.json'));
    flush = async () => {
      await store.flush();
      await state.flush();
    };
    // Exports in this process (not a worker), so the guard sees everything they do.
    const exports = createExportJobs({ workerFile: null });
    const context = {
      transport: 'http' as const,
      version: 'test',
      store,
      state,
      exports,
      decksDir: path.join(work, 'decks'),
      exportsDir: path.join(work, 'exports'),
      defaultDeckPath: defaultDeckPath(),
      downloadUrl: (jobId: string) => `/api/exports/${jobId}.pdf?token=${host.token}`,
    };
    handlers = createApiHandlers(context);
    host = await startHost({ port: 0, rendererDir: work, handlers: () => handlers, exportFile: (id) => exports.filePath(id) });
    allowedPort = Number(new URL(host.origin).port);
  });

  afterAll(async () => {
    await host?.close();
    await flush?.();
    vi.restoreAllMocks();
    rmSync(work, { recursive: true, force: true });
  });

  it.each(PDF_LAYOUTS)('exports the default briefing as "%s" with every notes kind, making no request', async (layout) => {
    const deck = loadDefaultDeck();
    for (const notes of PDF_NOTES) {
      const pdf = await exportHandoutPdf(deck, { layout, notes, annex: notes === 'talking-points' });
      expect(pdf.pages).toBeGreaterThan(1);
    }
    expect(attempts).toEqual([]);
  });

  it("exports a stranger's deck full of URLs and paths, making no request", async () => {
    const pdf = await exportHandoutPdf(hostileDeck(), { layout: 'handout', notes: 'handout', annex: true });
    expect(pdf.pages).toBeGreaterThan(1);
    expect(attempts).toEqual([]);
  });

  it('opens, edits, saves, saves as, imports and restores decks, making no request', async () => {
    const opened = (await callApi(handlers, 'startupDeck', [])) as { result: { ok: true; info: { id: string }; deck: Deck; revision: string } };
    expect(opened.result.ok).toBe(true);
    const deck = opened.result.deck;
    deck.slides[0].notes = 'edited offline';
    const saved = (await callApi(handlers, 'saveDeck', [opened.result.info.id, deck, opened.result.revision])) as { result: { info: { id: string }; workingCopyCreated: boolean; revision: string } };
    expect(saved.result.workingCopyCreated).toBe(true);
    deck.slides[1].notes = 'edited again';
    await callApi(handlers, 'saveDeck', [saved.result.info.id, deck, saved.result.revision]);
    expect((await callApi(handlers, 'openBackup', [saved.result.info.id])) as object).toHaveProperty('result.ok', true);
    expect(await callApi(handlers, 'saveDeckAs', [saved.result.info.id, deck, 'copy'])).toHaveProperty('result.info.name', 'copy.briefing.json');
    const imported = await callApi(handlers, 'importDeck', ['mine.briefing.json', JSON.stringify(deck)]);
    expect(imported).toHaveProperty('result.ok', true);
    expect(await callApi(handlers, 'newFromDefault', [])).toHaveProperty('result.ok', true);
    expect(await callApi(handlers, 'appSnapshot', [])).toHaveProperty('result.recent');
    expect(attempts).toEqual([]);
  });

  it("answers browser mode's API over HTTP, exports and serves the PDF, making no request", async () => {
    const start = await post(host, 'startupDeck', []);
    const { info, deck, revision } = start.body.result as { info: { id: string }; deck: Deck; revision: string };
    expect((await post(host, 'setLastSlide', [info.id, 2])).status).toBe(200);
    expect((await post(host, 'setPrefs', [{ notesFontSize: 30 }])).body.result).toEqual({ notesFontSize: 30 });
    const saved = await post(host, 'saveDeck', [info.id, deck, revision]);
    expect(saved.body.result).toHaveProperty('info.id');
    const job = (await post(host, 'startExport', [info.id, deck, { layout: 'three-up', notes: 'handout', annex: true }])).body.result as { jobId: string };
    let status: { state: string; downloadUrl?: string } = { state: 'running' };
    for (let i = 0; i < 300 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await post(host, 'exportStatus', [job.jobId])).body.result as typeof status;
    }
    expect(status.state, JSON.stringify(status)).toBe('done');
    expect(status.downloadUrl).toMatch(/^\/api\/exports\/.+\.pdf\?token=/);
    const pdf = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: allowedPort });
      const chunks: Buffer[] = [];
      socket.on('connect', () => socket.write(`GET ${status.downloadUrl} HTTP/1.1\r\nHost: 127.0.0.1:${allowedPort}\r\nConnection: close\r\n\r\n`));
      socket.on('data', (c) => chunks.push(c));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks)));
    });
    expect(pdf.toString('latin1')).toMatch(/^HTTP\/1\.1 200[\s\S]*application\/pdf[\s\S]*%PDF-/);
    expect(attempts).toEqual([]);
  });
});

const CLI = path.join(process.cwd(), 'build', 'cli.cjs');
const built = existsSync(CLI) && existsSync(path.join(process.cwd(), 'build', 'pdf-worker.cjs'));
if (!built) console.warn('offline checks of the built app are skipped: build/cli.cjs or build/pdf-worker.cjs is missing (npm run build)');

/** A preload for the built app: every way out throws and is logged to LOG, in the main thread and in workers. */
const GUARD = `
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const LOG = process.env.OFFLINE_LOG;
fs.appendFileSync(LOG, 'loaded ' + (isMainThread ? 'main' : 'worker') + '\\n');
const deny = (name) => function () { fs.appendFileSync(LOG, 'attempt ' + name + '\\n'); throw new Error('network access attempted offline: ' + name); };
for (const [mod, names] of [['node:http', ['request', 'get']], ['node:https', ['request', 'get']], ['node:tls', ['connect']], ['node:net', ['connect', 'createConnection']], ['node:dns', ['resolve', 'resolve4', 'resolve6', 'resolveAny']]]) {
  const m = require(mod);
  for (const n of names) m[n] = deny(mod.slice(5) + '.' + n);
}
require('node:dns').promises.lookup = deny('dns.promises.lookup');
// listen('127.0.0.1') looks up its own IP literal, which never leaves the machine; a name is an attempt.
const dnsModule = require('node:dns');
const realLookup = dnsModule.lookup;
dnsModule.lookup = function (host, ...rest) { return require('node:net').isIP(host) ? realLookup.call(this, host, ...rest) : deny('dns.lookup ' + host)(); };
require('node:net').Socket.prototype.connect = deny('net.Socket.connect');
globalThis.fetch = deny('fetch');
`;

describe.skipIf(!built)(`the built app (build/cli.cjs), guarded by a preload${built ? '' : ' (skipped: build/ is not built; npm run build)'}`, () => {
  let work: string;
  let guard: string;
  let log: string;
  const env = () => ({ ...process.env, OFFLINE_LOG: log, NODE_OPTIONS: '' });
  const lines = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'offline-built-'));
    guard = path.join(work, 'guard.cjs');
    log = path.join(work, 'network.log');
    writeFileSync(guard, GUARD);
    writeFileSync(log, '');
    // The guard is real: a child that tries to fetch is caught.
    const probe = spawnSync(process.execPath, ['--require', guard, '-e', "try { fetch('https://example.com/') } catch (e) { console.log(e.message) }"], { env: env(), encoding: 'utf8' });
    expect(probe.stdout).toMatch(/network access attempted offline: fetch/);
    expect(lines()).toEqual(['loaded main', 'attempt fetch']);
    writeFileSync(log, '');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exports every layout and checks the default deck without a single attempt', () => {
    for (const layout of PDF_LAYOUTS) {
      const out = path.join(work, `${layout}.pdf`);
      const run = spawnSync(process.execPath, ['--require', guard, CLI, 'export', defaultDeckPath(), '-o', out, '--layout', layout, ...(layout === 'slides' ? [] : ['--notes', 'talking-points'])], {
        env: env(),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect(spawnSync(process.execPath, ['--require', guard, CLI, 'check', defaultDeckPath()], { env: env() }).status).toBe(0);
    expect(lines().filter((l) => l.startsWith('attempt'))).toEqual([]);
    expect(lines().filter((l) => l === 'loaded main')).toHaveLength(PDF_LAYOUTS.length + 1);
  });

  it('serves browser mode, saves and exports in its worker thread without a single attempt', { timeout: 90_000 }, async () => {
    writeFileSync(log, '');
    const child = spawn(process.execPath, ['--require', guard, CLI, 'serve', '--port', '0', '--data-dir', path.join(work, 'data')], { env: env() });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
        setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
      });
      const origin = new URL(url).origin;
      const host = { origin, token: new URL(url).searchParams.get('token') ?? '', url, close: async () => {} };
      allowedPort = Number(new URL(url).port);
      const start = await post(host, 'startupDeck', []);
      const { info, deck, revision } = start.body.result as { info: { id: string }; deck: Deck; revision: string };
      deck.slides[0].notes = 'edited offline';
      expect((await post(host, 'saveDeck', [info.id, deck, revision])).body.result).toHaveProperty('workingCopyCreated', true);
      const job = (await post(host, 'startExport', [info.id, deck, { layout: 'notes', notes: 'talking-points', annex: true }])).body.result as { jobId: string };
      let status: { state: string } = { state: 'running' };
      for (let i = 0; i < 600 && status.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await post(host, 'exportStatus', [job.jobId])).body.result as typeof status;
      }
      expect(status.state).toBe('done');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(lines().filter((l) => l.startsWith('attempt'))).toEqual([]);
    // The export ran in a worker thread, and the guard was loaded there too.
    expect(lines()).toEqual(expect.arrayContaining(['loaded main', 'loaded worker']));
  });
});
