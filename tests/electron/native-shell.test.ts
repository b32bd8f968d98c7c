// Native dialogs and the shell: main picks every path, with the right filters.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createNativeShell, withExtension } from '../../src-main/electron/native-shell';
import * as electron from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

beforeEach(() => electron.resetElectronMock());

const shellFor = (parent: electron.BrowserWindow | null = null) =>
  createNativeShell({ parentWindow: () => parent as unknown as BrowserWindow | null, decksDir: '/home/me/Documents/Briefing Desk', documentsDir: '/home/me/Documents' });

describe('withExtension', () => {
  it('adds the expected extension to a bare name only', () => {
    expect(withExtension('/d/talk', 'deck')).toBe('/d/talk.briefing.json');
    expect(withExtension('/d/talk.json', 'deck')).toBe('/d/talk.json');
    expect(withExtension('/d/talk.briefing.json', 'deck')).toBe('/d/talk.briefing.json');
    expect(withExtension('/d/handout', 'pdf')).toBe('/d/handout.pdf');
    expect(withExtension('/d/handout.PDF', 'pdf')).toBe('/d/handout.PDF');
  });
});

describe('the native shell', () => {
  it('opens a deck picked in the Open dialog, attached to the window, filtered to decks', async () => {
    const win = new electron.BrowserWindow();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/me/talk.briefing.json'] });
    expect(await shellFor(win).showOpenDeckDialog()).toBe('/home/me/talk.briefing.json');
    const [parent, options] = electron.dialog.showOpenDialog.mock.calls[0] as [unknown, { filters: Array<{ extensions: string[] }>; properties: string[] }];
    expect(parent).toBe(win);
    expect(options.filters[0].extensions).toEqual(['json']);
    expect(options.properties).toEqual(['openFile']);
  });

  it('answers null when a dialog is cancelled', async () => {
    const shell = shellFor();
    expect(await shell.showOpenDeckDialog()).toBeNull();
    expect(await shell.showSaveDeckDialog('talk.briefing.json')).toBeNull();
    expect(await shell.showSavePdfDialog('talk.pdf')).toBeNull();
  });

  it('starts Save As in the decks folder with only the file name of the suggestion', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/me/Documents/Briefing Desk/copy' });
    expect(await shellFor().showSaveDeckDialog('../../etc/evil.json')).toBe('/home/me/Documents/Briefing Desk/copy.briefing.json');
    const [options] = electron.dialog.showSaveDialog.mock.calls[0] as [{ defaultPath: string }];
    expect(options.defaultPath).toBe(path.join('/home/me/Documents/Briefing Desk', 'evil.json'));
  });

  it('saves PDFs with a .pdf name, starting in Documents', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/me/Documents/handout' });
    expect(await shellFor().showSavePdfDialog('talk-handout.pdf')).toBe('/home/me/Documents/handout.pdf');
    const [options] = electron.dialog.showSaveDialog.mock.calls[0] as [{ defaultPath: string; filters: Array<{ extensions: string[] }> }];
    expect(options.defaultPath).toBe('/home/me/Documents/talk-handout.pdf');
    expect(options.filters[0].extensions).toEqual(['pdf']);
  });

  it('saves PowerPoint files with a .pptx name, starting in Documents, and answers null when cancelled', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/me/Documents/for-colleagues' });
    expect(await shellFor().showSavePptxDialog!('../talk.pptx')).toBe('/home/me/Documents/for-colleagues.pptx');
    const [options] = electron.dialog.showSaveDialog.mock.calls[0] as [{ defaultPath: string; filters: Array<{ extensions: string[] }>; title: string }];
    expect(options.defaultPath).toBe('/home/me/Documents/talk.pptx');
    expect(options.filters[0].extensions).toEqual(['pptx']);
    expect(options.title).toBe('Export PowerPoint');
    expect(await shellFor().showSavePptxDialog!('talk.pptx')).toBeNull();
  });

  it('opens and reveals files, and reports a file the system could not open', async () => {
    const shell = shellFor();
    await shell.openPath('/tmp/a.pdf');
    expect(electron.shell.openPath).toHaveBeenCalledWith('/tmp/a.pdf');
    electron.shell.openPath.mockResolvedValueOnce('No application is registered');
    await expect(shell.openPath('/tmp/b.pdf')).rejects.toThrow('No application is registered');
    shell.showItemInFolder('/tmp/a.pdf');
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith('/tmp/a.pdf');
  });
});
