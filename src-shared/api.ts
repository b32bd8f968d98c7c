/**
 * The one API contract between the renderer and main. Two transports carry it:
 * Electron IPC (preload → `window.briefing`) and HTTP (browser mode). Handler and
 * client types are derived from `BriefingApi`, so a renamed method fails to compile
 * on both sides.
 */
import type { Deck, ImageType } from './deck-schema';
import type { DeckProblem } from './deck-validate';

/** An opaque handle main gives the renderer for a deck; main alone knows its path. */
export type DeckId = string;

/** A content hash of a deck file's bytes (hex). A save names the revision it was based on. */
export type Revision = string;

export interface DeckInfo {
  id: DeckId;
  /** File name shown to the user, e.g. `central-asia-mining.briefing.json`. */
  name: string;
  /** Where the file is, for display only ("Saved to …"). Never sent back as a path. */
  location: string;
  /** A bundled deck is read-only: the first save makes a working copy. */
  bundled: boolean;
}

export type DeckOpenResult =
  | { ok: true; info: DeckInfo; deck: Deck; lastSlide: number; revision: Revision }
  | {
      ok: false;
      /** The deck that failed, when main knows it (so a backup can be offered). */
      info: DeckInfo | null;
      /** File name for the message. */
      file: string;
      problems: DeckProblem[];
      /** A `.bak` exists beside the file and can be opened instead. */
      backupAvailable: boolean;
    };

/** Something a Markdown import could not map, with its 1-based line in the outline. */
export interface MarkdownImportWarning {
  line: number;
  message: string;
}

/** An imported outline opens like any deck, plus what the import could not map. */
export type MarkdownImportResult = DeckOpenResult & { warnings: MarkdownImportWarning[] };

export interface SaveResult {
  /** The deck as now saved: a different id and location when a working copy was made. */
  info: DeckInfo;
  savedAt: string;
  /** The first save of a bundled deck made a working copy in the data folder. */
  workingCopyCreated: boolean;
  /** The revision of the file as now written: the base for the next save. */
  revision: Revision;
}

/**
 * A save refused because the file on disk is not the revision the save was based on
 * (another program or window wrote it). Nothing was written.
 */
export interface SaveConflict {
  conflict: true;
  /** The version on disk now; null when the file is gone or not a valid deck. */
  theirs: Deck | null;
  /** Its revision; null when the file is gone. */
  theirRevision: Revision | null;
  /** Why `theirs` is null for a file that exists. */
  problems: DeckProblem[];
}

/** True for a refused save. */
export const isConflict = (value: unknown): value is SaveConflict =>
  value !== null && typeof value === 'object' && (value as { conflict?: unknown }).conflict === true;

/** What is on disk now, when it differs from the revision a client knows. */
export interface DeckChange {
  revision: Revision | null;
  /** Null when the file is gone or not a valid deck (see `problems`). */
  deck: Deck | null;
  problems: DeckProblem[];
}

export const CONFLICT_CHOICES = ['keep-mine', 'take-theirs'] as const;
/** Keep mine: theirs is copied aside, mine saved. Take theirs: mine is copied aside. */
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

export interface ConflictResolved {
  conflict?: false;
  /** The file name of the copy made beside the deck. */
  copyName: string;
  /** The deck on disk now (mine after keep-mine, theirs after take-theirs) and its revision. */
  deck: Deck;
  revision: Revision;
  info: DeckInfo;
  savedAt: string;
}

/**
 * A deck image as main hands it to the renderer: a data URL of the type its bytes
 * are (SVG sanitised), or why it cannot be shown.
 */
export type ImageLoadResult = { ok: true; src: string; type: ImageType; bytes: number } | { ok: false; message: string };

export interface Prefs {
  notesFontSize: number;
}

export interface AppSnapshot {
  version: string;
  transport: 'electron' | 'http';
  recent: DeckInfo[];
  prefs: Prefs;
  /** Where working copies and new decks are kept (display only). */
  dataDir: string;
}

