/**
 * One window's session: the open deck and what the room sees (Presentation), local
 * edits (DeckEditor), files, preferences, and staying in step with the other window
 * (audience ↔ presenter). Both views build on it.
 */
import { takeStartupDeck } from './early-start';
import type { AppSnapshot, BriefingClient, DeckInfo, DeckOpenResult, MarkdownImportWarning, Prefs } from '../../src-shared/api';
import { LIMITS } from '../../src-shared/deck-schema';
import { decodeUtf8Strict } from '../../src-shared/utf8';
import { DeckEditor } from './deck-editor.svelte';
import { Presentation } from './presentation.svelte';
import { notSavedText } from './save-message';
import { SlideCommands } from './slide-commands.svelte';
import { openWindowSync, type SyncMessage, type WindowRole, type WindowSync } from './window-sync';

export type { WindowRole };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Session {
  readonly p = new Presentation();
  readonly editor: DeckEditor;
  /** Add, duplicate, delete, move, change layout, hide: one place for every menu, key and button. */
  readonly slides: SlideCommands;
  prefs = $state<Prefs>({ notesFontSize: 28 });
  snapshot = $state<AppSnapshot | null>(null);
  /** Shown while nothing is open yet, or when the app cannot be reached. */
  status = $state('Loading…');
  /** What the last Markdown import could not map, by line, until the user closes the list. */
  importWarnings = $state<{ file: string; warnings: MarkdownImportWarning[] } | null>(null);
  private sync: WindowSync | null = null;
  /** The last view sent or received: a view equal to it is not sent (no echo between windows). */
  private lastView = '';
  /** Lamport clock of views: a view older than the newest one seen is stale and ignored. */
  private clock = 0;

  constructor(
    readonly api: BriefingClient,
    readonly role: WindowRole,
  ) {
    this.editor = new DeckEditor(api, this.p);
    this.slides = new SlideCommands(this.p, this.editor);
    // Typing sends at most one message per field every 100 ms: the other window need not
    // see each keystroke, and the channel's cross-process hop would tax every one of them.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a private send queue, never rendered
    const pending = new Map<string, { path: Array<string | number>; value: unknown }>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sendEdits = () => {
      clearTimeout(timer);
      timer = undefined;
      const deckId = this.p.info?.id;
      // The editor's values are plain copies the deck owns: they go as they are.
      for (const edit of pending.values()) if (deckId) this.sync?.send({ type: 'edit', deckId, path: edit.path, value: edit.value });
      pending.clear();
    };
    this.editor.onchange = (path, value) => {
      pending.set(JSON.stringify(path), { path: [...path], value });
      timer ??= setTimeout(sendEdits, 100);
    };
    // A slide operation shifts indexes, so field edits made before it go out first, then the op at once.
    this.editor.onop = (op) => {
      sendEdits();
      const deckId = this.p.info?.id;
      if (deckId) this.sync?.send({ type: 'op', deckId, op });
    };
    this.editor.onmoved = (info, previousId) => this.sync?.send({ type: 'deck', deckId: previousId, info: $state.snapshot(info), reload: false });
    this.editor.onsaved = ({ deck, revision }) => {
      const deckId = this.p.info?.id;
      if (deckId) this.sync?.send({ type: 'saved', deckId, revision, deck });
    };
    this.editor.onreplaced = ({ deck, revision }) => {
      const deckId = this.p.info?.id;
      if (deckId) this.sync?.send({ type: 'replaced', deckId, revision, deck });
    };
  }

  /** Loads the startup deck and joins the window sync; returns a cleanup function. */
  start(): () => void {
    this.sync = openWindowSync((message) => this.receive(message));
    void this.refreshSnapshot();
    void this.load(takeStartupDeck(this.api)).then(() => this.sync?.send({ type: 'hello', role: this.role, seq: ++this.clock }));
    const stopWatching = this.role === 'audience' ? this.watchForChanges() : () => {};
    return () => {
      stopWatching();
      this.sync?.close();
    };
  }

  /**
   * Asks main, in a loop, whether the open deck's file changed on disk (a long poll:
   * each call waits up to ~20 s). Only the audience window watches; it tells the
   * presenter window what it showed. Returns the function that stops the loop.
   */
  private watchForChanges(): () => void {
    let stopped = false;
    const loop = async () => {
      // Start after a tick: reads made while start() runs inside the caller's $effect would
      // become its dependencies, and every new deck would restart the whole session.
      await Promise.resolve();
      let failures = 0;
      while (!stopped) {
        const info = this.p.info;
        const revision = this.editor.revision;
        if (!info || !this.p.deck || info.bundled || this.editor.conflict) {
          await sleep(1000);
          continue;
        }
        try {
          const change = await this.api.watchDeck(info.id, revision);
          failures = 0;
          // The deck or base may have moved on while the poll waited: then the answer is stale.
          if (change && !stopped && this.p.info?.id === info.id && this.editor.revision === revision) this.editor.foreignChange(change);
        } catch {
          // The app may be restarting or the deck unknown: back off, never spin.
          await sleep(Math.min(30_000, 1000 * 2 ** failures++));
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }

  async refreshSnapshot(): Promise<void> {
    try {
      this.snapshot = await this.api.appSnapshot();
      this.prefs = { ...this.snapshot.prefs };
    } catch {
      // The snapshot only feeds menus and preferences; the deck still opens without it.
    }
  }

  /** Shows an open result; returns true when a deck was opened. */
  async load(promise: Promise<DeckOpenResult | null>, announce = false): Promise<boolean> {
    try {
      const result = await promise;
      if (!result) return false;
      if (result.ok) {
        await this.editor.flush();
        this.editor.reset();
      }
      const before = this.p.info?.id;
      const opened = this.p.applyOpenResult(result);
      if (result.ok) this.editor.loaded(result.revision, result.deck);
      this.status = '';
      if (opened && announce && this.p.info && this.p.info.id !== before) {
        this.sync?.send({ type: 'deck', deckId: before ?? '', info: $state.snapshot(this.p.info), reload: true });
      }
      if (opened) void this.refreshSnapshot();
      return opened;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (this.p.deck) this.editor.notice = `Could not open the deck: ${message}`;
      else this.status = `Could not open the deck: ${message}`;
      return false;
    }
  }

  openDialog(): Promise<boolean> {
    return this.load(this.api.openDeckDialog(), true);
  }

  openRecent(info: DeckInfo): Promise<boolean> {
    return this.load(this.api.openDeck(info.id), true);
  }

  newFromDefault(): Promise<boolean> {
    return this.load(this.api.newFromDefault(), true);
  }

  /** Writes a new deck from a template (File → New…) and opens it; the presenter window follows. */
  newFromTemplate(template: string, title?: string): Promise<boolean> {
    return this.load(this.api.newFromTemplate(template, title), true);
  }

  /**
   * Imports a Markdown outline the user picked or dropped: main turns its text into a
   * new deck file. What the import could not map is kept in `importWarnings` to show.
   */
  async importMarkdown(file: File): Promise<boolean> {
    const text = await this.readText(file);
    if (text === null) return false;
    let warnings: MarkdownImportWarning[] = [];
    const opened = await this.load(
      this.api.importMarkdown(file.name, text).then((result) => {
        warnings = result.warnings;
        return result;
      }),
      true,
    );
    this.importWarnings = opened && warnings.length ? { file: file.name, warnings } : null;
    return opened;
  }

  /** A picked or dropped file as text: null (and the error shown) when too large or not UTF-8. */
  private async readText(file: File): Promise<string | null> {
    if (file.size > LIMITS.maxBytes) {
      this.p.error = {
        file: file.name,
        problems: [{ path: '', message: `the file is larger than ${LIMITS.maxBytes / 1024 / 1024} MB, the most a deck may be` }],
        backupAvailable: false,
        info: null,
      };
      return null;
    }
    // Decoded strictly: bad bytes are named by offset, never turned into U+FFFD and saved back that way.
    const decoded = decodeUtf8Strict(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) {
      this.p.error = { file: file.name, problems: [{ path: '', message: decoded.message }], backupAvailable: false, info: null };
      return null;
    }
    return decoded.text;
  }

  openBackup(): Promise<boolean> {
    const info = this.p.error?.info;
    return info ? this.load(this.api.openBackup(info.id), true) : Promise.resolve(false);
  }

  /** Opens a file the user picked or dropped (its text goes to main, never a path). */
  async importFile(file: File): Promise<boolean> {
    const text = await this.readText(file);
    return text === null ? false : this.load(this.api.importDeck(file.name, text), true);
  }

  /** Saves a copy under a new name and continues editing the copy. */
  async saveAs(name: string): Promise<boolean> {
    const { deck, info } = this.p;
    if (!deck || !info) return false;
    try {
      await this.editor.flush();
      // Re-read after the flush; plain data already (the deck is never a proxy).
      const snapshot = this.p.deck ?? deck;
      const result = await this.api.saveDeckAs(info.id, snapshot, name);
      if (!result) return false;
      const before = info.id;
      this.p.info = result.info;
      // Further saves go to the new file, based on the revision just written there.
      this.editor.loaded(result.revision, snapshot);
      this.editor.notice = `Saved as ${result.info.location}/${result.info.name}`;
      this.sync?.send({ type: 'deck', deckId: before, info: $state.snapshot(result.info), reload: false });
      void this.refreshSnapshot();
      return true;
    } catch (err) {
      this.editor.notice = notSavedText(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  async setNotesFontSize(size: number): Promise<void> {
    const clamped = Math.max(14, Math.min(72, Math.round(size)));
    this.prefs.notesFontSize = clamped;
    try {
      this.prefs = await this.api.setPrefs({ notesFontSize: clamped });
    } catch {
      // Keeps the size for this session even if it could not be stored.
    }
  }

  /** Tells the other window what the room now sees (not while applying its own message). */
  broadcastView(): void {
    const { info, index, blackout, overview } = this.p;
    if (!info) return;
    const key = `${info.id}|${index}|${blackout}|${overview}`;
    if (key === this.lastView) return;
    this.lastView = key;
    this.sync?.send({ type: 'view', deckId: info.id, index, blackout, overview, seq: ++this.clock, from: this.role });
  }

  private receive(message: SyncMessage): void {
    const { p } = this;
    switch (message.type) {
      case 'hello':
        this.clock = Math.max(this.clock, message.seq);
        this.lastView = '';
        this.broadcastView();
        break;
      case 'view': {
        if (message.deckId !== p.info?.id) return;
        // Two views crossed in flight: the later one wins everywhere; on a tie, the presenter's.
        const newer = message.seq > this.clock || (message.seq === this.clock && message.from === 'presenter' && this.role === 'audience');
        if (!newer) return;
        this.clock = message.seq;
        this.lastView = `${message.deckId}|${message.index}|${message.blackout}|${message.overview}`;
        p.go(message.index);
        p.blackout = message.blackout;
        p.overview = message.overview;
        break;
      }
      case 'edit':
        if (message.deckId === p.info?.id) this.editor.applyRemote(message.path, message.value);
        break;
      case 'saved':
        if (message.deckId === p.info?.id) this.editor.adoptSaved(message);
        break;
      case 'replaced':
        // The other window now shows this version: follow it (or, with edits of our own, decide as for any change).
        if (message.deckId === p.info?.id) this.editor.foreignChange({ revision: message.revision, deck: message.deck, problems: [] }, false);
        break;
      case 'op':
        if (message.deckId === p.info?.id && this.editor.applyRemoteOp(message.op)) p.go(p.index);
        break;
      case 'deck':
        if (message.reload) {
          // The other window opened another deck: open it here too, then ask for its view
          // (views sent while this window still showed the old deck were rightly ignored).
          if (message.info.id !== p.info?.id) {
            void this.load(this.api.openDeck(message.info.id)).then((opened) => {
              if (opened) this.sync?.send({ type: 'hello', role: this.role, seq: ++this.clock });
            });
          }
        } else if (message.deckId === p.info?.id) {
          p.info = message.info;
        }
        break;
    }
  }
}
