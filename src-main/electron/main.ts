/**
 * Electron entry point (bundled to build/electron/main.cjs). Wires the pieces: one
 * instance per user, the `app://` protocol, a hardened session, the API over IPC,
 * the windows, the menu, decks handed over by the OS, and a quit that waits for
 * pending saves. The app's work lives in `core/`; this file only connects it.
 */
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { rendererDir } from '../core/paths';
import { createServices, type Services } from '../core/services';
import { setupIpc, type IpcRegistration } from './ipc';
import { deckPathFromArgv } from './launch-args';
import { installAppMenu, type AppMenu } from './menu';
import { createNativeShell } from './native-shell';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { externalHttpUrl } from './security';
import { hardenSession } from './session-policy';
import { createQuitGuard, flushWithin } from './shutdown';
import { WindowManager } from './window-manager';

const SAVE_TIMEOUT_MS = 5000;
/** Time for a closing page's last save to arrive over IPC before main waits on it. */
const SAVE_ARRIVAL_MS = 250;

// Same data folder in development and when packaged (productName is "Briefing Desk").
app.setName('Briefing Desk');
registerAppScheme();
app.enableSandbox();

/** The deck to show first: from the command line, or later from the OS (macOS open-file). */
let pendingDeck = deckPathFromArgv(process.argv, process.cwd());
/** Set once the app is running: opens a deck handed over by the OS, a second instance or the menu. */
let openFromOutside: ((file: string) => void) | null = null;
let windows: WindowManager | null = null;

/** Opens a checked http(s) link in the system browser. */
function openExternal(url: string): void {
  const safe = externalHttpUrl(url);
  if (safe) shell.openExternal(safe).catch((err: unknown) => console.error('[briefing] could not open the link:', err));
}

function handOver(file: string | undefined): void {
  if (!file) return;
  if (openFromOutside) openFromOutside(file);
  else pendingDeck = file;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveAppProtocol(session.defaultSession, rendererDir());

  const userData = app.getPath('userData');
  const decksDir = path.join(app.getPath('documents'), 'Briefing Desk');
  const services: Services = await createServices({
    transport: 'electron',
    decksDir,
    statePath: path.join(userData, 'state.json'),
    exportsDir: path.join(userData, 'exports'),
    startupPath: pendingDeck,
    // Read while the window is made: the first slide does not wait for the disk.
    prefetchStartupDeck: true,
    // The export worker warms up once the first slide is up (core/services.ts).
    warmExports: true,
    shell: createNativeShell({
      parentWindow: () => BrowserWindow.getFocusedWindow() ?? windows?.audience() ?? null,
      decksDir,
      documentsDir: app.getPath('documents'),
    }),
  });
  const { state } = services.context;

  let ipc: IpcRegistration | null = null;
  let menu: AppMenu | null = null;
  const flushAll = async () => {
    services.stopWatching();
    await ipc?.inflight.idle();
    await services.flush();
  };
  const guard = createQuitGuard({
    flush: flushAll,
    quit: () => app.quit(),
    timeoutMs: SAVE_TIMEOUT_MS,
    onOutcome: (outcome) => outcome !== 'flushed' && console.error(`[briefing] quitting although saving ${outcome}`),
  });
  app.on('before-quit', (event) => guard.onBeforeQuit(event));

  const manager = new WindowManager({
    preloadPath: path.join(__dirname, 'preload.cjs'),
    isPackaged: app.isPackaged,
    state,
    openExternal,
    async waitForSaves() {
      await delay(SAVE_ARRIVAL_MS);
      await flushWithin(flushAll, SAVE_TIMEOUT_MS);
    },
    quitting: () => guard.quitting,
    resumeQuit: () => app.quit(),
    onChange: () => menu?.refresh(),
  });
  windows = manager;

  ipc = setupIpc({
    handlers: services.handlers,
    isOwnWebContents: (id) => manager.ownsWebContents(id),
    afterCall: () => menu?.refresh(),
  });

  openFromOutside = (file) => {
    // The renderer answers 'deck-opened' by asking for the startup deck again.
    services.context.startupPath = path.resolve(file);
    manager.broadcast('deck-opened');
    manager.openOrFocus('audience');
  };

  menu = installAppMenu({
    isPackaged: app.isPackaged,
    recent: () => state.get().recent,
    presenterOpen: () => manager.presenterOpen,
    actions: {
      send: (command) => manager.send(command),
      togglePresenter: () => manager.togglePresenter(),
      swapDisplays: () => manager.swapDisplays(),
      openRecent: (file) => openFromOutside?.(file),
      clearRecent: () => {
        state.update((s) => {
          s.recent = [];
        });
        menu?.refresh();
      },
    },
  });

  manager.audience();
  app.on('activate', () => manager.openOrFocus('audience'));
}

if (!app.requestSingleInstanceLock()) {
  // Another Briefing Desk is running: it receives our arguments in 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handOver(deckPathFromArgv(argv, workingDirectory));
    windows?.openOrFocus('audience');
  });
  // macOS hands over double-clicked files this way, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    handOver(file);
  });
  // Belt and braces for any web contents (devtools included): no <webview>, no page-made windows.
  // Our own windows replace the open handler with their fuller policy right after creation.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[briefing] could not start:', err);
      dialog.showErrorBox('Briefing Desk could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
