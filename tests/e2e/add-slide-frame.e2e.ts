/**
 * Adding a slide as a person sees it: the slide behind the layout picker keeps its size
 * while the picker is open, and the frame that first shows the new slide shows it at its
 * full size, its chart drawn complete to its box — not drawn a few pixels off and redrawn
 * a frame later, nor shown small and then grown. Then the picker is gone for keys, mouse
 * and assistive technology, focus is back where it was, and the slide is on disk.
 *
 * Measured as the benchmark measures (no app hooks): an init script, injected before the
 * app's code, stamps canvas drawing calls and, on the next input, finds the first
 * animation frame in which the new slide is the current one; a zero timeout queued in
 * that frame's rAF callback reads what the frame showed, just after it was painted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Deck } from '../../src-shared/deck-schema';
import { expect, test } from './fixtures';
import { expectOnDisk } from './working-copy';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'assets/decks/central-asia-mining.briefing.json');

interface Box {
  width: number;
  height: number;
}

interface Shown {
  slide: Box;
  chartBox: Box | null;
  canvas: Box | null;
  colored: number;
}

const INIT = () => {
  const w = window as unknown as Record<string, unknown>;
  const draws: { t: number; canvas: HTMLCanvasElement }[] = [];
  w.__draws = draws;
  const proto = CanvasRenderingContext2D.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ['fillRect', 'fill', 'stroke', 'fillText', 'clearRect', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      draws.push({ t: performance.now(), canvas: this.canvas });
      return original.apply(this, args);
    };
  }
  const size = (el: Element | null | undefined) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  };
  /** What is on screen now: the current slide's size, its chart's box and canvas, and the canvas's coloured pixels. */
  const look = () => {
    const region = document.querySelector('.slot.current [role=region]');
    const canvas = region?.querySelector('canvas') ?? null;
    let colored = 0;
    if (canvas?.width) {
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 50) colored++;
    }
    return { slide: size(region)!, chartBox: size(canvas?.parentElement), canvas: size(canvas), colored };
  };
  w.__look = look;
  // The start of every animation frame: this loop's callback runs first in each frame.
  const frames: number[] = [];
  const stamp = () => {
    frames.push(performance.now());
    requestAnimationFrame(stamp);
  };
  requestAnimationFrame(stamp);
  w.__frames = frames;
  w.__arm = (type: string, label: string) => {
    w.__first = null;
    const on = () => {
      window.removeEventListener(type, on, true);
      const tick = () => {
        const region = document.querySelector('.slot.current [role=region]');
        if (!region?.getAttribute('aria-label')?.startsWith(label)) return void requestAnimationFrame(tick);
        // The slide's size as this frame lays it out, and which frame this is.
        const slide = size(region)!;
        const frame = frames.length - 1;
        setTimeout(() => {
          w.__first = { ...look(), slide };
          w.__firstFrame = frame;
        }, 0);
      };
      requestAnimationFrame(tick);
    };
    window.addEventListener(type, on, true);
  };
};

const current = (page: Page) => page.locator('.slot.current [role=region]');
const sizeOf = async (page: Page): Promise<Box> => {
  const box = (await current(page).boundingBox())!;
  return { width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 };
};

/** Arms the first-frame probe for the next `type` event, runs `act`, and returns that frame and the same slide a second later. */
async function firstFrame(page: Page, type: string, label: string, act: () => Promise<void>) {
  await page.evaluate(([t, l]) => (window as unknown as { __arm: (t: string, l: string) => void }).__arm(t, l), [type, label]);
  await act();
  await page.waitForFunction(() => (window as unknown as { __first: unknown }).__first !== null);
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const w = window as unknown as { __first: Shown; __firstFrame: number; __frames: number[]; __look: () => Shown; __draws: { t: number; canvas: HTMLCanvasElement }[] };
    const canvas = document.querySelector('.slot.current [role=region] canvas');
    // Drawing on the new slide's canvas in any frame after the one that first showed it.
    const next = w.__frames[w.__firstFrame + 1] ?? Infinity;
    return { first: w.__first, later: w.__look(), redraws: w.__draws.filter((d) => d.canvas === canvas && d.t >= next).length };
  });
}

/** Opens the app on the bundled briefing with the frame stamps injected; returns its number of slides. */
async function openBundled(page: Page, url: string): Promise<number> {
  const deck = JSON.parse(await readFile(BUNDLED, 'utf8')) as Deck;
  await page.addInitScript(INIT);
  await page.goto(url);
  await expect(page.getByRole('region', { name: new RegExp(`^Slide 1 of ${deck.slides.length}: `) })).toBeVisible();
  return deck.slides.length;
}

