/**
 * The deck's resolved theme as CSS custom properties, set on a slide's root so every
 * size of a slide (stage, presenter view, overview and layout thumbnails) draws with
 * the same colours, font, line weight and aspect. Set through the CSSOM
 * (`style.setProperty`), which the app's CSP (`style-src 'self'`) allows.
 */
import type { ResolvedTheme } from '../../src-shared/theme';

/** Variable name → value, for one theme. */
export function themeVars(theme: ResolvedTheme): Record<string, string> {
  const c = theme.colors;
  return {
    '--slide-bg': c.background,
    '--slide-text': c.text,
    '--slide-primary': c.primary,
    '--slide-accent': c.accent,
    '--slide-muted': c.muted,
    '--slide-faint': c.faint,
    '--slide-rule': c.rule,
    '--slide-section-text': c.sectionText,
    '--slide-section-muted': c.sectionMuted,
    '--slide-section-rule': c.sectionRule,
    '--slide-conf-high': c.confidence.high,
    '--slide-conf-moderate': c.confidence.moderate,
    '--slide-conf-low': c.confidence.low,
    '--slide-font': theme.fontFamily,
    '--slide-line': String(theme.lineScale),
    '--slide-ratio': String(theme.ratio),
  };
}

/** Svelte action: keeps `node`'s theme variables in step with `theme`. */
export function applyTheme(node: HTMLElement, theme: ResolvedTheme) {
  const set = (next: ResolvedTheme) => {
    for (const [name, value] of Object.entries(themeVars(next))) node.style.setProperty(name, value);
    node.dataset.theme = next.base;
  };
  set(theme);
  return { update: set };
}
