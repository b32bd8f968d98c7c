/**
 * The paste flow the chart and table editors share: cells copied from a spreadsheet and
 * pasted into the grid (or into the paste box, or typed there) are parsed and shown in a
 * preview first; applying the preview is one edit, so one undo step.
 */

/** Parsed cells waiting in the preview, and where they came from ("Pasted table", a file name). */
export interface PendingPaste<T> {
  table: T;
  origin: string;
}

/** True for a block of cells (a tab or a line break inside); a single value pastes into its cell as usual. */
export function isCellBlock(text: string): boolean {
  return /[\t\n]/.test(text.trim());
}

/** One editor's paste box and preview; `parse` reads text the way that editor's data needs. */
export class PasteFlow<T> {
  preview = $state<PendingPaste<T> | null>(null);
  boxOpen = $state(false);

  constructor(
    private readonly parse: (text: string) => T,
    /** Called before each new preview (e.g. to clear a file import's message). */
    private readonly onshow: () => void = () => {},
  ) {}

  /** Parses `text` and shows it in the preview. */
  show(text: string, origin: string): void {
    this.onshow();
    this.preview = { table: this.parse(text), origin };
  }

  /** The grid's and the paste box's paste handler: a block of cells goes to the preview, not into one field. */
  readonly onpaste = (event: ClipboardEvent): void => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!isCellBlock(text)) return;
    event.preventDefault();
    this.boxOpen = false;
    this.show(text, 'Pasted table');
  };

  /** The "Paste…" button: opens or closes the paste box, dropping any preview. */
  toggleBox(): void {
    this.boxOpen = !this.boxOpen;
    this.preview = null;
  }

  /** Hands the previewed table to `commit` (one edit) and closes the preview. */
  apply(commit: (table: T) => void): void {
    if (!this.preview) return;
    commit(this.preview.table);
    this.preview = null;
  }

  /** Drops the preview; nothing changes. */
  cancel(): void {
    this.preview = null;
  }
}