export const PDF_LAYOUTS = ['slides', 'handout', 'three-up', 'notes'] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];
export const PDF_NOTES = ['talking-points', 'handout', 'none'] as const;
export type PdfNotes = (typeof PDF_NOTES)[number];

/** Slides per PDF page (`--per-page`); which layouts take which counts is export-pdf's rule. */
export const PDF_PER_PAGE = [1, 2, 3, 4, 6] as const;
export type PdfPerPage = (typeof PDF_PER_PAGE)[number];
export const PDF_PAPERS = ['a4', 'letter'] as const;
export type PdfPaper = (typeof PDF_PAPERS)[number];
/** What an export writes; the command line takes it from the output file's extension. */
export const EXPORT_FORMATS = ['pdf', 'pptx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Defaults to `pdf`. For `pptx` the PDF-only fields below are ignored. */
  format?: ExportFormat;
  layout: PdfLayout;
  notes: PdfNotes;
  /** Include the sources and chart-data annex. */
  annex: boolean;
  /** Include slides marked `hidden` (left out by default, as when presenting). */
  includeHidden?: boolean;
  /** Slides per page; the layout's own default when absent. */
  perPage?: PdfPerPage;
  /** Paper size; A4 when absent (the app sends the locale's choice). */
  paper?: PdfPaper;
  /** A slide range as a person types it: "2-5,8" (1-based, as numbered in the deck). */
  slides?: string;
  /** Leave out section divider slides. */
  skipSections?: boolean;
  /** Leave out the cover page (the slides layout never has one). */
  noCover?: boolean;
}

/** The first page of an export as it would be made, for the Export dialog. */
export interface ExportPreview {
  /** Page 1 as a PNG data URL (at most 720 px on its longer side). */
  png: string;
  /** Page 2 as well when page 1 is the cover, so the slides' arrangement shows too. */
  page2?: string;
  /** Pages the PDF will have; null for a deck too large to build whole for a preview. */
  pages: number | null;
}

export type ExportStatus =
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; file: string; bytes: number; pages: number; ms: number; downloadUrl?: string }
  | { state: 'failed'; error: string }
  | { state: 'cancelled' };

