/**
 * The NativeShell the API handlers use in Electron: system Open/Save dialogs and the
 * shell. Main owns every path: the renderer asks for "Save As…", main shows the
 * dialog and writes where the user chose.
 */
import path from 'node:path';
import { dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import type { NativeShell } from '../core/contracts';

export const DECK_FILTERS: FileFilter[] = [{ name: 'Briefing decks (*.briefing.json, *.json)', extensions: ['json'] }];
export const PDF_FILTERS: FileFilter[] = [{ name: 'PDF documents', extensions: ['pdf'] }];
export const PPTX_FILTERS: FileFilter[] = [{ name: 'PowerPoint presentations', extensions: ['pptx'] }];

/** Adds the expected extension when the user typed a bare name ("talk" → "talk.briefing.json"). */
export function withExtension(file: string, kind: 'deck' | 'pdf' | 'pptx'): string {
  if (kind === 'pdf') return /\.pdf$/i.test(file) ? file : `${file}.pdf`;
  if (kind === 'pptx') return /\.pptx$/i.test(file) ? file : `${file}.pptx`;
  return /\.json$/i.test(file) ? file : `${file}.briefing.json`;
}

export interface NativeShellOptions {
  /** The window dialogs attach to (the focused one), if any. */
  parentWindow(): BrowserWindow | null;
  /** Where Save dialogs start. */
  decksDir: string;
  documentsDir: string;
}

/** Builds the NativeShell on Electron's dialog and shell modules. */
export function createNativeShell(options: NativeShellOptions): NativeShell {
  const parent = () => {
    const win = options.parentWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  const save = async (defaultPath: string, filters: FileFilter[], title: string) => {
    const win = parent();
    const settings = { title, defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> };
    const result = win ? await dialog.showSaveDialog(win, settings) : await dialog.showSaveDialog(settings);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    async showOpenDeckDialog() {
      const win = parent();
      const settings = { title: 'Open Briefing Deck', defaultPath: options.decksDir, filters: DECK_FILTERS, properties: ['openFile'] as Array<'openFile'> };
      const result = win ? await dialog.showOpenDialog(win, settings) : await dialog.showOpenDialog(settings);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async showSaveDeckDialog(defaultName) {
      const file = await save(path.join(options.decksDir, path.basename(defaultName)), DECK_FILTERS, 'Save Briefing Deck As');
      return file ? withExtension(file, 'deck') : null;
    },
    async showSavePdfDialog(defaultName) {
      const file = await save(path.join(options.documentsDir, path.basename(defaultName)), PDF_FILTERS, 'Export PDF');
      return file ? withExtension(file, 'pdf') : null;
    },
    async showSavePptxDialog(defaultName) {
      const file = await save(path.join(options.documentsDir, path.basename(defaultName)), PPTX_FILTERS, 'Export PowerPoint');
      return file ? withExtension(file, 'pptx') : null;
    },
    async openPath(filePath) {
      const error = await shell.openPath(filePath);
      if (error) throw new Error(`could not open the file: ${error}`);
    },
    showItemInFolder(filePath) {
      shell.showItemInFolder(filePath);
    },
  };
}
