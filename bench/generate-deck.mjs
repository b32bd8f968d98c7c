// Generates a large deck in deck format v1 for benchmarks: `slides` slides, each
// with a chart (cycling through the chart types) and talking points.
const TYPES = ['bar', 'horizontal-bar', 'stacked-bar', 'line', 'doughnut', 'pie'];

/** Returns a valid deck object with `count` chart slides. */
export function generateDeck(count, { notesLength = 400 } = {}) {
  const slides = [];
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length];
    const labels = ['North', 'South', 'East', 'West', 'Centre'];
    const series = (type === 'doughnut' || type === 'pie' ? [0] : [0, 1]).map((s) => ({
      name: `Series ${s + 1}`,
      values: labels.map((_, j) => ((i * 7 + j * 13 + s * 5) % 40) + 5),
    }));
    slides.push({
      id: `s${i + 1}`,
      layout: 'chart',
      title: `Benchmark slide ${i + 1}: ${type} chart`,
      chart: { type, labels, series, unit: 'USD bn', caption: `Generated data for slide ${i + 1}.` },
      notes: `- Talking point for slide ${i + 1}. `.padEnd(notesLength, 'Lorem ipsum dolor sit amet. '),
      handout: `Summary of slide ${i + 1}.`,
      sources: ['gen'],
      durationSec: 60,
    });
  }
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: `Generated ${count}-slide deck`, author: 'bench', asOf: 'test' },
    sources: [{ id: 'gen', title: 'Generated figures', publisher: 'Briefing Desk benchmark' }],
    slides,
  };
}