test('Enter on a layout: the slide behind the open picker keeps its size, and the new chart slide is shown full size, its chart drawn to its box once', async ({ page, app, errors }) => {
  const n = await openBundled(page, app.url);
  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toHaveAttribute('aria-label', new RegExp(`^Slide 2 of ${n}: `));
  const full = await sizeOf(page);
  expect(full.width).toBeGreaterThan(600);

  await page.keyboard.press('Control+m');
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await expect(picker.getByRole('button', { name: 'Title layout' })).toBeFocused();
  // Behind the picker the slide is laid out as before: the picker takes no room from it.
  expect(await sizeOf(page)).toEqual(full);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(picker.getByRole('button', { name: 'Chart layout' })).toBeFocused();

  const shown = await firstFrame(page, 'keydown', `Slide 3 of ${n + 1}: What the chart shows`, () => page.keyboard.press('Enter'));
  // The first frame shows the new slide at full size with its chart complete...
  expect(shown.first.slide).toEqual(full);
  expect(shown.first.canvas).not.toBeNull();
  expect(shown.first.colored).toBeGreaterThan(500);
  // ...drawn once, in that frame, to its box: no later frame resizes or redraws it.
  expect(shown.redraws).toBe(0);
  expect(shown.later.canvas).toEqual(shown.later.chartBox);
  expect(shown.later).toEqual(shown.first);

  // The picker is gone, for the mouse and keys as for the accessibility tree.
  await expect(picker).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Chart layout' })).toHaveCount(0);
  const saved = await expectOnDisk(app, (d) => d.slides.length === n + 1);
  expect(saved.slides[2].layout).toBe('chart');
  expect(saved.slides[2].title).toBe('What the chart shows');
  expect(errors).toEqual([]);
});

test('a click on a layout from the edit panel: the new slide is shown full size at once, the picker goes, and focus goes back to "Add slide…"', async ({ page, app, errors }) => {
  const n = await openBundled(page, app.url);
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();
  const full = await sizeOf(page);
  const add = panel.getByRole('button', { name: 'Add slide…' });
  await add.click();
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  const quote = picker.getByRole('button', { name: 'Quote layout' });
  await expect(quote).toBeVisible();
  expect(await sizeOf(page)).toEqual(full);

  const shown = await firstFrame(page, 'click', `Slide 2 of ${n + 1}: Who said what`, () => quote.click());
  expect(shown.first.slide).toEqual(full);
  expect(shown.later.slide).toEqual(full);
  await expect(picker).toHaveCount(0);
  await expect(page.getByRole('region', { name: `Slide 2 of ${n + 1}: Who said what` })).toBeVisible();
  await expect(add).toBeFocused();
  // Keys work on at once: a second add by keys, then undo takes it away again.
  await page.keyboard.press('Control+m');
  await expect(picker.getByRole('button', { name: 'Title layout' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Slide 3 of ${n + 2}: The message of this slide` })).toBeVisible();
  await expect(picker).toHaveCount(0);
  const saved = await expectOnDisk(app, (d) => d.slides.length === n + 2);
  expect(saved.slides.slice(1, 3).map((s) => s.layout)).toEqual(['quote', 'bullets']);
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('region', { name: new RegExp(`of ${n + 1}: `) }).first()).toBeAttached();
  const undone = await expectOnDisk(app, (d) => d.slides.length === n + 1);
  expect(undone.slides[1].layout).toBe('quote');
  expect(errors).toEqual([]);
});

test('the progress bar is set at once when a slide is added or duplicated, and glides when stepping from slide to slide', async ({ page, app, errors }) => {
  const n = await openBundled(page, app.url);
  const bar = page.getByRole('progressbar', { name: 'Progress through the briefing' });
  const fill = bar.locator('.fill');
  // How the fill moves to its place (its transition), where it goes (its own style) and where it is now (as computed).
  const motion = () =>
    fill.evaluate((el) => ({
      duration: getComputedStyle(el).transitionDuration,
      target: Number(/scaleX\(([\d.e-]+)\)/.exec((el as HTMLElement).style.transform)?.[1]),
      now: new DOMMatrix(getComputedStyle(el).transform).a,
    }));
  /** Set at once: no transition, already where it goes, no animation running. */
  const setAt = async (scale: number) => {
    expect(await motion()).toEqual({ duration: '0s', target: expect.closeTo(scale, 4), now: expect.closeTo(scale, 4) });
    expect(await fill.evaluate((el) => el.getAnimations().length)).toBe(0);
  };
  /** Gliding there (where it is meanwhile depends on the moment it is read). */
  const glidesTo = async (scale: number) => expect(await motion()).toEqual({ duration: '0.2s', target: expect.closeTo(scale, 4), now: expect.any(Number) });

  await page.keyboard.press('ArrowRight');
  await expect(bar).toHaveAttribute('aria-valuenow', '2');
  await glidesTo(1 / (n - 1));

  // An added slide changes the deck's length: the bar is set at once, no animation started
  // (starting one makes the browser hand every chart on screen to the compositor again).
  await page.keyboard.press('Control+m');
  const picker = page.getByRole('dialog', { name: 'Choose a layout' });
  await expect(picker.getByRole('button', { name: 'Title layout' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Slide 3 of ${n + 1}: The message of this slide` })).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemax', String(n + 1));
  await setAt(2 / n);

  // The next step glides again.
  await page.keyboard.press('ArrowRight');
  await expect(bar).toHaveAttribute('aria-valuenow', '4');
  await glidesTo(3 / n);

  // A duplicate, too, is set at once.
  await page.keyboard.press('Control+d');
  await expect(bar).toHaveAttribute('aria-valuemax', String(n + 2));
  await expect(bar).toHaveAttribute('aria-valuenow', '5');
  await setAt(4 / (n + 1));

  const saved = await expectOnDisk(app, (d) => d.slides.length === n + 2);
  expect(saved.slides[2].layout).toBe('bullets');
  expect(saved.slides[4].title).toBe(saved.slides[3].title);
  expect(errors).toEqual([]);
});
