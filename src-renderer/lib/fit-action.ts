/**
 * The measuring loop every fit-to-box action shares (fit-text.ts, fit-table.ts): measure
 * once the slide being mounted is complete, then again on the next frame whenever the box
 * changes size, when fonts finish loading (text widths change with them), and when the
 * action's value changes.
 *
 * The first measure waits for the end of the mount (a microtask): an action runs while its
 * slide is still half-built — the slide's theme (its font and sizes) is set by an action on
 * the slide's root, which runs after its children's — so a measure then forces a layout of
 * the wrong slide and has to be done again. Every box mounted in the same flush is measured
 * in one pass: all reset, then all read (one layout), then all written.
 */

/** A fit in phases: `reset` undoes the last fit, `measure` reads and returns what to write (or writes nothing). */
export interface Fit {
  reset?: () => void;
  measure: () => void | (() => void);
}

interface Entry {
  node: HTMLElement;
  fit: Fit;
  live: boolean;
  /** The box's size at its last measure, as the ResizeObserver's check reads it. */
  size: string;
  watch: 'width' | 'size';
}

const sizeOf = (e: Entry) => (e.watch === 'width' ? String(e.node.clientWidth) : `${e.node.clientWidth}×${e.node.clientHeight}`);

let batch: Entry[] | null = null;
function runBatch() {
  const entries = (batch ?? []).filter((e) => e.live && e.node.isConnected);
  batch = null;
  for (const e of entries) e.fit.reset?.();
  const writes: Array<() => void> = [];
  for (const e of entries) {
    e.size = sizeOf(e);
    const write = e.fit.measure();
    if (write) writes.push(write);
  }
  for (const write of writes) write();
}
function queue(entry: Entry) {
  if (!batch) {
    batch = [];
    queueMicrotask(runBatch);
  }
  batch.push(entry);
}

/**
 * Runs `fit` once the current mount is complete and again whenever the layout of `node`
 * may have changed; returns the action's update/destroy. `watch: 'width'` refits only when
 * the box's width changes (a box whose height follows its own fitted text).
 */
export function refitOnChange(node: HTMLElement, fit: (() => void) | Fit, { watch = 'size' }: { watch?: 'width' | 'size' } = {}): { update: () => void; destroy: () => void } {
  const entry: Entry = { node, fit: typeof fit === 'function' ? { measure: fit } : fit, live: true, size: '', watch };
  let frame = 0;
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      entry.size = sizeOf(entry);
      entry.fit.reset?.();
      entry.fit.measure()?.();
    });
  };
  // A ResizeObserver reports every box once when it starts observing it: a box already
  // measured at that size is not measured again (the check reads a layout just done).
  const observer = new ResizeObserver(() => {
    if (sizeOf(entry) !== entry.size) schedule();
  });
  observer.observe(node);
  // Fonts that finish loading later (the slide's own font is fetched when text first uses
  // it) change the text's width: measure again then. Already loaded: nothing to wait for.
  document.fonts?.addEventListener('loadingdone', schedule);
  queue(entry);
  return {
    update: schedule,
    destroy() {
      entry.live = false;
      observer.disconnect();
      document.fonts?.removeEventListener('loadingdone', schedule);
      cancelAnimationFrame(frame);
    },
  };
}
