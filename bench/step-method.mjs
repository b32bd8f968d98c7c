// The measuring method shared by `npm run bench` and the reveal.js comparison: one
// init script injected before any page code (no app-specific hook), stamping every
// canvas drawing call and every input's dispatch delay, and in-page timing of key
// press → frame. A target describes itself only by two in-page expressions: whether
// slide n is on screen with its chart drawn, and which canvas is the current chart.

/** Injected before the page's code: canvas drawing calls and keydown input delay. */
export function instrument() {
  window.__draws = [];
  window.__inputDelay = [];
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillRect', 'fill', 'stroke', 'fillText', 'strokeText', 'clearRect', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (...args) {
      window.__draws.push({ t: performance.now(), canvas: this.canvas });
      return original.apply(this, args);
    };
  }
  // Capture phase on window: runs before any listener of the page, so this is the delay
  // between the key event's creation and the page's first chance to handle it.
  window.addEventListener('keydown', (e) => e.isTrusted && window.__inputDelay.push(performance.now() - e.timeStamp), true);
}

/** `ready` body shared by targets: the canvas has any ink. */
export const CANVAS_INKED = `(canvas) => {
  if (!canvas || !canvas.width) return false;
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < d.length; i += 64) if (d[i + 3] > 0) return true;
  return false;
}`;

const sorted = (a) => [...a].sort((x, y) => x - y);
/** The p-th percentile (nearest rank). */
export const pct = (a, p) => (a.length ? sorted(a)[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : NaN);

/**
 * Measures one target in `page`: first slide with its chart, key → next slide painted,
 * key → chart complete, real key presses' input delay, and the JS heap after visiting
 * every slide. `target` = { url, ready: "(n) => boolean" source, currentCanvas: "() => canvas" source, slides }.
 */
export async function measureTarget(page, target, { presses = 100, completePresses = 20, firstRuns = 5, realPresses = 40 } = {}) {
  const firstPaint = [];
  for (let run = 0; run < firstRuns; run++) {
    await page.goto(target.url);
    firstPaint.push(
      await page.evaluate(`new Promise((resolve) => {
        const ready = ${target.ready};
        const tick = () => ready(1) ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(tick);
        requestAnimationFrame(tick);
      })`),
    );
  }

  // Key press → next slide painted with its chart drawn (timed inside the page). The key
  // is dispatched where a real one lands (the focused element, bubbling to document and window).
  const steps = [];
  await page.goto(target.url);
  await page.evaluate(`window.__ready = ${target.ready}; window.__current = ${target.currentCanvas};`);
  await page.waitForFunction((n) => window.__ready(n), 1);
  await page.waitForTimeout(500);
  const press = `(document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39, which: 39, bubbles: true, cancelable: true }))`;
  for (let i = 0; i < presses; i++) {
    steps.push(
      await page.evaluate(
        ([n, pressKey]) =>
          new Promise((resolve) => {
            const t0 = performance.now();
            new Function(pressKey)();
            // Checked inside each frame's rAF callback: once ready, that frame paints it,
            // and a zero timeout fires just after the paint.
            const tick = () => (window.__ready(n) ? setTimeout(() => resolve(performance.now() - t0), 0) : requestAnimationFrame(tick));
            requestAnimationFrame(tick);
          }),
        [i + 2, press],
      ),
    );
  }

  // Key press → chart complete: the later of the frame showing the slide and the last
  // drawing call on its canvas within a second.
  const complete = [];
  for (let i = 0; i < completePresses; i++) {
    complete.push(
      await page.evaluate(
        ([n, pressKey]) =>
          new Promise((resolve) => {
            window.__draws.length = 0;
            const t0 = performance.now();
            new Function(pressKey)();
            const tick = () => {
              if (!window.__ready(n)) return void requestAnimationFrame(tick);
              const shownAt = performance.now();
              setTimeout(() => {
                const canvas = window.__current();
                const last = window.__draws.filter((d) => d.canvas === canvas).at(-1);
                resolve(Math.max(shownAt, last ? last.t : 0) - t0);
              }, 1000);
            };
            requestAnimationFrame(tick);
          }),
        [presses + i + 2, press],
      ),
    );
  }

  // Real key presses (through the browser's input pipeline): the delay before the page
  // can handle each one, stepping at a presenter's quick pace.
  await page.evaluate(() => (window.__inputDelay.length = 0));
  const visited = presses + completePresses + 1;
  const real = Math.min(realPresses, target.slides - visited - 1);
  for (let i = 0; i < real; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  const inputDelay = await page.evaluate(() => window.__inputDelay.slice());

  // JS heap after stepping through every slide, after a forced GC.
  for (let i = visited + real; i < target.slides; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(500);
  // The stamps keep every canvas drawn on alive: empty them so the heap is the page's own.
  await page.evaluate(() => (window.__draws.length = 0));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { firstPaint, steps, complete, inputDelay, heapMB: heap.usedSize / 1048576 };
}
