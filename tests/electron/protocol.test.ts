// The app:// protocol serves the built renderer and nothing else: real files in a
// temp folder, with a secret beside it that every escape attempt tries to reach.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveAppRequest } from '../../src-main/electron/protocol-handler';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let base: string;
let root: string;
let secretFile: string;
const SECRET = 'TOP SECRET: not part of the app';

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'briefing-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Briefing Desk</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  secretFile = path.join(base, 'secret.txt');
  writeFileSync(secretFile, SECRET);
  mkdirSync(path.join(base, 'outside'));
  writeFileSync(path.join(base, 'outside', 'secret.txt'), SECRET);
  symlinkSync(secretFile, path.join(root, 'link-out.txt'));
  symlinkSync(path.join(base, 'outside'), path.join(root, 'dir-out'));
  symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'link-in.js'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('app:// serves the renderer', () => {
  it('answers / and /index.html with the page, its type and the security headers', async () => {
    for (const url of ['app://briefing/', 'app://briefing/index.html', 'app://briefing/index.html?x=1#presenter']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Briefing Desk</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('gives scripts, styles and fonts their MIME types', async () => {
    expect((await get('app://briefing/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://briefing/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://briefing/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
  });

  it('follows a symlink that stays inside the folder', async () => {
    const res = await get('app://briefing/link-in.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://briefing/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://briefing/index.html', 'POST')).status).toBe(405);
  });
});

describe('app:// refuses everything outside the renderer folder', () => {
  const escapes = [
    'app://briefing/../secret.txt',
    'app://briefing/%2e%2e/secret.txt',
    'app://briefing/%2E%2E/secret.txt',
    'app://briefing/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://briefing/assets/..%2f..%2fsecret.txt',
    'app://briefing/..%5csecret.txt',
    'app://briefing/%252e%252e/secret.txt',
    'app://briefing/link-out.txt',
    'app://briefing/dir-out/secret.txt',
    'app://briefing/missing.js',
    'app://briefing/assets',
    'app://briefing/index.html%00.js',
    'app://other/index.html',
    'app://briefing:99/index.html',
  ];

  for (const url of escapes) {
    it(`404 for ${url}`, async () => {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    });
  }

  it('404 for absolute paths, plain and encoded', async () => {
    for (const url of [`app://briefing/${secretFile}`, `app://briefing//${secretFile}`, `app://briefing/${encodeURIComponent(secretFile)}`]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    }
  });
});

describe('registration', () => {
  beforeEach(() => electron.resetElectronMock());

  it('declares app:// standard and secure with fetch, and nothing that bypasses the CSP', async () => {
    const { registerAppScheme, serveAppProtocol } = await import('../../src-main/electron/protocol');
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const ses = electron.session.defaultSession;
    serveAppProtocol(ses as unknown as Session, root);
    const handler = ses.protocol.handlers.get('app');
    if (!handler) throw new Error('no handler registered for app://');
    const res = await handler(new Request('app://briefing/%2e%2e/secret.txt'));
    expect(res.status).toBe(404);
  });
});
