/**
 * Browser mode's host as an attacker on the same machine (or a web page in the
 * user's browser) would meet it: real HTTP against startHost with the real API
 * handlers over temp folders. Raw sockets send the exact request bytes, so no
 * client library tidies a `..` or a Host header away before the server sees it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src-main/core/services';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../src-main/host/host-server';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';
const TOKEN = 'test-token-0123456789abcdefghijklmn';

let work: string;
let rendererDir: string;
let services: Services;
let host: RunningHost;
let port: number;
let fakePdf: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'host-security-'));
  // A renderer folder with a secret beside it, and a symlink inside that points at the secret.
  rendererDir = path.join(work, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Briefing Desk</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(work, 'secret.txt'), SECRET);
  mkdirSync(path.join(work, 'renderer-evil'));
  writeFileSync(path.join(work, 'renderer-evil', 'x.txt'), SECRET);
  symlinkSync(path.join(work, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  symlinkSync(work, path.join(rendererDir, 'up'));
  fakePdf = path.join(work, 'exports', 'handout.pdf');
  mkdirSync(path.dirname(fakePdf), { recursive: true });
  writeFileSync(fakePdf, '%PDF-1.7 fake');

  const data = path.join(work, 'data');
  services = await createServices({
    transport: 'http',
    decksDir: path.join(data, 'decks'),
    statePath: path.join(data, 'state.json'),
    exportsDir: path.join(data, 'exports'),
  });
  host = await startHost({
    port: 0,
    rendererDir,
    token: TOKEN,
    handlers: () => services.handlers,
    exportFile: (jobId) => (jobId === 'job-1' ? fakePdf : services.context.exports.filePath(jobId)),
  });
  port = Number(new URL(host.origin).port);
});

afterAll(async () => {
  await host?.close();
  await services?.flush();
  rmSync(work, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Sends the exact bytes of one request and reads the response until the server closes. */
function raw(request: string, address = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.on('connect', () => socket.write(request));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const headers = text.slice(0, split);
      const body = text.slice(split + 4);
      resolve({ status, headers, body: /transfer-encoding: chunked/i.test(headers) ? dechunk(body) : body });
    });
  });
}

/** The body of a chunked response (sizes count bytes, so this works on bytes). */
function dechunk(body: string): string {
  const bytes = Buffer.from(body, 'utf8');
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const eol = bytes.indexOf('\r\n', at);
    const size = parseInt(bytes.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts).toString('utf8');
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** A GET with our own Host header unless told otherwise. */
function get(target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const all = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return raw(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}

/** An API POST; pass `null` to leave a header out. */
function api(method: string, args: unknown[], headers: Record<string, string | null> = {}): Promise<RawResponse> {
  const body = JSON.stringify({ args });
  const all: Record<string, string | null> = {
    Host: `127.0.0.1:${port}`,
    Connection: 'close',
    'Content-Type': 'application/json',
    'X-Briefing-Token': TOKEN,
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  };
  const lines = Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}: ${v}`);
  return raw(`POST /api/${method} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
}

describe('where the host listens', () => {
  it('is bound to 127.0.0.1 only', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${port}`);
    // The kernel's own table of listening TCP sockets: ours is 127.0.0.1 (0100007F), not 0.0.0.0.
    const listening = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`))
      .map((cols) => cols[1].split(':')[0]);
    expect(listening).toEqual(['0100007F']);
    expect((await get('/')).status).toBe(200);
  });

  // Other local addresses are tried only inside the loopback range: a server bound to every
  // interface (0.0.0.0 or ::) would answer on 127.0.0.2 and [::1]; one bound to 127.0.0.1 cannot.
  // (This workplace forbids traffic to the machine's private-range interface addresses.)
  it.each(['127.0.0.2', '::1'])('refuses connections on %s', async (address) => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: address, port });
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve('timeout');
      });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
    expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EAFNOSUPPORT']).toContain(outcome);
  });
});

