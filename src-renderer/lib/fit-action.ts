/**
 * The measuring loop every fit-to-box action shares (fit-text.ts, fit-table.ts): measure
 * now, then again on the next frame whenever the box changes size, when the fonts
 * arrive (text widths change with them), and when the action's value changes.
 */

/** Runs `fit` at once and again whenever the layout of `node` may have changed; returns the action's update/destroy. */
export function refitOnChange(node: HTMLElement, fit: () => void): { update: () => void; destroy: () => void } {
  let frame = 0;
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(fit);
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(node);
  void document.fonts?.ready.then(schedule);
  fit();
  return {
    update: schedule,
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}
