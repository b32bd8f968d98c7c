/**
 * The services the API handlers are built from. Each has one implementation in
 * `core/` (plain Node); the handlers, Electron and browser mode depend only on
 * these shapes, so each piece is tested on its own.
 */
import type {
  ConflictChoice,
  ConflictResolved,
  DeckChange,
  DeckId,
  DeckInfo,
  DeckOpenResult,
  ExportOptions,
  ExportStatus,
  Prefs,
  Revision,
  SaveConflict,
  SaveResult,
} from '../../src-shared/api';
import type { Deck } from '../../src-shared/deck-schema';

/** The open result before app state (last slide) is added. */
export type StoreOpenResult = DeckOpenResult extends infer R ? (R extends { ok: true } ? Omit<R, 'lastSlide'> : R) : never;

/** Reads and writes deck files. Main alone knows paths; the renderer sees DeckIds. */
export interface DeckStore {
  /** Registers a file and returns its stable id. */
  idForPath(filePath: string): DeckId;
  /** The file behind an id, or undefined for an id main never issued. */
  pathForId(id: DeckId): string | undefined;
  info(id: DeckId): DeckInfo;
  /** Reads, size-checks and validates a deck file. Never throws for a bad file. */
  open(id: DeckId): Promise<StoreOpenResult>;
  /** Opens the `.bak` beside a deck. */
  openBackup(id: DeckId): Promise<StoreOpenResult>;
  /**
   * Saves atomically, keeping the previous version as `.bak`. A bundled deck is never
   * written: its first save makes a working copy in the decks folder. Saves to one
   * file are serialised. With a `baseRevision` (null: no file expected) the save is a
   * compare-and-swap checked in the queue right before the write: a file that moved on
   * is not written and the conflict comes back. Without one (the store's own callers,
   * e.g. the crash test), unconditional saves coalesce and the last one wins.
   */
  save(id: DeckId, deck: Deck): Promise<SaveResult>;
  save(id: DeckId, deck: Deck, baseRevision: Revision | null): Promise<SaveResult | SaveConflict>;
  /** Keep mine / take theirs: copies the version given up beside the deck (see api.ts). */
  resolveConflict(id: DeckId, choice: ConflictChoice, mine: Deck, theirRevision: Revision | null): Promise<ConflictResolved | SaveConflict>;
  /** What is on disk for a deck now (its working copy, if it has one). */
  current(id: DeckId): Promise<DeckChange>;
  /** The revision on disk now, from the cache when the file's signature is unchanged. */
  revisionNow(id: DeckId): Promise<Revision | null>;
  /** The revision this store last read or wrote at `file` (its own writes are not foreign). */
  knownRevision(file: string): Revision | undefined;
  /** Calls `listener` after every write; returns an unsubscribe function. */
  onWrite(listener: (file: string, revision: Revision) => void): () => void;
  /** Saves a copy under a new file name in the decks folder (or at `targetPath`). */
  saveAs(id: DeckId, deck: Deck, name: string, targetPath?: string): Promise<SaveResult>;
  /** Stores the text of a picked or dropped file as a deck in the decks folder, if it is valid. */
  importText(name: string, text: string): Promise<StoreOpenResult>;
  /** Makes a new editable copy of the default briefing in the decks folder. */
  newFromDefault(): Promise<StoreOpenResult>;
  /** Waits for every pending write (before quitting). */
  flush(): Promise<void>;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
  displayId?: number;
}

export interface AppState {
  /** Recently opened deck files, newest first (paths; main only). */
  recent: string[];
  /** Last slide index shown, per deck path. */
  lastSlide: Record<string, number>;
  /** The last export options chosen in the app, per deck path. */
  exportOptions?: Record<string, ExportOptions>;
  prefs: Prefs;
  windows: Record<string, WindowState>;
  /** Audience and presenter swapped between displays. */
  swapDisplays: boolean;
}

/** App state in a small JSON file, written atomically. A corrupt file yields defaults. */
export interface AppStateStore {
  get(): AppState;
  /** Changes the state and schedules an atomic write. */
  update(change: (state: AppState) => void): void;
  flush(): Promise<void>;
}

/** PDF exports run off the UI thread, with progress and cancel. */
export interface ExportJobs {
  /**
   * Starts an export of `deck` to `outPath`; returns its job id at once. With
   * `exclusive`, the PDF is placed only if nothing (no file, no symlink) is at
   * `outPath` by then: the job fails rather than replace it.
   */
  start(deck: Deck, options: ExportOptions, outPath: string, write?: { exclusive?: boolean }): string;
  status(jobId: string): ExportStatus;
  cancel(jobId: string): void;
  /** The finished PDF's path, for Open / Show in folder. */
  filePath(jobId: string): string | undefined;
  /**
   * Starts the warm export worker now, if there is none yet (an idle moment: the app
   * has shown its first slide, or the export dialog opened). Jobs then skip the
   * worker's start-up. Optional: a runner without a worker has nothing to warm.
   */
  warm?(): void;
  /** Stops the warm worker (quitting, tests); a job still running is cancelled. */
  close?(): Promise<void>;
  /**
   * Builds the PDF in memory (the Export dialog's preview), in the warm worker when
   * there is one. A job for the same deck and options started soon after may take
   * these bytes instead of making the PDF again. Optional: else the caller builds it.
   */
  build?(deck: Deck, options: ExportOptions): Promise<{ buffer: Buffer; pages: number }>;
}

/** What only Electron has: native dialogs and the shell. Browser mode has none. */
export interface NativeShell {
  showOpenDeckDialog(): Promise<string | null>;
  showSaveDeckDialog(defaultName: string): Promise<string | null>;
  showSavePdfDialog(defaultName: string): Promise<string | null>;
  /** Save dialog for a PowerPoint export (.pptx); optional so older shells still fit. */
  showSavePptxDialog?(defaultName: string): Promise<string | null>;
  openPath(filePath: string): Promise<void>;
  showItemInFolder(filePath: string): void;
}
