// The URL, navigation and permission policy of the Electron shell, and the CSP it
// sends. Plain Node: these modules do not import electron.
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../src-main/core/renderer-files';
import { responseHeaders } from '../../src-main/electron/protocol-handler';
import {
  APP_ORIGIN,
  appPageUrl,
  BLOCKED_REQUEST_PATTERNS,
  decideNavigation,
  decideWindowOpen,
  externalHttpUrl,
  isAppUrl,
  isPermissionGranted,
} from '../../src-main/electron/security';

describe('our own pages', () => {
  it('are app://briefing/ and nothing that merely looks like it', () => {
    expect(isAppUrl(appPageUrl('audience'))).toBe(true);
    expect(isAppUrl(appPageUrl('presenter'))).toBe(true);
    expect(appPageUrl('presenter')).toBe(`${APP_ORIGIN}/index.html#presenter`);
    for (const url of [
      'app://briefing.evil.example/index.html',
      'app://evil/index.html',
      'app://briefing:8080/index.html',
      'app://user@briefing/index.html',
      'https://briefing/index.html',
      'file:///app/briefing/index.html',
      'app:briefing/index.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl(42)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('external links', () => {
  it('go to the system browser only as http(s) with a host and no credentials', () => {
    expect(externalHttpUrl('https://www.scmp.com/news/a?b=1#c')).toBe('https://www.scmp.com/news/a?b=1#c');
    expect(externalHttpUrl('HTTP://Example.COM')).toBe('http://example.com/');
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'ms-msdt:/id',
      'smb://host/share',
      'https://bank.example@evil.example/',
      'https://:pw@evil.example/',
      'app://briefing/index.html',
      '//evil.example/',
      'https://',
    ]) {
      expect(externalHttpUrl(url), url).toBeNull();
    }
  });
});

describe('window.open', () => {
  it('never lets the page make a window: links go outside, our views become main-made windows, the rest is refused', () => {
    expect(decideWindowOpen('https://griffith.edu.au/')).toEqual({ action: 'open-external', url: 'https://griffith.edu.au/' });
    expect(decideWindowOpen('app://briefing/index.html#presenter')).toEqual({ action: 'app-window', role: 'presenter' });
    expect(decideWindowOpen('app://briefing/')).toEqual({ action: 'app-window', role: 'audience' });
    expect(decideWindowOpen('app://briefing/assets/x.js')).toEqual({ action: 'refuse' });
    expect(decideWindowOpen('app://briefing/index.html#elsewhere')).toEqual({ action: 'refuse' });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'refuse' });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'refuse' });
    expect(decideWindowOpen('about:blank')).toEqual({ action: 'refuse' });
  });
});

describe('navigation', () => {
  it('stays on our pages; a followed web link opens outside; anything else is refused', () => {
    expect(decideNavigation('app://briefing/index.html')).toEqual({ action: 'allow' });
    expect(decideNavigation('https://chinaglobalsouth.com/')).toEqual({ action: 'open-external', url: 'https://chinaglobalsouth.com/' });
    expect(decideNavigation('file:///home/user/deck.json')).toEqual({ action: 'refuse' });
    expect(decideNavigation('app://evil/index.html')).toEqual({ action: 'refuse' });
    expect(decideNavigation('data:text/html,hi')).toEqual({ action: 'refuse' });
    expect(decideNavigation('chrome://gpu')).toEqual({ action: 'refuse' });
  });
});

describe('permissions', () => {
  it('are all denied, except fullscreen for our own top-level page', () => {
    const all = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'window-management', 'unknown'];
    for (const permission of all) expect(isPermissionGranted(permission, 'app://briefing/index.html', true), permission).toBe(false);
    expect(isPermissionGranted('fullscreen', 'app://briefing/index.html', true)).toBe(true);
    expect(isPermissionGranted('fullscreen', 'app://briefing', true)).toBe(true);
    expect(isPermissionGranted('fullscreen', 'app://briefing/index.html', false)).toBe(false);
    expect(isPermissionGranted('fullscreen', 'https://evil.example/', true)).toBe(false);
  });

  it('network requests of every web scheme are on the block list', () => {
    for (const scheme of ['http', 'https', 'ws', 'wss', 'ftp', 'file']) expect(BLOCKED_REQUEST_PATTERNS).toContain(`${scheme}://*/*`);
  });
});

/** Splits a CSP into directive → sources. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('content security policy', () => {
  const sent = responseHeaders('text/html')['Content-Security-Policy'];
  const csp = directives(sent);

  it('is the renderer policy, sent on every response', () => {
    expect(sent).toBe(RENDERER_CSP);
  });

  it('runs only our own scripts: no eval, no inline script, nothing remote', () => {
    expect(sent).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      if (name.startsWith('script') || name === 'default-src') expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources.some((s) => /^(https?:|wss?:|\*)/.test(s)), `${name} allows a remote source`).toBe(false);
    }
  });

  it('lets the page connect only to itself and closes plugins, base, framing and forms', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'"]);
  });
});
