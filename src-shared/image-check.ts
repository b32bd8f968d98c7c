/**
 * The image rules of `briefing check` that need only the deck: alt text present,
 * an image on an `image` slide, a `src` that is embedded data or a path inside the
 * deck's folder, embedded bytes that are an image of an allowed size, and the
 * deck's embedded images within the deck limit. Files named by path are checked in
 * main (src-main/core/image-files.ts), which can read them. Pure: no DOM, no Node.
 */
import type { DeckProblem } from './deck-validate';
import { checkDataUrl, classifyImageSrc, deckImagesSizeProblem } from './image-sniff';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Every image a deck carries, with its JSON path: slide images and the theme's logo. */
export function deckImages(deck: unknown): Array<{ path: string; image: Obj }> {
  if (!isObj(deck)) return [];
  const out: Array<{ path: string; image: Obj }> = [];
  if (Array.isArray(deck.slides)) {
    deck.slides.forEach((slide, i) => {
      if (isObj(slide) && isObj(slide.image)) out.push({ path: `slides[${i}].image`, image: slide.image });
    });
  }
  if (isObj(deck.theme) && isObj(deck.theme.logo)) out.push({ path: 'theme.logo', image: deck.theme.logo });
  return out;
}

/** The problems of one image object at `path` (e.g. `theme.logo`); `bytes` is what its embedded data weighs. */
export function imageProblems(image: unknown, path: string): { problems: DeckProblem[]; bytes: number } {
  const problems: DeckProblem[] = [];
  if (!isObj(image)) return { problems, bytes: 0 };
  if (typeof image.alt !== 'string' || image.alt.trim() === '') {
    problems.push({ path: `${path}.alt`, message: 'missing alt text: say what the image shows, for people who cannot see it' });
  }
  if (typeof image.src !== 'string' || image.src === '') return { problems, bytes: 0 };
  const where = classifyImageSrc(image.src);
  if (where.kind === 'refused') problems.push({ path: `${path}.src`, message: where.message });
  if (where.kind !== 'data') return { problems, bytes: 0 };
  const checked = checkDataUrl(image.src);
  if (!checked.ok) problems.push({ path: `${path}.src`, message: checked.message });
  return { problems, bytes: checked.bytes ?? 0 };
}

/** Image errors for `briefing check` and the edit panel's field problems. */
export function deckImageProblems(deck: unknown): DeckProblem[] {
  const problems: DeckProblem[] = [];
  let total = 0;
  for (const { path, image } of deckImages(deck)) {
    const one = imageProblems(image, path);
    problems.push(...one.problems);
    total += one.bytes;
  }
  if (isObj(deck) && Array.isArray(deck.slides)) {
    deck.slides.forEach((slide, i) => {
      if (isObj(slide) && slide.layout === 'image' && !isObj(slide.image)) {
        problems.push({ path: `slides[${i}].image`, message: 'an "image" slide needs an image: add one in the edit panel, or set "image": {"src": …, "alt": …}' });
      }
    });
  }
  const tooMuch = deckImagesSizeProblem(total);
  if (tooMuch) problems.push({ path: '', message: tooMuch });
  return problems;
}
