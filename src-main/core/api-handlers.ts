/**
 * The API's behaviour, once, for both transports. Electron's IPC handlers and the
 * browser-mode HTTP host both call `callApi`, which checks the method name and
 * hands each handler `unknown` arguments that it validates before use.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { CHANNELS, CONFLICT_CHOICES, type ApiMethod, type BriefingApi, type DeckId, type DeckOpenResult, type Envelope, type ExportOptions, type MarkdownImportWarning } from '../../src-shared/api';
import { LIMITS, type Deck } from '../../src-shared/deck-schema';
import { slugify } from '../../src-shared/slug';
import { resolvePdfOptions } from '../../src-shared/export-rules';
import { createDeckFromTemplate, DECK_TEMPLATES, isDeckTemplateId, localDateString } from '../../src-shared/templates';
import {
  ArgumentError,
  expectDeck,
  expectDeckText,
  expectExportFormat,
  expectExportOptions,
  expectFileName,
  expectId,
  expectImageSrc,
  expectOneOf,
  expectPrefs,
  expectRevision,
  expectSlideIndex,
} from './api-args';
import type { AppStateStore, DeckStore, ExportJobs, NativeShell, StoreOpenResult } from './contracts';
import { createDeckPoller, createDeckWatcher, type DeckPoller } from './deck-watcher';
import { loadDeckImage, resolveDeckImages } from './image-files';
import { selectSlides } from './pdf/slide-selection';

export interface ApiContext {
  transport: 'electron' | 'http';
  version: string;
  store: DeckStore;
  state: AppStateStore;
  exports: ExportJobs;
  /** Where new decks and working copies go (display only in the UI). */
  decksDir: string;
  /** Browser mode writes PDFs here (Electron asks with a dialog). */
  exportsDir: string;
  defaultDeckPath: string;
  /** A deck named on the command line, opened first. */
  startupPath?: string;
  /** Native dialogs and shell (Electron only). */
  shell?: NativeShell;
  /** Browser mode: the URL the finished PDF can be downloaded from. */
  /** A link to download a finished export (browser mode); `ext` is the file's kind. */
  downloadUrl?: (jobId: string, ext: 'pdf' | 'pptx') => string;
  /** Serves `watchDeck`; one is made here when not given. */
  poller?: DeckPoller;
  /**
   * Read and validate the startup deck now, while the window is still being made, so
   * the first `startupDeck` call finds it ready (it is used only if the file has not
   * changed since). The app's hosts set this; tests that count opens leave it off.
   */
  prefetchStartupDeck?: boolean;
}

/** Every API method, taking unknown arguments. */
export type ApiHandlers = { [K in ApiMethod]: (...args: unknown[]) => ReturnType<BriefingApi[K]> };

const MAX_RECENT = 10;

const NOTES_IN_NAME: Record<ExportOptions['notes'], string> = { 'talking-points': 'talking-points', handout: 'summary', none: 'no-notes' };

/** `deck-handout-talking-points.pdf`: the deck, the layout and which notes, so two exports are told apart. */
export function exportFileName(deckFileName: string, opts: ExportOptions): string {
  return `${deckFileName.replace(/\.briefing\.json$|\.json$/i, '')}-${opts.layout}-${NOTES_IN_NAME[opts.notes]}.pdf`;
}

/** `deck.pptx`: a PowerPoint file has no layout or notes choice to tell apart. */
export function pptxFileName(deckFileName: string): string {
  return `${deckFileName.replace(/\.briefing\.json$|\.json$/i, '')}.pptx`;
}

/**
 * A name in `dir` that no file, link or running job uses: `name.pdf`, `name-2.pdf`, … (or .pptx)
 * (lstat, so a planted dangling symlink counts as taken). The export then places its
 * file with a hard link, which fails rather than replace anything that appears meanwhile.
 */
function freeExportPath(dir: string, fileName: string, reserved: Set<string>): string {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
    if (reserved.has(candidate)) continue;
    try {
      lstatSync(candidate);
    } catch {
      reserved.add(candidate);
      return candidate;
    }
  }
}

