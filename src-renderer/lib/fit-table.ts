/**
 * Shrinks a slide's table until it fits its box, as a presented slide must show every
 * row: the box's CSS reads `--fit` (1 = the designed size), tried in steps down to
 * MIN_TABLE_FIT; a table still too tall at that size scrolls under its sticky header
 * (a 60-row table is read in the handout, where it runs across pages). Measured again
 * when the box changes size, when fonts arrive and when the table changes.
 */
import { refitOnChange } from './fit-action';

/** Below this the type is too small for a room to read; the table scrolls instead. */
export const MIN_TABLE_FIT = 0.55;

/** Svelte action: `use:fitTable={table}` on the scrolling box of a table. */
export function fitTable(node: HTMLElement, _table?: unknown) {
  const overflows = () => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  return refitOnChange(node, () => {
    let f = 1;
    node.style.setProperty('--fit', '1');
    if (node.clientHeight === 0) return;
    while (overflows() && f > MIN_TABLE_FIT) {
      f = Math.max(MIN_TABLE_FIT, Math.round((f - 0.05) * 100) / 100);
      node.style.setProperty('--fit', String(f));
    }
    node.dataset.fit = String(f);
  });
}
