/**
 * Issue 8, cases 2 and 3: another program, or another browser profile, writes the
 * deck while it is open. With no local edits the app shows the new version and says
 * so; with local edits it never overwrites blindly but asks, and whatever the person
 * chooses, both versions survive on disk (saved, merged, or kept as a named copy).
 */
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, serve, test, watchPageErrors, type Served } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/decks/small-valid.briefing.json');
const NAME = 'team-brief.briefing.json';

interface DeckFile {
  slides: Array<{ title: string; notes?: string }>;
  meta: { title: string };
}

const region = (page: Page, n: number, title: string) => page.getByRole('region', { name: `Slide ${n} of 3: ${title}` });
const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'This deck was changed elsewhere' });
const readDeck = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as DeckFile;

/** A deck file of our own in a fresh folder, served by the real `briefing serve`. */
async function serveDeck(): Promise<{ served: Served; deck: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefing-conflict-'));
  const deck = path.join(dir, NAME);
  await copyFile(FIXTURE, deck);
  return { served: await serve({ deck }), deck, dir };
}

/** Another program rewrites the file in place (as a text editor or sync client does). */
async function foreignWrite(file: string, change: (deck: DeckFile) => void): Promise<void> {
  const deck = await readDeck(file);
  change(deck);
  await writeFile(file, `${JSON.stringify(deck, null, 2)}\n`);
}

/** Types a new title for the current slide in the edit panel, as a person would. */
async function typeTitle(page: Page, title: string): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  if (!(await panel.isVisible())) await page.keyboard.press('e');
  const field = panel.getByRole('textbox', { name: 'Title', exact: true });
  await field.fill(title);
}

/** Closes the edit panel with its button, so keys go to the slides again. */
async function closePanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close the edit panel' }).click();
  await expect(page.getByRole('complementary', { name: 'Edit slide' })).toHaveCount(0);
}

async function copiesIn(dir: string, kind: 'theirs' | 'mine'): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.startsWith(`team-brief.${kind}-`) && f.endsWith('.briefing.json'));
}

