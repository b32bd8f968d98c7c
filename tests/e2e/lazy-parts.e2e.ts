/**
 * The edit panel and the dialogs live in their own chunks, loaded after the first
 * slide (issue 12: code splitting). A person never sees the difference, except when
 * a chunk cannot be loaded: then the app says so and stays usable, and the next try works.
 */
import { expect, test } from './fixtures';

test('the first slide needs no edit-panel or dialog code; E then loads and opens the panel', async ({ page, app, errors }) => {
  const scripts: string[] = [];
  const loaded: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  page.on('requestfinished', (r) => loaded.push(new URL(r.url()).pathname));
  // Hold the deferred parts back: the first slide must appear without them.
  await page.route(/\/assets\/(EditPanel|ExportDialog|FileMenu)-[\w-]+\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  // The slide is on screen while the edit panel's code is still held back.
  expect(loaded.filter((s) => /EditPanel-/.test(s))).toEqual([]);
  await page.keyboard.press('e');
  const panel = page.getByRole('complementary', { name: 'Edit slide' });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('Title', { exact: true })).toBeVisible();
  // The panel came from its own chunk, not from the code the first slide loaded.
  expect(scripts.some((s) => /EditPanel-/.test(s))).toBe(true);
  expect(errors).toEqual([]);
});

test('a part that cannot be loaded is reported, the slides stay usable, and the next try loads it', async ({ page, app }) => {
  let fail = true;
  await page.route(/\/assets\/EditPanel-[\w-]+\.js$/, (route) => (fail ? route.abort('failed') : route.continue()));
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toBeVisible();
  // Presenting still works.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: /^Slide 2 of / })).toBeVisible();
  // Close the broken panel and open it again once the file is back.
  fail = false;
  await page.keyboard.press('e');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toBeHidden();
  await page.keyboard.press('e');
  await expect(page.getByRole('complementary', { name: 'Edit slide' })).toBeVisible();
});

test('the tab icon is a small PNG from the local host, and no /favicon.ico is asked for', async ({ page, app, errors }) => {
  const icons: { url: string; status: number; type: string }[] = [];
  page.on('response', (r) => {
    if (/favicon/.test(r.url())) icons.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: /^Slide 1 of / })).toBeVisible();
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute('href', './favicon.png');
  await expect.poll(() => icons.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(icons.map((i) => [new URL(i.url).origin, new URL(i.url).pathname, i.status, i.type])).toEqual([[new URL(app.url).origin, '/favicon.png', 200, 'image/png']]);
  expect(errors).toEqual([]);
});
