/**
 * App state (recent decks, last slide per deck, preferences, window bounds) in one
 * small JSON file, written the same atomic way as decks. Everything loaded is
 * checked field by field: junk is dropped, a file that is not JSON at all is kept
 * aside as `state.json.corrupt-<timestamp>` and the app starts from defaults.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportOptions, Prefs } from '../../src-shared/api';
import { expectExportOptions } from './api-args';
import { asidePathFor, backupPathOf, isNotFound, writeAtomic } from './atomic-file';
import type { AppState, AppStateStore, WindowState } from './contracts';

export const MAX_RECENT = 10;
/** Last-slide entries kept; the oldest go first (decks long gone pile up otherwise). */
const MAX_LAST_SLIDE = 200;
const MAX_WINDOWS = 20;
const MAX_PATH_CHARS = 4096;
const MAX_STATE_BYTES = 1024 * 1024;
/** Writes wait this long for more changes, so a burst of updates is one write. */
export const STATE_WRITE_DELAY_MS = 150;
const DEFAULT_PREFS: Prefs = { notesFontSize: 28 };
const FONT_SIZE = { min: 10, max: 96 } as const;

/** The state a first start (or an unreadable file) begins with. */
export function defaultAppState(): AppState {
  return { recent: [], lastSlide: {}, exportOptions: {}, prefs: { ...DEFAULT_PREFS }, windows: {}, swapDisplays: false };
}

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPathKey = (key: string): boolean => key.length > 0 && key.length <= MAX_PATH_CHARS && path.isAbsolute(key) && !key.includes('\0');
const isSafeKey = (key: string): boolean => key !== '__proto__' && key !== 'constructor' && key !== 'prototype';

function sanitizeWindow(value: unknown): WindowState | undefined {
  if (!isObject(value)) return undefined;
  const { x, y, width, height, maximized, displayId } = value;
  const size = (n: unknown) => isFiniteNumber(n) && n >= 100 && n <= 100_000;
  const coord = (n: unknown) => isFiniteNumber(n) && Math.abs(n) <= 1_000_000;
  if (!size(width) || !size(height)) return undefined;
  const out: WindowState = { width: Math.round(width as number), height: Math.round(height as number) };
  if (coord(x) && coord(y)) {
    out.x = Math.round(x as number);
    out.y = Math.round(y as number);
  }
  if (typeof maximized === 'boolean') out.maximized = maximized;
  if (isFiniteNumber(displayId)) out.displayId = displayId;
  return out;
}

/** Keeps only what is well-formed; anything else falls back to its default. Also enforces the caps. */
export function sanitizeAppState(value: unknown): AppState {
  const state = defaultAppState();
  if (!isObject(value)) return state;
  if (Array.isArray(value.recent)) {
    const seen = new Set<string>();
    for (const item of value.recent) {
      if (typeof item === 'string' && isPathKey(item) && !seen.has(item)) seen.add(item);
      if (seen.size === MAX_RECENT) break;
    }
    state.recent = [...seen];
  }
  if (isObject(value.lastSlide)) {
    const entries = Object.entries(value.lastSlide).filter(
      ([key, n]) => isSafeKey(key) && isPathKey(key) && typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000,
    );
    state.lastSlide = Object.fromEntries(entries.slice(-MAX_LAST_SLIDE)) as Record<string, number>;
  }
  if (isObject(value.exportOptions)) {
    const entries: Array<[string, ExportOptions]> = [];
    for (const [key, options] of Object.entries(value.exportOptions)) {
      if (!isSafeKey(key) || !isPathKey(key)) continue;
      try {
        entries.push([key, expectExportOptions(options)]); // the same check as an API argument
      } catch {
        // A remembered choice that no longer checks out is forgotten; the dialog starts from defaults.
      }
    }
    state.exportOptions = Object.fromEntries(entries.slice(-MAX_LAST_SLIDE));
  }
  if (isObject(value.prefs)) {
    const size = value.prefs.notesFontSize;
    if (isFiniteNumber(size) && size >= FONT_SIZE.min && size <= FONT_SIZE.max) state.prefs.notesFontSize = Math.round(size);
  }
  if (isObject(value.windows)) {
    for (const [key, win] of Object.entries(value.windows).slice(0, MAX_WINDOWS)) {
      const clean = sanitizeWindow(win);
      if (clean && isSafeKey(key) && key.length <= 64) state.windows[key] = clean;
    }
  }
  if (typeof value.swapDisplays === 'boolean') state.swapDisplays = value.swapDisplays;
  return state;
}

type LoadResult = { ok: true; state: AppState } | { ok: false; missing: boolean };

async function loadFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size > MAX_STATE_BYTES) return { ok: false, missing: false };
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, missing: isNotFound(err) };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? { ok: true, state: sanitizeAppState(parsed) } : { ok: false, missing: false };
  } catch {
    return { ok: false, missing: false };
  }
}

/**
 * Loads the state file (defaults when it is missing; when it is corrupt, keeps it
 * aside and falls back to its `.bak`, then to defaults) and returns the store.
 */
export async function createAppStateStore(statePath: string): Promise<AppStateStore> {
  const file = path.resolve(statePath);
  let loaded = await loadFile(file);
  if (!loaded.ok && !loaded.missing) {
    await fs.rename(file, await asidePathFor(file)).catch((err) => console.warn(`[briefing] could not keep the corrupt ${file} aside:`, err));
    loaded = await loadFile(backupPathOf(file));
  }
  return new JsonAppStateStore(file, loaded.ok ? loaded.state : defaultAppState());
}

class JsonAppStateStore implements AppStateStore {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private state: AppState,
  ) {}

  get(): AppState {
    return structuredClone(this.state);
  }

  update(change: (state: AppState) => void): void {
    const draft = structuredClone(this.state);
    change(draft);
    this.state = sanitizeAppState(draft); // a bad change cannot put junk on disk
    this.dirty = true;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.writeNow().catch((err: unknown) => this.warnOnce(err));
      }, STATE_WRITE_DELAY_MS);
      this.timer.unref?.(); // a pending write must not keep a CLI or test alive; quitting calls flush()
    }
  }

  /** Says once per cause that app state is not being kept (a read-only data folder would say it on every slide). */
  private warnedCode: string | undefined;
  private warnOnce(err: unknown): void {
    const code = String((err as NodeJS.ErrnoException | undefined)?.code ?? 'error');
    if (code === this.warnedCode) return;
    this.warnedCode = code;
    console.warn(`[briefing] app state not saved (${this.file}): ${err instanceof Error ? err.message : String(err)}`);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.writeNow();
  }

  /** Writes if anything changed, one write at a time; resolves once the state at call time is on disk. */
  private async writeNow(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (!this.dirty) return;
    this.dirty = false;
    const text = `${JSON.stringify(this.state, null, 2)}\n`;
    this.writing = (async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      // The backup is taken only once the new text is safely written (a full disk leaves both as they were).
      await writeAtomic(this.file, text, { keepBackup: true, followSymlink: true });
    })();
    try {
      await this.writing;
    } catch (err) {
      this.dirty = true; // try again on the next change or flush
      throw err;
    } finally {
      this.writing = undefined;
    }
  }
}