test('no local edits: a change by another program is shown at once, with a notice', async ({ page, errors }) => {
  const { served, deck } = await serveDeck();
  try {
    await page.goto(served.url);
    await expect(region(page, 1, 'Small valid deck')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(region(page, 2, 'A bar chart')).toBeVisible();
    await foreignWrite(deck, (d) => (d.slides[1].title = 'Retitled in another editor'));
    const written = await readFile(deck, 'utf8');

    await expect(region(page, 2, 'Retitled in another editor')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('status').filter({ hasText: `${NAME} was changed by another program; showing its new version.` })).toBeVisible();
    await expect(dialog(page)).toHaveCount(0);
    // The app only read the new version: the file is exactly what the other program wrote.
    expect(await readFile(deck, 'utf8')).toBe(written);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('local edit + foreign write: Keep mine saves mine and keeps theirs as a named copy', async ({ page, errors }) => {
  const { served, deck, dir } = await serveDeck();
  try {
    await page.goto(served.url);
    await expect(region(page, 1, 'Small valid deck')).toBeVisible();
    await typeTitle(page, 'Mine: the opening');
    await foreignWrite(deck, (d) => (d.slides[0].title = 'Theirs: the opening'));

    await expect(dialog(page)).toBeVisible({ timeout: 10_000 });
    await expect(dialog(page)).toContainText(`${NAME} was changed elsewhere`);
    await expect(dialog(page)).toContainText('Nothing has been overwritten');
    await expect(dialog(page)).toContainText('Merging is not offered: both versions changed Slide 1');
    await expect(dialog(page).getByRole('button', { name: 'Merge' })).toHaveCount(0);
    await expect(saveStatus(page)).not.toHaveText('Saved');
    // Nothing was written over their version while the question is open.
    expect((await readDeck(deck)).slides[0].title).toBe('Theirs: the opening');

    await dialog(page).getByRole('button', { name: 'Keep mine' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(saveStatus(page)).toHaveText('Saved');
    const copies = await copiesIn(dir, 'theirs');
    expect(copies).toHaveLength(1);
    await expect(page.getByRole('status').filter({ hasText: `The other version is kept beside it as ${copies[0]}` })).toBeVisible();
    expect((await readDeck(deck)).slides[0].title).toBe('Mine: the opening');
    expect((await readDeck(path.join(dir, copies[0]))).slides[0].title).toBe('Theirs: the opening');
    await expect(region(page, 1, 'Mine: the opening')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('local edit + foreign write: Take theirs shows theirs and keeps mine as a named copy', async ({ page, errors }) => {
  const { served, deck, dir } = await serveDeck();
  try {
    await page.goto(served.url);
    await expect(region(page, 1, 'Small valid deck')).toBeVisible();
    await typeTitle(page, 'Mine: the opening');
    await foreignWrite(deck, (d) => (d.slides[0].title = 'Theirs: the opening'));

    await expect(dialog(page)).toBeVisible({ timeout: 10_000 });
    await dialog(page).getByRole('button', { name: 'Take theirs' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(region(page, 1, 'Theirs: the opening')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Edit slide' }).getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
      'Theirs: the opening',
    );
    const copies = await copiesIn(dir, 'mine');
    expect(copies).toHaveLength(1);
    await expect(page.getByRole('status').filter({ hasText: `Your version is kept beside it as ${copies[0]}` })).toBeVisible();
    expect((await readDeck(deck)).slides[0].title).toBe('Theirs: the opening');
    expect((await readDeck(path.join(dir, copies[0]))).slides[0].title).toBe('Mine: the opening');
    await expect(saveStatus(page)).not.toHaveText(/Not saved/);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('local edit + foreign write on another slide: Merge saves both', async ({ page, errors }) => {
  const { served, deck, dir } = await serveDeck();
  try {
    await page.goto(served.url);
    await expect(region(page, 1, 'Small valid deck')).toBeVisible();
    await typeTitle(page, 'Mine: the opening');
    await foreignWrite(deck, (d) => (d.slides[2].title = 'Theirs: the sources'));

    await expect(dialog(page)).toBeVisible({ timeout: 10_000 });
    await expect(dialog(page).getByTestId('mine-changed')).toHaveText('Slide 1 “Mine: the opening”');
    await expect(dialog(page).getByTestId('theirs-changed')).toHaveText('Slide 3 “Theirs: the sources”');
    await dialog(page).getByRole('button', { name: 'Merge' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(saveStatus(page)).toHaveText('Saved');
    await expect(page.getByRole('status').filter({ hasText: 'Merged' })).toBeVisible();
    const onDisk = await readDeck(deck);
    expect(onDisk.slides.map((s) => s.title)).toEqual(['Mine: the opening', 'A bar chart', 'Theirs: the sources']);
    await expect(region(page, 1, 'Mine: the opening')).toBeVisible();
    await closePanel(page);
    await page.keyboard.press('End');
    await expect(region(page, 3, 'Theirs: the sources')).toBeVisible();
    expect([...(await copiesIn(dir, 'mine')), ...(await copiesIn(dir, 'theirs'))]).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('two browser profiles edit one deck: the later save is refused as a conflict, and after Merge nothing is lost', async ({ browser }) => {
  const { served, deck } = await serveDeck();
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await first.newPage();
    const b = await second.newPage();
    const errors = [...[a, b].map((p) => watchPageErrors(p))];
    await a.goto(served.url);
    await b.goto(served.url);
    await expect(region(a, 1, 'Small valid deck')).toBeVisible();
    await expect(region(b, 1, 'Small valid deck')).toBeVisible();
    await b.keyboard.press('End');
    await expect(region(b, 3, 'Sources')).toBeVisible();

    // Both edit before either save lands (autosave waits a second after typing).
    await typeTitle(a, 'Edited in profile A');
    await typeTitle(b, 'Edited in profile B');

    // One of the two saves first; the other is refused and asks (it never writes blindly).
    let loser: Page | null = null;
    await expect
      .poll(
        async () => {
          loser = (await dialog(a).isVisible()) ? a : (await dialog(b).isVisible()) ? b : null;
          return loser !== null;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const winner = loser === a ? b : a;
    const loserPage = loser as unknown as Page;
    const winnerTitle = winner === a ? 'Edited in profile A' : 'Edited in profile B';
    const loserTitle = winner === a ? 'Edited in profile B' : 'Edited in profile A';
    const onDisk = (await readDeck(deck)).slides.map((s) => s.title);
    expect(onDisk).toContain(winnerTitle);
    expect(onDisk).not.toContain(loserTitle);
    await expect(saveStatus(winner)).toHaveText('Saved');
    await expect(saveStatus(loserPage)).not.toHaveText('Saved');

    await dialog(loserPage).getByRole('button', { name: 'Merge' }).click();
    await expect(dialog(loserPage)).toHaveCount(0);
    await expect(saveStatus(loserPage)).toHaveText('Saved');
    expect((await readDeck(deck)).slides.map((s) => s.title)).toEqual(['Edited in profile A', 'A bar chart', 'Edited in profile B']);
    // The first profile follows: it had nothing unsaved, so it shows the merged deck.
    await expect(region(winner, winner === a ? 1 : 3, winner === a ? 'Edited in profile A' : 'Edited in profile B')).toBeVisible();
    await closePanel(winner);
    await winner.keyboard.press(winner === a ? 'End' : 'Home');
    await expect(region(winner, winner === a ? 3 : 1, winner === a ? 'Edited in profile B' : 'Edited in profile A')).toBeVisible({ timeout: 10_000 });
    expect(errors.flat()).toEqual([]);
  } finally {
    await first.close();
    await second.close();
    await served.stop();
  }
});

test('the presenter window follows a foreign change, and its own next edit is saved on top of it', async ({ page, errors }) => {
  const { served, deck } = await serveDeck();
  try {
    await page.goto(served.url);
    await expect(region(page, 1, 'Small valid deck')).toBeVisible();
    const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('p')]);
    const presenterErrors = watchPageErrors(presenter);
    const current = (title: string) => presenter.getByRole('region', { name: `Current slide: Slide 1 of 3: ${title}` });
    await expect(current('Small valid deck')).toBeVisible();

    await foreignWrite(deck, (d) => (d.slides[0].title = 'Retitled by a colleague'));
    await expect(region(page, 1, 'Retitled by a colleague')).toBeVisible({ timeout: 10_000 });
    await expect(current('Retitled by a colleague')).toBeVisible();

    // The presenter types talking points: saved against the new version, not over it.
    const notes = presenter.getByRole('textbox', { name: 'Talking points', exact: true });
    await notes.fill('Thank the colleague for the new title.');
    await expect.poll(async () => (await readDeck(deck)).slides[0].notes, { timeout: 10_000 }).toBe('Thank the colleague for the new title.');
    expect((await readDeck(deck)).slides[0].title).toBe('Retitled by a colleague');
    await expect(dialog(page)).toHaveCount(0);
    await expect(dialog(presenter)).toHaveCount(0);
    expect([...errors, ...presenterErrors]).toEqual([]);
  } finally {
    await served.stop();
  }
});
