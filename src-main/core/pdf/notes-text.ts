/**
 * Talking points and audience summaries as PDF text. The deck format says: plain
 * text, lines starting "- " are bullets; blank lines separate paragraphs.
 */
import type { PdfNotes } from '../../../src-shared/api';
import type { Slide } from '../../../src-shared/deck-schema';
import type { Content } from './pdf-types';
import { COLORS } from './theme';
import { textRuns } from './text-runs';

/** The text the handout shows under a slide for the chosen notes kind (never the other kind). */
export function notesFor(slide: Slide, notes: PdfNotes): string | undefined {
  const value = notes === 'talking-points' ? slide.notes : notes === 'handout' ? slide.handout : undefined;
  return value && value.trim() ? value : undefined;
}

/** The heading over that text. */
export function notesHeading(notes: PdfNotes): string {
  return notes === 'talking-points' ? 'Talking points' : 'Summary';
}

/** Splits notes into paragraphs and bullet lists, as pdfmake nodes at `size`. */
export function notesContent(text: string, size: number, lineHeight = 1.25): Content[] {
  const blocks: Content[] = [];
  let bullets: string[] = [];
  let paragraph: string[] = [];
  const gap = size * 0.45;
  const flushBullets = () => {
    if (!bullets.length) return;
    blocks.push({
      ul: bullets.map((b) => ({ text: textRuns(b), margin: [0, 0, 0, gap * 0.5] as [number, number, number, number] })),
      markerColor: COLORS.accent,
      margin: [0, 0, 0, gap],
    });
    bullets = [];
  };
  const flushParagraph = () => {
    if (!paragraph.length) return;
    blocks.push({ text: textRuns(paragraph.join('\n')), margin: [0, 0, 0, gap] });
    paragraph = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*[-•]\s+/.test(line)) {
      flushParagraph();
      bullets.push(line.replace(/^\s*[-•]\s+/, ''));
    } else if (line.trim() === '') {
      flushBullets();
      flushParagraph();
    } else {
      flushBullets();
      paragraph.push(line);
    }
  }
  flushBullets();
  flushParagraph();
  return [{ stack: blocks, fontSize: size, lineHeight, color: COLORS.ink }];
}
