'use strict';
// electron-builder afterPack hook: flips Electron's fuses in the packaged binary
// before it is signed, switching off what an attacker with local access could use
// to turn the app into a general-purpose Node runtime. See docs/security.md.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The fuses every packaged Briefing Desk ships with. */
const FUSES = {
  // `ELECTRON_RUN_AS_NODE=1 briefing-desk evil.js` would run any script with the app's trust.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other web storage are encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (--require evil.js) and --inspect would inject code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code is read only from app.asar, whose hash is checked (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Pages are served from app://, never file://, so file:// needs no extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The file holding the fuse wire inside electron-builder's output for a platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** The hook electron-builder calls after packing each platform. */
async function afterPack(context) {
  const binary = electronBinaryPath(context);
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && (context.arch === 3 || context.arch === 4); // Arch.arm64, Arch.universal
  await flipFuses(binary, { version: FuseVersion.V1, resetAdHocDarwinSignature, ...FUSES });
  console.log(`  • fuses flipped in ${path.basename(binary)}: RunAsNode off, NODE_OPTIONS off, --inspect off, cookie encryption on, asar integrity on, only-load-from-asar on`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
