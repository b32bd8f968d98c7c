/**
 * Browser mode: serves the built renderer and the same API as Electron's IPC over
 * HTTP on 127.0.0.1. Every API call carries this launch's random token; foreign
 * Origin or Host headers (DNS rebinding) are refused; bodies are size-capped.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LIMITS } from '../../src-shared/deck-schema';
import { jsonDepthExceeds } from '../../src-shared/deck-validate';
import { callApi, type ApiHandlers } from '../core/api-handlers';
import { mimeType, RENDERER_CSP, resolveRendererFile } from '../core/renderer-files';

export interface HostOptions {
  port: number;
  rendererDir: string;
  /** Builds the handlers once the URL (and so the download links) is known. */
  handlers: (origin: string, token: string) => ApiHandlers;
  /** The finished PDF for a job id, for downloads. */
  exportFile: (jobId: string) => string | undefined;
  /** Fixed token (tests); a fresh random one otherwise. */
  token?: string;
}

export interface RunningHost {
  origin: string;
  token: string;
  /** The full URL to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Deck text may be 20 MB; JSON-escaping it in a request can grow it, so allow headroom. */
export const MAX_BODY_BYTES = LIMITS.maxBytes * 2 + 64 * 1024;
/** A deck may nest `LIMITS.maxDepth` deep; the `{ "args": [ … ] }` envelope adds two levels. */
export const MAX_BODY_DEPTH = LIMITS.maxDepth + 2;

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
} as const;

/** Starts the host on 127.0.0.1 (never on other interfaces). */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  // Both are known once the server listens on its port (see below).
  const bound: { handlers?: ApiHandlers; origin: string } = { origin: '' };
  const startupAhead = startupDeckAhead(() => callApi(bound.handlers!, 'startupDeck', []).then((envelope) => JSON.stringify(envelope)));
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[briefing] request failed:', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, bound.origin) || !originAllowed(req.headers.origin, bound.origin)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden');
    }
    const url = new URL(req.url ?? '/', bound.origin);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const file = await resolveRendererFile(opts.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    // The page of a window that will ask for its startup deck first thing: read it now.
    if (req.method === 'GET' && path.basename(file) === 'index.html' && tokenMatches(url.searchParams.get('token'), token)) startupAhead.start();
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mimeType(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const download = /^\/api\/exports\/([A-Za-z0-9_-]{1,64})\.(pdf|pptx)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 401, 'text/plain; charset=utf-8', 'missing or wrong token');
      const file = opts.exportFile(download[1]);
      // The link names the kind of file: a PDF job is never served as PowerPoint or the other way round.
      if (!file || !file.toLowerCase().endsWith(`.${download[2]}`)) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': download[2] === 'pptx' ? 'application/vnd.openxmlformats-officedocument.presentationml.presentation' : 'application/pdf',
        'Content-Disposition': `attachment; filename="${file.split(/[\\/]/).pop()?.replace(/[^\w.-]/g, '_') ?? 'handout.pdf'}"`,
        'Cache-Control': 'no-store',
      });
      return void createReadStream(file).pipe(res);
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    if (!tokenMatches(req.headers['x-briefing-token'], token)) return sendJson(res, 401, { error: 'missing or wrong token' });
    if (!isJsonType(req.headers['content-type'])) return sendJson(res, 415, { error: 'expected JSON' });
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      // The rest of the body is never read: close the connection once the answer is out.
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, { error: 'request too large' });
    }
    // Counted before JSON.parse, as for files: 40 MB of `[` would otherwise build 20 million arrays.
    if (jsonDepthExceeds(body, MAX_BODY_DEPTH)) return sendJson(res, 400, { error: `request nested deeper than ${MAX_BODY_DEPTH} levels` });
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
    const method = url.pathname.slice('/api/'.length);
    const args = payload !== null && typeof payload === 'object' ? (payload as { args?: unknown }).args : undefined;
    const ahead = method === 'startupDeck' && Array.isArray(args) && args.length === 0 ? startupAhead.take() : undefined;
    const aheadBody = ahead ? await ahead.catch(() => undefined) : undefined;
    if (aheadBody !== undefined) return send(res, 200, 'application/json; charset=utf-8', aheadBody);
    const envelope = await callApi(bound.handlers!, method, args ?? []);
    sendJson(res, 'error' in envelope && envelope.error === 'unknown API method' ? 404 : 200, envelope);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  bound.origin = origin;
  bound.handlers = opts.handlers(origin, token);
  return {
    origin,
    token,
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Stop accepting first, then drop keep-alive connections (idle ones hold close() open).
        server.close(() => resolve());
        server.closeIdleConnections();
        server.closeAllConnections();
      }),
  };
}

/** Only our own address: `127.0.0.1:PORT` or `localhost:PORT`, so a rebinding DNS name is refused. */
export function hostAllowed(host: string | undefined, origin: string): boolean {
  if (!host || !origin) return false;
  const port = new URL(origin).port;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Requests from other sites carry their Origin: only ours (or none, for top-level navigation) passes. */
export function originAllowed(requestOrigin: string | undefined, origin: string): boolean {
  if (requestOrigin === undefined) return true;
  const port = new URL(origin).port;
  return requestOrigin === origin || requestOrigin === `http://localhost:${port}`;
}

/** How long a startup deck read for a page waits for that page's call before it is dropped. */
export const STARTUP_AHEAD_MS = 10_000;

/**
 * The startup deck's answer, read and serialised when a window's page is requested,
 * not one script load later when the page asks for it: by the time the renderer's
 * first call (lib/early-start.ts) arrives, the host has it ready or on its way. The
 * next `startupDeck` call within `STARTUP_AHEAD_MS` takes it; later calls (a second
 * window, "deck-opened") read afresh. A page requested again while one is pending
 * shares it.
 */
export function startupDeckAhead(read: () => Promise<string>, now: () => number = Date.now): { start(): void; take(): Promise<string> | undefined } {
  let pending: { body: Promise<string>; at: number } | undefined;
  return {
    start() {
      if (pending && now() - pending.at < STARTUP_AHEAD_MS) return;
      const body = read();
      // Whoever takes it handles a failure; unclaimed, it is no unhandled rejection.
      body.catch(() => undefined);
      const entry = { body, at: now() };
      pending = entry;
      // Unclaimed (a page that never asked), a large deck's text is not held until the next page.
      setTimeout(() => {
        if (pending === entry) pending = undefined;
      }, STARTUP_AHEAD_MS).unref();
    },
    take() {
      const ahead = pending && now() - pending.at < STARTUP_AHEAD_MS ? pending.body : undefined;
      pending = undefined;
      return ahead;
    },
  };
}

function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `application/json`, with parameters or not; not `application/jsonp` or any look-alike. */
function isJsonType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * Reads a body up to `limit` bytes; null when it is larger. A larger body is not
 * buffered: a declared length is refused before reading, a streamed one as soon as
 * it passes the limit (reading stops there, so the caller can still answer 413).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    // A client that gives up mid-body is no error of ours (and must not be an unhandled one).
    req.on('error', reject);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
