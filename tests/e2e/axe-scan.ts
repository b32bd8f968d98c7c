/**
 * Runs axe-core (the npm package, injected from node_modules: nothing is fetched) on a
 * page with the WCAG 2.1 A and AA rules, and reports violations one line per node so a
 * failing test says what to fix. Suppressions are per rule AND per node, each with the
 * reason written in docs/accessibility.md; nothing else is ever left out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A documented false positive: this rule, on nodes matching this selector only. */
export interface Suppression {
  rule: string;
  selector: string;
  why: string;
}

export interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Buttons that hold a miniature of a slide: the overview's and look-ahead's thumbnails
 * ("Go to slide N: Title", visible label the caption "N. Title") and the layout picker's
 * options ("Title layout", visible label "Title"). The miniature is a picture of a slide,
 * not the control's label, but axe counts its text as visible label text. The rule is
 * suppressed on these nodes alone, and the tests check what the rule protects instead:
 * the name contains the visible label (docs/accessibility.md, "False positives").
 */
export const MINIATURE_BUTTONS: Suppression = {
  rule: 'label-content-name-mismatch',
  selector: '.overview .thumb, [role="group"][aria-label="Layouts"] > button',
  why: 'the slide miniature inside the button is a picture of a slide, not its label; the caption is the label and the name contains it',
};

/**
 * Injects axe-core once per document. Not `addScriptTag`: the app's CSP (`script-src
 * 'self'`) refuses inline scripts, as it should, and we keep the CSP on while scanning.
 * Playwright's evaluate runs over the DevTools protocol, which the CSP does not govern.
 */
async function inject(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (present) return;
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(`${axeSource}\n;void 0`);
}

/** Runs the WCAG 2.1 A/AA rules on the page (or under `include`) and returns what is left after the suppressions. */
export async function axeViolations(page: Page, opts: { include?: string; suppress?: Suppression[] } = {}): Promise<AxeViolation[]> {
  await inject(page);
  const suppress = opts.suppress ?? [];
  const result = await page.evaluate(
    async ({ include, tags, suppress }) => {
      type AxeApi = {
        run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; html: string; failureSummary?: string }> }> }>;
      };
      const axe = (window as unknown as { axe: AxeApi }).axe;
      const context = include ? { include: [include] } : document;
      const out = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return out.violations
        .map((v) => ({
          ...v,
          nodes: v.nodes.filter((n) => {
            const el = document.querySelector(n.target[n.target.length - 1]);
            return !suppress.some((s) => s.rule === v.id && el?.matches(s.selector));
          }),
        }))
        .filter((v) => v.nodes.length > 0);
    },
    { include: opts.include, tags: WCAG_TAGS, suppress },
  );
  return result;
}

/** One readable line per violating node, for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.html.slice(0, 160)} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`));
}
