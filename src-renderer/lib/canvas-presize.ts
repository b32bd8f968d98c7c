/**
 * Sizes a new chart's canvas as Chart.js would (its box to 0.1 px, the bitmap to whole device
 * pixels) before Chart.js sees it: Chart.js then reads no used size of a canvas still at the
 * default 300×150 (a forced style and layout: 24 ms of a first map's frame in a profile),
 * does not switch its display (which re-attaches it), and finds nothing to change — the
 * slide is laid out once, and the canvas's bitmap made once, at its size.
 */
export function presizeCanvas(target: HTMLCanvasElement, host: HTMLElement): void {
  const rect = host.getBoundingClientRect(); // Chart.js measures the same box the same way
  const ratio = window.devicePixelRatio || 1;
  const round1 = (v: number) => Math.round(v * 10) / 10;
  const w = round1(rect.width);
  const h = round1(rect.height);
  target.style.display = 'block';
  target.style.boxSizing = 'border-box';
  target.style.width = `${w}px`;
  target.style.height = `${h}px`;
  target.width = Math.floor(round1(w * ratio));
  target.height = Math.floor(round1(h * ratio));
}