/** Builds the handlers for one app instance. */
/** A slide range past the deck's end, or options that leave no slide, refused as a bad argument. */
function checkSelection(deck: Deck, options: ExportOptions): void {
  try {
    selectSlides(deck, resolvePdfOptions(options));
  } catch (err) {
    throw new ArgumentError(err instanceof Error ? err.message : String(err));
  }
}

export function createApiHandlers(ctx: ApiContext): ApiHandlers {
  const { store, state } = ctx;
  /** Export paths handed to jobs in this run (a job's file appears only when it is done). */
  const reservedExports = new Set<string>();
  let previewQueue: Promise<unknown> = Promise.resolve();
  const poller = ctx.poller ?? createDeckPoller({ store, watcher: createDeckWatcher({ store }) });

  const knownId = (value: unknown): DeckId => {
    const id = expectId(value, 'deck id');
    if (!store.pathForId(id)) throw new ArgumentError('unknown deck: open it first');
    return id;
  };

  /** Adds app state to a store result and remembers the deck as recent. */
  const finishOpen = (result: StoreOpenResult): DeckOpenResult => {
    if (!result.ok) return result;
    const file = store.pathForId(result.info.id);
    if (file) rememberRecent(file);
    const last = file ? (state.get().lastSlide[file] ?? 0) : 0;
    return { ...result, lastSlide: Math.min(last, Math.max(0, result.deck.slides.length - 1)) };
  };

  const rememberRecent = (file: string) =>
    state.update((s) => {
      s.recent = [file, ...s.recent.filter((f) => f !== file)].slice(0, MAX_RECENT);
    });

  const openFile = (file: string) => store.open(store.idForPath(file));
  const openPath = async (file: string) => finishOpen(await openFile(file));

  /** The deck a window starts on: the one named on the command line, else the last one used, else the default. */
  const openStartup = async (): Promise<StoreOpenResult> => {
    if (ctx.startupPath) return openFile(path.resolve(ctx.startupPath));
    const last = state.get().recent[0];
    if (last) {
      const result = await openFile(last);
      // A deck that moved away since last time is no reason to greet the user with an error.
      if (result.ok || !result.problems.some((p) => /not found/i.test(p.message))) return result;
    }
    return openFile(ctx.defaultDeckPath);
  };
  let prefetched: Promise<StoreOpenResult | undefined> | undefined = ctx.prefetchStartupDeck ? openStartup().catch(() => undefined) : undefined;
  // A deck handed to the running app since (a second instance, macOS open-file) replaces it.
  const prefetchedFor = ctx.startupPath;

  return {
    async startupDeck() {
      const early = prefetched;
      prefetched = undefined;
      const ready = early && ctx.startupPath === prefetchedFor ? await early : undefined;
      // Read before the window asked: used only if the file is still that version.
      if (ready?.ok && (await store.revisionNow(ready.info.id).catch(() => null)) === ready.revision) return finishOpen(ready);
      return finishOpen(await openStartup());
    },

    async appSnapshot() {
      const s = state.get();
      return {
        version: ctx.version,
        transport: ctx.transport,
        recent: s.recent.map((file) => store.info(store.idForPath(file))),
        prefs: { ...s.prefs },
        dataDir: ctx.decksDir,
      };
    },

    async openDeck(id) {
      return finishOpen(await store.open(knownId(id)));
    },

    async openBackup(id) {
      return finishOpen(await store.openBackup(knownId(id)));
    },

    async importDeck(name, text) {
      const fileName = expectFileName(name);
      const body = expectDeckText(text, LIMITS.maxBytes);
      return finishOpen(await store.importText(fileName, body));
    },

    async openDeckDialog() {
      if (!ctx.shell) return null;
      const file = await ctx.shell.showOpenDeckDialog();
      return file ? openPath(file) : null;
    },

    async newFromDefault() {
      return finishOpen(await store.newFromDefault());
    },

    async newFromTemplate(template, title) {
      if (!isDeckTemplateId(template)) throw new ArgumentError(`template must be one of ${DECK_TEMPLATES.map((t) => t.id).join(', ')}`);
      if (title !== undefined && (typeof title !== 'string' || title.length > LIMITS.maxTitle)) {
        throw new ArgumentError(`a title is text of at most ${LIMITS.maxTitle} characters`);
      }
      const deck = createDeckFromTemplate(template, { title, date: localDateString() });
      const name = `${slugify(deck.meta.title, 60) || 'untitled-briefing'}.briefing.json`;
      // importText validates, picks a free name in the decks folder and writes atomically: never over another deck.
      return finishOpen(await store.importText(name, `${JSON.stringify(deck, null, 2)}\n`));
    },

    async importMarkdown(name, text) {
      const fileName = expectFileName(name);
      const { MAX_MARKDOWN_BYTES, markdownToDeck } = await import('./markdown-import');
      const body = expectDeckText(text, MAX_MARKDOWN_BYTES);
      let imported: { deck: Deck; warnings: MarkdownImportWarning[] };
      try {
        imported = markdownToDeck(body, { fileName });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, info: null, file: fileName, problems: [{ path: '', message }], backupAvailable: false, warnings: [] };
      }
      const deckName = `${fileName.replace(/\.(md|markdown|txt)$/i, '')}.briefing.json`;
      const opened = finishOpen(await store.importText(deckName, `${JSON.stringify(imported.deck, null, 2)}\n`));
      return { ...opened, warnings: imported.warnings };
    },

    async saveDeck(id, deck, baseRevision) {
      const deckId = knownId(id);
      const before = store.pathForId(deckId);
      const valid = expectDeck(deck);
      if (baseRevision === undefined) throw new ArgumentError('a save must name the revision it was based on: open the deck again');
      const result = await store.save(deckId, valid, expectRevision(baseRevision));
      if ('conflict' in result) return result;
      const after = store.pathForId(result.info.id);
      if (after && after !== before) {
        rememberRecent(after);
        state.update((s) => {
          if (before && s.lastSlide[before] !== undefined) s.lastSlide[after] = s.lastSlide[before];
          if (before && s.exportOptions?.[before]) s.exportOptions[after] = s.exportOptions[before];
        });
      }
      return result;
    },

    async watchDeck(id, revision) {
      const deckId = knownId(id);
      const base = expectRevision(revision);
      return poller.wait(deckId, store.pathForId(deckId)!, base);
    },

    async resolveConflict(id, choice, mine, theirRevision) {
      const deckId = knownId(id);
      const how = expectOneOf(choice, CONFLICT_CHOICES, 'choice');
      const valid = expectDeck(mine);
      return store.resolveConflict(deckId, how, valid, expectRevision(theirRevision));
    },

    async saveDeckAs(id, deck, name) {
      const deckId = knownId(id);
      const valid = expectDeck(deck);
      const fileName = expectFileName(name);
      let target: string | undefined;
      if (ctx.shell) {
        const picked = await ctx.shell.showSaveDeckDialog(fileName);
        if (!picked) return null;
        target = picked;
      }
      const result = await store.saveAs(deckId, valid, fileName, target);
      const file = store.pathForId(result.info.id);
      if (file) rememberRecent(file);
      return result;
    },

    async setPrefs(prefs) {
      const change = expectPrefs(prefs);
      state.update((s) => Object.assign(s.prefs, change));
      return { ...state.get().prefs };
    },

    async setLastSlide(id, index) {
      const file = store.pathForId(knownId(id));
      const slide = expectSlideIndex(index);
      if (file) state.update((s) => void (s.lastSlide[file] = slide));
    },

    async startExport(id, deck, options) {
      const deckId = knownId(id);
      // Path images are read (from the deck's folder only) and SVG sanitised here, so the export gets data URLs.
      const valid = (await resolveDeckImages(expectDeck(deck), store.pathForId(deckId) ?? null)).deck;
      const format = expectExportFormat(options);
      // PowerPoint takes none of the PDF's choices but includeHidden (api.ts): the rest is not required of it.
      const opts = format === 'pptx' ? { ...expectExportOptions({ layout: 'slides', notes: 'talking-points', ...(options as object) }), format } : expectExportOptions(options);
      if (format === 'pdf') {
        checkSelection(valid, opts);
        const deckFile = store.pathForId(deckId);
        // Remembered when the person exports, so the dialog opens with the same choices next time.
        if (deckFile) state.update((s) => void ((s.exportOptions ??= {})[deckFile] = opts));
      }
      const base = format === 'pptx' ? pptxFileName(store.info(deckId).name) : exportFileName(store.info(deckId).name, opts);
      if (ctx.shell) {
        if (format === 'pptx' && !ctx.shell.showSavePptxDialog) throw new ArgumentError('PowerPoint export is not available here');
        // The user picks the file (and may choose to replace one): written where they said.
        const picked = format === 'pptx' ? await ctx.shell.showSavePptxDialog!(base) : await ctx.shell.showSavePdfDialog(base);
        if (!picked) return null;
        return { jobId: ctx.exports.start(valid, opts, picked) };
      }
      // Browser mode: a file of its own per job, never replacing an earlier export or following a link.
      const out = freeExportPath(ctx.exportsDir, base, reservedExports);
      return { jobId: ctx.exports.start(valid, opts, out, { exclusive: true }) };
    },

    async previewExport(id, deck, options) {
      const deckId = knownId(id);
      // The deck as startExport gives it to the export (path images read, SVG sanitised), so the
      // preview shows the file the export makes, and an Export pressed next can take its bytes.
      const valid = (await resolveDeckImages(expectDeck(deck), store.pathForId(deckId) ?? null)).deck;
      const opts = expectExportOptions(options);
      checkSelection(valid, opts);
      // Built in the warm export worker when there is one (off this thread), else here.
      const build = ctx.exports.build?.bind(ctx.exports);
      // One preview at a time: the dialog debounces, and a burst must not stack PDF builds.
      const run = previewQueue.then(async () => (await import('./pdf/preview')).previewExport(valid, opts, build));
      previewQueue = run.catch(() => undefined);
      return run;
    },

    async lastExportOptions(id) {
      const file = store.pathForId(knownId(id));
      return (file && state.get().exportOptions?.[file]) || null;
    },

    async exportStatus(jobId) {
      const status = ctx.exports.status(expectId(jobId, 'job id'));
      if (status.state === 'done' && ctx.downloadUrl) return { ...status, downloadUrl: ctx.downloadUrl(expectId(jobId), /\.pptx$/i.test(status.file) ? 'pptx' : 'pdf') };
      return status;
    },

    async cancelExport(jobId) {
      ctx.exports.cancel(expectId(jobId, 'job id'));
    },

    async revealExport(jobId, how) {
      const file = ctx.exports.filePath(expectId(jobId, 'job id'));
      const mode = expectOneOf(how, ['open', 'folder'] as const, 'how');
      if (!file) throw new ArgumentError('that export has not finished');
      if (!ctx.shell) throw new ArgumentError('opening files is only available in the desktop app');
      if (mode === 'open') await ctx.shell.openPath(file);
      else ctx.shell.showItemInFolder(file);
    },

    async loadImage(id, src) {
      const deckId = knownId(id);
      return loadDeckImage(expectImageSrc(src), store.pathForId(deckId) ?? null);
    },
  };
}

/** True for the names of API methods (own keys only, so `__proto__` or `toString` never match). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

/** Method for an IPC channel name, if it is one of ours. */
export function methodForChannel(channel: string): ApiMethod | undefined {
  return (Object.keys(CHANNELS) as ApiMethod[]).find((m) => CHANNELS[m] === channel);
}

/**
 * Calls one API method with untrusted arguments and wraps the outcome in the
 * `{ result } | { error }` envelope both transports send.
 */
export async function callApi(handlers: ApiHandlers, method: unknown, args: unknown): Promise<Envelope<unknown>> {
  if (!isApiMethod(method)) return { error: 'unknown API method' };
  if (!Array.isArray(args) || args.length > 4) return { error: 'invalid arguments' };
  try {
    const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn(...args);
    return { result: result === undefined ? null : result };
  } catch (err) {
    // A save refused for a reason the user is told (a full disk, a read-only folder) is one line, not a stack trace.
    const told = err instanceof Error && err.message.startsWith('Not saved:');
    if (!(err instanceof ArgumentError)) console.error(`[briefing] ${method} failed:`, told ? err.message : err);
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
