// Packaging: electron-builder.yml says what the issue asks, and the afterPack hook
// really flips the fuses — run against stand-in binaries that carry Electron's fuse
// wire, laid out the way electron-builder leaves each platform's app.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
type AfterPack = ((context: PackContext) => Promise<void>) & { electronBinaryPath(context: PackContext): string };
const afterPack = require(path.join(root, 'scripts/after-pack.cjs')) as AfterPack;
// electron-builder reads its YAML with js-yaml; so does this test.
const yaml = require('js-yaml') as { load(text: string): unknown };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 0x31;
const DISABLE = 0x30;

/** A stand-in Electron binary: junk, the sentinel, wire version 1, 8 fuses at Electron's defaults. */
function fakeElectron(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Defaults as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, v8 snapshot off, file privileges on.
  const wire = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE];
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF fake electron '), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.from(' more bytes')]));
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'briefing-pack-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const context = (platform: string, arch = 1): PackContext => ({
  appOutDir: path.join(out, platform),
  electronPlatformName: platform,
  arch,
  packager: { appInfo: { productFilename: 'Briefing Desk' }, executableName: 'briefing-desk' },
});

describe('the afterPack hook', () => {
  it('finds the binary where electron-builder puts it on each platform', () => {
    expect(afterPack.electronBinaryPath(context('linux'))).toBe(path.join(out, 'linux', 'briefing-desk'));
    expect(afterPack.electronBinaryPath(context('win32'))).toBe(path.join(out, 'win32', 'Briefing Desk.exe'));
    expect(afterPack.electronBinaryPath(context('darwin'))).toBe(path.join(out, 'darwin', 'Briefing Desk.app'));
  });

  for (const [platform, file] of [
    ['linux', 'briefing-desk'],
    ['win32', 'Briefing Desk.exe'],
    ['darwin', 'Briefing Desk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ] as const) {
    it(`flips the fuses in the ${platform} app`, async () => {
      const ctx = context(platform);
      fakeElectron(path.join(ctx.appOutDir, file));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      await afterPack(ctx);
      log.mockRestore();
      const wire = await getCurrentFuseWire(afterPack.electronBinaryPath(ctx));
      expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLE);
    });
  }

  it('fails the build when the binary has no fuse wire, rather than shipping unfused', async () => {
    const ctx = context('linux-broken');
    ctx.electronPlatformName = 'linux';
    mkdirSync(ctx.appOutDir, { recursive: true });
    writeFileSync(path.join(ctx.appOutDir, 'briefing-desk'), 'not electron');
    await expect(afterPack(ctx)).rejects.toThrow(/sentinel/);
  });
});

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
    linux: { target: string[] };
    mac: { target: string[] };
    win: { target: string[] };
    fileAssociations: Array<Record<string, string>>;
    directories: { buildResources: string };
  };

  it('names the app and packs the built code, renderer and assets into an asar', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Briefing Desk');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'build/**/*', 'dist/renderer/**/*', 'assets/**/*']));
    expect(config.asar).toBe(true); // OnlyLoadAppFromAsar needs it
    expect(config.asarUnpack).toContain('assets/fonts/**');
    expect(config.extraMetadata).toEqual({ main: 'build/electron/main.cjs' });
    // electron-builder leaves its resources folder out of the app; ours must not be build/.
    expect(config.directories.buildResources).not.toBe('build');
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('opens .briefing.json files, and flips fuses after packing', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'briefing.json', name: 'Briefing deck', role: 'Editor' })]);
    expect(config.afterPack).toBe('./scripts/after-pack.cjs');
    expect(existsSync(path.join(root, String(config.afterPack)))).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('points main at the file the build writes', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('build/electron/main.cjs');
  });
});
