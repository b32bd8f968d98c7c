// The application menu: the usual roles, the shortcuts people know, and every item
// doing what its label says (a command to the renderer, or window placement in main).
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_COMMANDS, type AppCommand } from '../../src-shared/api';
import { buildMenuTemplate, type MenuActions } from '../../src-main/electron/menu-template';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

function actions() {
  const sent: AppCommand[] = [];
  const a = {
    send: vi.fn((c: AppCommand) => sent.push(c)),
    togglePresenter: vi.fn(),
    swapDisplays: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
  } satisfies MenuActions;
  return { a, sent };
}

function build(platform: NodeJS.Platform, opts: { isPackaged?: boolean; recent?: string[]; presenterOpen?: boolean } = {}) {
  const { a, sent } = actions();
  const template = buildMenuTemplate({ platform, isPackaged: opts.isPackaged ?? true, recent: opts.recent ?? [], presenterOpen: opts.presenterOpen ?? false, actions: a });
  return { template, a, sent };
}

const items = (menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] => (Array.isArray(menu.submenu) ? menu.submenu : []);
const topMenu = (template: MenuItemConstructorOptions[], label: string) => {
  const found = template.find((m) => m.label?.replace('&', '') === label);
  if (!found) throw new Error(`no ${label} menu`);
  return found;
};
const item = (template: MenuItemConstructorOptions[], menu: string, label: string) => {
  const found = items(topMenu(template, menu)).find((i) => i.label === label);
  if (!found) throw new Error(`no ${menu} › ${label}`);
  return found;
};
const click = (i: MenuItemConstructorOptions) => (i.click as unknown as () => void)();
const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((m) => [m, ...allItems(items(m))]);

beforeEach(() => electron.resetElectronMock());