/** Commands main sends to the renderer (menu items, files opened from the OS). */
export const APP_COMMANDS = [
  'next',
  'previous',
  'first',
  'last',
  'overview',
  'fullscreen',
  'blackout',
  'help',
  'presenter',
  'swap-displays',
  'edit-panel',
  'undo',
  'redo',
  'open',
  'save-as',
  'new-from-default',
  'new-deck',
  'import-markdown',
  'export-pdf',
  'export-pptx',
  'deck-opened',
  'slide-add',
  'slide-duplicate',
  'slide-delete',
  'slide-move-up',
  'slide-move-down',
  'slide-hide',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export interface BriefingApi {
  /** What to show first: the deck named on the command line, else the last one, else the default. */
  startupDeck(): Promise<DeckOpenResult>;
  appSnapshot(): Promise<AppSnapshot>;
  openDeck(id: DeckId): Promise<DeckOpenResult>;
  /** Opens the `.bak` kept beside a deck that failed to load. */
  openBackup(id: DeckId): Promise<DeckOpenResult>;
  /** Opens a deck the user picked or dropped, given as its text (the renderer never sends paths). */
  importDeck(name: string, text: string): Promise<DeckOpenResult>;
  /** Shows the system Open dialog (Electron); resolves null when cancelled or unsupported. */
  openDeckDialog(): Promise<DeckOpenResult | null>;
  newFromDefault(): Promise<DeckOpenResult>;
  /** Creates a new deck file in the data folder from a template (`DECK_TEMPLATES` ids) and opens it. */
  newFromTemplate(template: string, title?: string): Promise<DeckOpenResult>;
  /** Turns a Markdown outline (given as text) into a new deck file in the data folder and opens it. */
  importMarkdown(name: string, text: string): Promise<MarkdownImportResult>;
  /**
   * Saves if the file on disk is still `baseRevision` (null: the file should not exist);
   * otherwise writes nothing and returns the conflict.
   */
  saveDeck(id: DeckId, deck: Deck, baseRevision: Revision | null): Promise<SaveResult | SaveConflict>;
  /**
   * Long poll: resolves with what is on disk once it differs from `revision`, or null
   * after about 20 s without a change. The renderer calls it again while a deck is open.
   */
  watchDeck(id: DeckId, revision: Revision | null): Promise<DeckChange | null>;
  /**
   * Resolves a conflict: copies the version given up beside the deck under a new name,
   * then (keep-mine) saves `mine` over `theirRevision`. Refused as a conflict again if
   * the file moved on since.
   */
  resolveConflict(id: DeckId, choice: ConflictChoice, mine: Deck, theirRevision: Revision | null): Promise<ConflictResolved | SaveConflict>;
  /** Saves under a new name in the data folder (browser) or where the user picks (Electron). */
  saveDeckAs(id: DeckId, deck: Deck, name: string): Promise<SaveResult | null>;
  setPrefs(prefs: Partial<Prefs>): Promise<Prefs>;
  setLastSlide(id: DeckId, index: number): Promise<void>;
  /** Starts a PDF export; null when the user cancelled the save dialog. */
  startExport(id: DeckId, deck: Deck, options: ExportOptions): Promise<{ jobId: string } | null>;
  exportStatus(jobId: string): Promise<ExportStatus>;
  /** Builds the PDF as `startExport` would (nothing written) and draws its first page. */
  previewExport(id: DeckId, deck: Deck, options: ExportOptions): Promise<ExportPreview>;
  /** The options of this deck's last export in the app, or null. */
  lastExportOptions(id: DeckId): Promise<ExportOptions | null>;
  cancelExport(jobId: string): Promise<void>;
  /** Opens the finished PDF, or shows it in its folder (Electron only). */
  revealExport(jobId: string, how: 'open' | 'folder'): Promise<void>;
  /**
   * A deck image ready for an `<img>`: `src` is the deck's own (a data URL, or a path
   * relative to the deck file, read only from inside its folder). Checked and, for
   * SVG, sanitised in main; never throws for a bad image (`ok: false` says why).
   */
  loadImage(id: DeckId, src: string): Promise<ImageLoadResult>;
}

export type ApiMethod = keyof BriefingApi;

/** Channel names, `domain:action`, in one place. */
export const CHANNELS = {
  startupDeck: 'deck:startup',
  appSnapshot: 'app:snapshot',
  openDeck: 'deck:open',
  openBackup: 'deck:open-backup',
  importDeck: 'deck:import',
  openDeckDialog: 'deck:open-dialog',
  newFromDefault: 'deck:new-from-default',
  newFromTemplate: 'deck:new-from-template',
  importMarkdown: 'deck:import-markdown',
  saveDeck: 'deck:save',
  watchDeck: 'deck:watch',
  resolveConflict: 'deck:resolve-conflict',
  saveDeckAs: 'deck:save-as',
  setPrefs: 'app:set-prefs',
  setLastSlide: 'app:set-last-slide',
  startExport: 'pdf:start',
  exportStatus: 'pdf:status',
  previewExport: 'pdf:preview',
  lastExportOptions: 'pdf:last-options',
  cancelExport: 'pdf:cancel',
  revealExport: 'pdf:reveal',
  loadImage: 'image:load',
} as const satisfies Record<ApiMethod, string>;

/** Main → renderer event channel for menu commands. */
export const COMMAND_CHANNEL = 'app:command';

export type Channel = (typeof CHANNELS)[ApiMethod];

/** Errors cross both transports in this envelope; clients rethrow them as real Errors. */
export type Envelope<T> = { result: T } | { error: string };

/** What the renderer sees on `window.briefing` (Electron) or builds over HTTP. */
export interface BriefingClient extends BriefingApi {
  transport: 'electron' | 'http';
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onCommand(listener: (command: AppCommand) => void): () => void;
}
