/**
 * SVG from a deck is sanitised here, in main, before the renderer or the PDF sees
 * it: DOMPurify with its SVG profile (on a jsdom window) drops scripts, event
 * handlers, `<foreignObject>` and anything not in the profile; a hook then removes
 * every `href` that is not a reference inside the image (`#id`) and every CSS
 * `url(…)`/`@import` that points outside it, so nothing is fetched. The result is
 * serialised as XML (an `<img>` parses SVG as XML). jsdom is loaded only when a
 * deck has an SVG.
 */
import type { DOMPurify } from 'dompurify';

let purifier: { purify: DOMPurify; window: Window & typeof globalThis } | undefined;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `url(#id)` stays; `url(http…)`, `url(data:…)`, `url(file…)` and `@import` go. */
function cleanCss(css: string): string {
  return css.replace(/@import[^;]*;?/gi, '').replace(/url\(\s*(['"]?)(?!#)[^)]*\)/gi, 'none');
}

async function loadPurifier() {
  if (purifier) return purifier;
  const [{ JSDOM }, createDOMPurify] = await Promise.all([import('jsdom'), import('dompurify').then((m) => m.default)]);
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const purify = createDOMPurify(window as never);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of ['href', 'xlink:href']) {
      const value = node.getAttribute(name);
      if (value !== null && !value.trim().startsWith('#')) node.removeAttribute(name);
    }
    // style="…", fill="url(…)", filter="url(…)": any attribute may carry a CSS url.
    for (const attr of Array.from(node.attributes)) {
      if (/url\(|@import/i.test(attr.value)) node.setAttribute(attr.name, cleanCss(attr.value));
    }
  });
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent);
  });
  purifier = { purify, window };
  return purifier;
}

/** Sanitised SVG text, or an error when nothing of an `<svg>` survives. */
export async function sanitizeSvg(text: string): Promise<{ ok: true; svg: string } | { ok: false; message: string }> {
  const { purify, window } = await loadPurifier();
  // The prologue (XML declaration, doctype, comments) is not SVG content: drop it before parsing as HTML.
  const body = text.replace(/^\uFEFF/, '').replace(/<\?xml[\s\S]*?\?>/g, '').replace(/<!doctype[^>[]*>/gi, '');
  const fragment = purify.sanitize(body, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script', 'a'],
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
  const root = fragment.firstElementChild;
  if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) return { ok: false, message: 'the SVG has no <svg> element left once unsafe parts are removed' };
  const xml = new window.XMLSerializer().serializeToString(root);
  return { ok: true, svg: xml };
}
