/**
 * A deck image's `src` kept loaded as a rune, for every component that draws one (a
 * slide's picture, the theme's logo on title slides and in the theme editor): one
 * path through `loadDeckImage`, so an embedded image and a path beside the deck show
 * alike, and SVG is sanitised in main either way.
 */
import type { ImageLoadResult } from '../../src-shared/api';
import { loadDeckImage } from './deck-images';

/**
 * Loads `src()` now and again whenever it changes (call during component set-up);
 * `result` is null while loading or with no `src` (undefined), then what to draw or why not.
 */
export function deckImageState(src: () => string | undefined): { readonly result: ImageLoadResult | null } {
  let result = $state<ImageLoadResult | null>(null);
  $effect(() => {
    const wanted = src();
    let current = true;
    result = null;
    if (wanted !== undefined) {
      void loadDeckImage(wanted).then((r) => {
        if (current) result = r;
      });
    }
    return () => {
      current = false;
    };
  });
  return {
    get result() {
      return result;
    },
  };
}
