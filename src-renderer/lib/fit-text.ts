/**
 * Keeps a short text (a stat's big number, "71 kt LCE") on one line by shrinking it to
 * its box. The element's CSS reads `--fit` (1 = the designed size): slides are laid out
 * in container units, so the factor holds at every size; it is measured again when the
 * box changes size, when fonts arrive, and when the text changes.
 */
import { refitOnChange } from './fit-action';

/** Lowest factor: below it the text is too small to read and may as well be cut. */
const MIN_FIT = 0.3;

/** Svelte action: `use:fitOneLine={text}` on an element styled `white-space: nowrap`. */
export function fitOneLine(node: HTMLElement, _text?: string) {
  return refitOnChange(
    node,
    {
      reset: () => node.style.setProperty('--fit', '1'),
      measure: () => {
        const available = node.clientWidth;
        const needed = node.scrollWidth;
        // A little under the exact ratio: text width does not scale perfectly with font size (hinting).
        if (available > 0 && needed > available) return () => node.style.setProperty('--fit', String(Math.max(MIN_FIT, (available / needed) * 0.97)));
      },
    },
    // Its height follows its own fitted text; only a new width calls for a new fit.
    { watch: 'width' },
  );
}
