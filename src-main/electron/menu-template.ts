/**
 * The application menu as a template (plain data; types only from `electron`).
 * Nearly every item sends an AppCommand to the renderer, which does the work through
 * the API, exactly as its own keys do; only window placement (presenter window, swap
 * displays, full screen) is main's own job.
 *
 * Single-key shortcuts (arrows, O, B, ?) are shown but not registered: a registered
 * accelerator fires even while the presenter types in the talking points, so the
 * renderer, which knows when a text box has focus, handles those keys itself.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../src-shared/api';

export interface MenuActions {
  /** Sends a command to the focused Briefing Desk window (or the audience window). */
  send(command: AppCommand): void;
  togglePresenter(): void;
  swapDisplays(): void;
  openRecent(file: string): void;
  clearRecent(): void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** Recent deck files, newest first. */
  recent: readonly string[];
  presenterOpen: boolean;
  actions: MenuActions;
}

const MAX_RECENT_ITEMS = 10;

/** Builds the menu template for this platform. */
export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { actions } = input;
  const mac = input.platform === 'darwin';
  const send = (command: AppCommand) => () => actions.send(command);
  /** A key the renderer handles: shown in the menu, never registered (macOS cannot show without registering). */
  const hint = (accelerator: string): Partial<MenuItemConstructorOptions> => (mac ? {} : { accelerator, registerAccelerator: false });

  const recentItems: MenuItemConstructorOptions[] = input.recent.slice(0, MAX_RECENT_ITEMS).map((file) => ({
    label: path.basename(file).replace(/&/g, '&&'),
    toolTip: file,
    click: () => actions.openRecent(file),
  }));
  const openRecent: MenuItemConstructorOptions[] = recentItems.length
    ? [...recentItems, { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecent() }]
    : [{ label: 'No Recent Decks', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New…', accelerator: 'CmdOrCtrl+N', click: send('new-deck') },
      { label: 'New from Default Briefing', click: send('new-from-default') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
      { label: 'Open Recent', submenu: openRecent },
      { label: 'Import Markdown Outline…', click: send('import-markdown') },
      { type: 'separator' },
      { label: 'Save As…', accelerator: 'Shift+CmdOrCtrl+S', click: send('save-as') },
      { label: 'Export PDF…', accelerator: 'CmdOrCtrl+E', click: send('export-pdf') },
      { label: 'Export PowerPoint…', click: send('export-pptx') },
      { type: 'separator' },
      { role: 'close' },
      ...(mac ? [] : [{ role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // The renderer keeps one undo stack across all its edits, so these go to it, not to the text box.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
      { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  // Slide management: each item runs the same undoable operation as the renderer's own keys and buttons.
  const slide: MenuItemConstructorOptions = {
    label: '&Slide',
    submenu: [
      { label: 'Add Slide…', ...hint('CmdOrCtrl+M'), click: send('slide-add') },
      { label: 'Duplicate Slide', ...hint('CmdOrCtrl+D'), click: send('slide-duplicate') },
      { label: 'Delete Slide', click: send('slide-delete') },
      { type: 'separator' },
      { label: 'Move Slide Up', ...hint('Alt+Up'), click: send('slide-move-up') },
      { label: 'Move Slide Down', ...hint('Alt+Down'), click: send('slide-move-down') },
      { type: 'separator' },
      { label: 'Hide or Show Slide', ...hint('H'), click: send('slide-hide') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Next Slide', ...hint('Right'), click: send('next') },
      { label: 'Previous Slide', ...hint('Left'), click: send('previous') },
      { label: 'First Slide', ...hint('Home'), click: send('first') },
      { label: 'Last Slide', ...hint('End'), click: send('last') },
      { type: 'separator' },
      { label: 'Overview', ...hint('O'), click: send('overview') },
      { label: 'Presenter View', ...hint('P'), type: 'checkbox', checked: input.presenterOpen, click: () => actions.togglePresenter() },
      { label: 'Swap Displays', click: () => actions.swapDisplays() },
      { label: 'Edit Panel', click: send('edit-panel') },
      { label: 'Blackout', ...hint('B'), click: send('blackout') },
      { type: 'separator' },
      // Native full screen: a menu click is no user gesture for the page's requestFullscreen().
      { role: 'togglefullscreen', label: 'Toggle Full Screen' },
      ...(input.isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: 'Keyboard Shortcuts', ...hint('Shift+/'), click: send('help') }],
  };

  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, slide, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}
