/**
 * Closing or reloading a window asks first only when an edit has not reached the disk:
 * a window nobody edited closes at once (no beforeunload listener at all, so it also
 * navigates without the round trip), and an edited one holds and saves.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const region = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Slide ${n} of \\d+: `) });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });

/** The window's beforeunload listeners, as DevTools lists them. */
async function unloadListeners(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.detach();
  return listeners.filter((l) => l.type === 'beforeunload').length;
}

test('a window with nothing edited closes without asking; an unsaved edit holds the close and is saved', async ({ page, app, errors }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // "Stay on page"
  });
  await page.goto(app.url);
  await expect(region(page, 1)).toBeVisible();

  // Nothing edited: no listener, and a reload is not held.
  expect(await unloadListeners(page)).toBe(0);
  await page.reload();
  await expect(page.getByRole('region', { name: /^Slide \d+ of / })).toBeVisible();
  expect(dialogs).toEqual([]);

  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(region(page, 2)).toBeVisible();
  // Type a talking point and close at once, before the autosave's delay has passed.
  await page.keyboard.press('e');
  const notes = page.getByRole('complementary', { name: 'Edit slide' }).getByRole('textbox', { name: 'Talking points' });
  await notes.fill('');
  await notes.pressSequentially('Held until saved.', { delay: 5 });
  expect(await unloadListeners(page)).toBe(1);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  // The hold saved the edit at once: it is on disk and the window says so.
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 10_000 });
  const saved = JSON.parse(await readFile(path.join(app.dataDir, 'decks', 'central-asia-mining.briefing.json'), 'utf8')) as { slides: Array<{ notes?: string }> };
  expect(saved.slides[1].notes).toBe('Held until saved.');
  // Saved now: closing goes through without asking again.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(dialogs).toEqual(['beforeunload']);
  expect(errors).toEqual([]);
});
