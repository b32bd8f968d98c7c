/**
 * The `app://briefing/` protocol's responses, as a plain `Request → Response`
 * function (both are globals in Node and in Electron's main process), so plain Node
 * tests exercise exactly what the windows receive. Path checks, MIME types and the
 * CSP come from `core/renderer-files`, which the browser-mode host shares.
 */
import { readFile } from 'node:fs/promises';
import { RENDERER_CSP, mimeType, resolveRendererFile } from '../core/renderer-files';
import { APP_HOST, APP_SCHEME } from './security';

/** Headers on every answer: the CSP, no MIME sniffing, no referrer, nothing cached across versions. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

/**
 * Answers one request for `app://briefing/...` from the files in `rootDir` (the built
 * renderer). Anything that would leave that folder — `..`, `%2e%2e`, encoded slashes,
 * absolute paths, symlinks pointing out — or is missing gets a 404; other hosts too.
 */
export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '') return plain(404, 'Not found');
  const file = await resolveRendererFile(rootDir, url.pathname);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  const headers = responseHeaders(mimeType(file));
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