describe('the menu on Linux and Windows', () => {
  it('has File, Edit, Slide, View and Help', () => {
    const { template } = build('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&Slide', '&View', '&Help']);
  });

  it('Slide sends each slide command to the renderer and leaves its keys to it (they must not fire while typing)', () => {
    const { template, sent } = build('linux');
    const labels = ['Add Slide…', 'Duplicate Slide', 'Delete Slide', 'Move Slide Up', 'Move Slide Down', 'Hide or Show Slide'];
    for (const label of labels) click(item(template, 'Slide', label));
    expect(sent).toEqual(['slide-add', 'slide-duplicate', 'slide-delete', 'slide-move-up', 'slide-move-down', 'slide-hide']);
    expect(item(template, 'Slide', 'Move Slide Up').accelerator).toBe('Alt+Up');
    for (const i of items(topMenu(template, 'Slide'))) if (i.accelerator) expect(i.registerAccelerator).toBe(false);
    // Delete has no key outside the overview: a stray key press must not remove a slide while presenting.
    expect(item(template, 'Slide', 'Delete Slide').accelerator).toBeUndefined();
  });

  it('File has New…, New from Default, Open…, Open Recent, Import…, Save As…, Export PDF…, Export PowerPoint…, Close and Quit with their shortcuts', () => {
    const { template, sent } = build('linux');
    expect(item(template, 'File', 'New…').accelerator).toBe('CmdOrCtrl+N');
    expect(item(template, 'File', 'New from Default Briefing').accelerator).toBeUndefined();
    expect(item(template, 'File', 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(template, 'File', 'Save As…').accelerator).toBe('Shift+CmdOrCtrl+S');
    expect(item(template, 'File', 'Export PDF…').accelerator).toBe('CmdOrCtrl+E');
    const roles = items(topMenu(template, 'File')).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['close', 'quit']);
    for (const label of ['New…', 'New from Default Briefing', 'Open…', 'Import Markdown Outline…', 'Save As…', 'Export PDF…', 'Export PowerPoint…']) {
      click(item(template, 'File', label));
    }
    expect(sent).toEqual(['new-deck', 'new-from-default', 'open', 'import-markdown', 'save-as', 'export-pdf', 'export-pptx']);
  });

  it('Edit sends undo/redo to the renderer and keeps the clipboard roles', () => {
    const { template, sent } = build('linux');
    expect(item(template, 'Edit', 'Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(item(template, 'Edit', 'Redo').accelerator).toBe('Shift+CmdOrCtrl+Z');
    click(item(template, 'Edit', 'Undo'));
    click(item(template, 'Edit', 'Redo'));
    expect(sent).toEqual(['undo', 'redo']);
    expect(items(topMenu(template, 'Edit')).map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('View shows the presenting keys without registering them (typing in talking points must not trigger them)', () => {
    const { template, sent } = build('linux');
    const expected: Record<string, [string, AppCommand]> = {
      'Next Slide': ['Right', 'next'],
      'Previous Slide': ['Left', 'previous'],
      'First Slide': ['Home', 'first'],
      'Last Slide': ['End', 'last'],
      Overview: ['O', 'overview'],
      Blackout: ['B', 'blackout'],
    };
    for (const [label, [accelerator, command]] of Object.entries(expected)) {
      const i = item(template, 'View', label);
      expect(i.accelerator, label).toBe(accelerator);
      expect(i.registerAccelerator, label).toBe(false);
      click(i);
      expect(sent.at(-1), label).toBe(command);
    }
    expect(item(template, 'Help', 'Keyboard Shortcuts').accelerator).toBe('Shift+/');
    expect(item(template, 'Help', 'Keyboard Shortcuts').registerAccelerator).toBe(false);
  });

  it('every registered shortcut has a modifier or is a function key', () => {
    const { template } = build('linux');
    for (const i of allItems(template)) {
      if (i.accelerator && i.registerAccelerator !== false) expect(i.accelerator, i.label).toMatch(/CmdOrCtrl|Alt|^F\d+$/);
    }
  });

  it('Presenter View and Swap Displays act in main; Edit Panel goes to the renderer; full screen is native', () => {
    const { template, a, sent } = build('linux', { presenterOpen: true });
    const presenter = item(template, 'View', 'Presenter View');
    expect(presenter.accelerator).toBe('P');
    expect(presenter.checked).toBe(true);
    click(presenter);
    expect(a.togglePresenter).toHaveBeenCalledTimes(1);
    click(item(template, 'View', 'Swap Displays'));
    expect(a.swapDisplays).toHaveBeenCalledTimes(1);
    click(item(template, 'View', 'Edit Panel'));
    expect(sent).toEqual(['edit-panel']);
    expect(item(template, 'View', 'Toggle Full Screen').role).toBe('togglefullscreen');
  });

  it('reload and devtools exist only in development', () => {
    const roles = (isPackaged: boolean) => allItems(build('linux', { isPackaged }).template).map((i) => i.role);
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
  });

  it('Open Recent lists decks by name and opens the one picked', () => {
    const { template, a } = build('linux', { recent: ['/home/me/Briefing Desk/talk.briefing.json', '/tmp/R&D.json'] });
    const recent = items(item(template, 'File', 'Open Recent'));
    expect(recent.map((i) => i.label)).toEqual(['talk.briefing.json', 'R&&D.json', undefined, 'Clear Recent']);
    click(recent[1]);
    expect(a.openRecent).toHaveBeenCalledWith('/tmp/R&D.json');
    click(recent[3]);
    expect(a.clearRecent).toHaveBeenCalled();
    const empty = items(item(build('linux').template, 'File', 'Open Recent'));
    expect(empty).toEqual([{ label: 'No Recent Decks', enabled: false }]);
  });

  it('sends only commands the renderer knows', () => {
    const { template, sent } = build('linux', { isPackaged: false, recent: ['/a.json'] });
    for (const i of allItems(template)) if (i.click && i.label !== 'Open Recent') click(i);
    expect(sent.length).toBeGreaterThan(10);
    for (const c of sent) expect(APP_COMMANDS).toContain(c);
  });
});

describe('the menu on macOS', () => {
  it('starts with the app menu, has a Window menu, and quits from the app menu', () => {
    const { template } = build('darwin');
    expect(template[0].role).toBe('appMenu');
    expect(template.map((m) => m.role).filter(Boolean)).toEqual(['appMenu', 'windowMenu', 'help']);
    expect(items(topMenu(template, 'File')).map((i) => i.role).filter(Boolean)).toEqual(['close']);
  });

  it('keeps the modifier shortcuts and leaves single keys to the renderer (macOS cannot show them unregistered)', () => {
    const { template } = build('darwin');
    expect(item(template, 'File', 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(template, 'View', 'Next Slide').accelerator).toBeUndefined();
    expect(item(template, 'View', 'Blackout').accelerator).toBeUndefined();
  });
});

describe('installAppMenu', () => {
  it('sets the menu and rebuilds it only when the recent decks or the presenter state change', async () => {
    const { installAppMenu } = await import('../../src-main/electron/menu');
    let recent = ['/a.json'];
    let presenterOpen = false;
    const menu = installAppMenu({ isPackaged: true, recent: () => recent, presenterOpen: () => presenterOpen, actions: actions().a });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    menu.refresh();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    recent = ['/b.json', '/a.json'];
    menu.refresh();
    presenterOpen = true;
    menu.refresh();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(3);
  });
});