describe('the launch token', () => {
  it('makes a fresh random token each launch when none is given', async () => {
    const dummy = { handlers: () => services.handlers, exportFile: () => undefined, rendererDir, port: 0 };
    const a = await startHost(dummy);
    const b = await startHost(dummy);
    await Promise.all([a.close(), b.close()]);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers an API call that carries it', async () => {
    const res = await api('appSnapshot', []);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.transport).toBe('http');
  });

  it.each([
    ['missing', null],
    ['wrong', TOKEN.replace(/.$/, 'X')],
    ['too short', TOKEN.slice(0, -1)],
    ['too long', `${TOKEN}a`],
    ['empty', ''],
    ['lower-cased', TOKEN.toUpperCase()],
  ])('refuses an API call whose token is %s (401)', async (_what, token) => {
    const res = await api('appSnapshot', [], { 'X-Briefing-Token': token });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('"result"');
  });

  it('refuses a token in the query string instead of the header', async () => {
    const body = JSON.stringify({ args: [] });
    const res = await raw(
      `POST /api/appSnapshot?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(res.status).toBe(401);
  });

  it('guards the download link: no token or a wrong one is 401, the right one serves the PDF', async () => {
    expect((await get('/api/exports/job-1.pdf')).status).toBe(401);
    expect((await get(`/api/exports/job-1.pdf?token=${TOKEN.slice(0, -1)}x`)).status).toBe(401);
    expect((await get('/api/exports/job-1.pdf', { 'X-Briefing-Token': TOKEN })).status).toBe(401);
    const ok = await get(`/api/exports/job-1.pdf?token=${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('%PDF-1.7 fake');
    expect(ok.headers).toMatch(/content-disposition: attachment; filename="handout\.pdf"/i);
    expect((await get(`/api/exports/nope.pdf?token=${TOKEN}`)).status).toBe(404);
    expect((await get(`/api/exports/..%2F..%2Fsecret.pdf?token=${TOKEN}`)).status).not.toBe(200);
  });
});

describe('other sites and DNS rebinding', () => {
  it.each(['http://evil.example', 'null', `http://127.0.0.1:${Number.MAX_SAFE_INTEGER}`, 'http://127.0.0.1', 'https://127.0.0.1'])(
    'refuses an API call from Origin %s (403) even with the token',
    async (origin) => {
      const res = await api('appSnapshot', [], { Origin: origin });
      expect(res.status).toBe(403);
    },
  );

  it('accepts its own Origin', async () => {
    expect((await api('appSnapshot', [], { Origin: host.origin })).status).toBe(200);
  });

  it.each(['evil.example:PORT', '127.0.0.1.evil.example:PORT', 'localhost.evil.example:PORT', '127.0.0.1', 'evil.example', '127.0.0.1:1'])(
    'refuses Host: %s (403), for pages and for the API',
    async (hostHeader) => {
      const value = hostHeader.replace('PORT', String(port));
      expect((await get('/', { Host: value })).status).toBe(403);
      expect((await api('appSnapshot', [], { Host: value })).status).toBe(403);
    },
  );

  it('refuses a request with no Host at all (HTTP/1.0)', async () => {
    const res = await raw('GET / HTTP/1.0\r\n\r\n');
    expect(res.status).toBe(403);
  });

  it('serves its pages to localhost:PORT too, with the CSP and no-sniff headers', async () => {
    const res = await get('/', { Host: `localhost:${port}` });
    expect(res.status).toBe(200);
    expect(res.headers).toMatch(/content-security-policy: default-src 'self'/i);
    expect(res.headers).toMatch(/x-content-type-options: nosniff/i);
    expect(res.headers).toMatch(/x-frame-options: deny/i);
  });
});

describe('static files stay inside the renderer folder', () => {
  it('serves what is inside', async () => {
    const res = await get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("app")');
  });

  const escapes = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%5c..%5csecret.txt',
    `/${'%2e%2e/'.repeat(12)}etc/passwd`,
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    `/${'x'.repeat(10)}/../../../etc/passwd`,
    `http://127.0.0.1:PORT/../secret.txt`,
    '/assets/link.txt',
    '/up/secret.txt',
    '/up/renderer-evil/x.txt',
    '/../renderer-evil/x.txt',
    '/%00/../secret.txt',
    '/index.html%00.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%uff0e%uff0e/secret.txt',
  ];
  it.each(escapes)('never serves anything outside for %s', async (target) => {
    const res = await get(target.replace('PORT', String(port)));
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toMatch(/root:.*:0:0:/);
    // Either not found / refused, or (where the URL parser clamps `..` at the root) a file inside.
    if (res.status === 200) expect(res.body).toMatch(/Briefing Desk|console\.log/);
    else expect([400, 403, 404]).toContain(res.status);
  });

  it('never serves a file by absolute path, from any URL form', async () => {
    for (const target of [`/${encodeURIComponent(path.join(work, 'secret.txt'))}`, path.join(work, 'secret.txt')]) {
      const res = await get(target);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain(SECRET);
    }
  });

  it('refuses to write: other methods on pages are 405', async () => {
    for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) {
      const res = await raw(`${method} /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      expect(res.status, method).toBe(405);
    }
  });
});

describe('API methods and bodies', () => {
  it.each(['nope', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'deck:open', ''])(
    'answers 404 for the method name "%s"',
    async (method) => {
      const res = await api(method, []);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toEqual({ error: 'unknown API method' });
    },
  );

  it('refuses GET on an API method (405)', async () => {
    expect((await get('/api/appSnapshot', { 'X-Briefing-Token': TOKEN })).status).toBe(405);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', null])(
    'refuses Content-Type %s (415): only application/json is API input',
    async (type) => {
      const res = await api('appSnapshot', [], { 'Content-Type': type });
      expect(res.status).toBe(415);
    },
  );

  it('refuses a body that is not JSON (400), and arguments that are not a list', async () => {
    const body = '{"args": [';
    const res = await raw(
      `POST /api/appSnapshot HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `X-Briefing-Token: ${TOKEN}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(res.status).toBe(400);
    const notList = await raw(
      `POST /api/appSnapshot HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `X-Briefing-Token: ${TOKEN}\r\nContent-Length: 12\r\n\r\n{"args":"x"}`,
    );
    expect(JSON.parse(notList.body)).toEqual({ error: 'invalid arguments' });
  });

  it('refuses a declared 200 MB body with 413 at once, before the body is sent', async () => {
    const started = performance.now();
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      const chunks: Buffer[] = [];
      socket.on('connect', () => {
        socket.write(
          `POST /api/importDeck HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
            `X-Briefing-Token: ${TOKEN}\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{"args":["big.briefing.json","`,
        );
      });
      socket.on('data', (c) => {
        chunks.push(c);
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          socket.destroy();
          const headers = text.slice(0, text.indexOf('\r\n\r\n'));
          const body = text.slice(text.indexOf('\r\n\r\n') + 4);
          resolve({ status: Number(text.slice(9, 12)), headers, body: /chunked/i.test(headers) ? dechunk(body) : body });
        }
      });
      socket.on('error', reject);
      socket.setTimeout(3000, () => socket.destroy(new Error('no answer within 3 s')));
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: 'request too large' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops reading a streamed (chunked) body once it passes the cap, and says 413', async () => {
    const started = performance.now();
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const outcome = await new Promise<{ status: number; written: number }>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      const chunks: Buffer[] = [];
      let written = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 0), written });
      };
      const pump = () => {
        // Up to 200 MB, but only as fast as the server takes it.
        while (!done && written < 200 * 1024 * 1024) {
          written += chunk.length;
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          if (!socket.write('\r\n')) return void socket.once('drain', pump);
        }
      };
      socket.on('connect', () => {
        socket.write(
          `POST /api/importDeck HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
            `X-Briefing-Token: ${TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        pump();
      });
      socket.on('data', (c) => {
        chunks.push(c);
        if (Buffer.concat(chunks).includes('\r\n\r\n')) finish();
      });
      socket.on('error', finish);
      socket.on('close', finish);
      setTimeout(finish, 10_000);
    });
    // The server stopped taking bytes near the cap (socket buffers hold a few MB more), far below 200 MB.
    expect(outcome.written).toBeLessThan(MAX_BODY_BYTES + 32 * 1024 * 1024);
    expect(outcome.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5000);
    // And it still serves others afterwards.
    expect((await api('appSnapshot', [])).status).toBe(200);
  });

  it('imports a deck sent as text, and refuses paths disguised as file names', async () => {
    const text = readFileSync(path.join(process.cwd(), 'tests/fixtures/decks/small-valid.briefing.json'), 'utf8');
    const ok = JSON.parse((await api('importDeck', ['mine.briefing.json', text])).body);
    expect(ok.result.ok).toBe(true);
    expect(ok.result.info.location).toBe(services.context.decksDir);
    for (const name of ['../../evil.briefing.json', '/etc/evil.json', '..\\evil.json', 'a\u0000b.json']) {
      const res = JSON.parse((await api('importDeck', [name, text])).body);
      expect(res.error).toMatch(/^a file name cannot contain/);
      expect(res.result).toBeUndefined();
    }
  });
});
