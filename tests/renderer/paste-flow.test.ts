/**
 * The paste flow the chart and table editors share (lib/paste-flow.svelte.ts) and the
 * one preview grid both draw (lib/paste-preview.ts): a block of cells goes to the
 * preview and a single value is left to its field; apply is one commit; each kind of
 * paste previews as it did before the two previews were made one.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseTableText } from '../../src-shared/table-import';
import { parsePastedTable } from '../../src-shared/table-ops';
import { isCellBlock, PasteFlow } from '../../src-renderer/lib/paste-flow.svelte';
import { chartPreviewGrid, tablePreviewGrid } from '../../src-renderer/lib/paste-preview';

/** A paste event as the browser hands it over, with the text on the clipboard. */
function pasteEvent(text: string): ClipboardEvent {
  const event = new Event('paste', { cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => (type === 'text/plain' ? text : '') } });
  return event;
}

describe('PasteFlow', () => {
  it('a block of cells is taken from the field into the preview and closes the paste box; one value pastes as usual', () => {
    const onshow = vi.fn();
    const flow = new PasteFlow(parsePastedTable, onshow);
    flow.toggleBox();
    expect(flow.boxOpen).toBe(true);

    const single = pasteEvent('1,200');
    flow.onpaste(single);
    expect(single.defaultPrevented).toBe(false);
    expect(flow.preview).toBeNull();
    expect(flow.boxOpen).toBe(true);

    const block = pasteEvent('Mine\tOutput\nA\t$23bn\nB\t$4bn');
    flow.onpaste(block);
    expect(block.defaultPrevented).toBe(true);
    expect(flow.boxOpen).toBe(false);
    expect(onshow).toHaveBeenCalledTimes(1);
    expect(flow.preview?.origin).toBe('Pasted table');
    expect(flow.preview?.table.rows).toHaveLength(2);
  });

  it('apply hands the previewed table to one commit and closes the preview; cancel and the Paste button drop it', () => {
    const flow = new PasteFlow(parsePastedTable);
    const commit = vi.fn();
    flow.apply(commit);
    expect(commit).not.toHaveBeenCalled();

    flow.show('A,B\n1,2', 'sales.csv');
    flow.apply(commit);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit.mock.calls[0][0].columns.map((c: { heading: string }) => c.heading)).toEqual(['A', 'B']);
    expect(flow.preview).toBeNull();

    flow.show('A,B\n1,2', 'typed');
    flow.cancel();
    expect(flow.preview).toBeNull();
    flow.show('A,B\n1,2', 'typed');
    flow.toggleBox();
    expect(flow.preview).toBeNull();
    expect(flow.boxOpen).toBe(true);
  });

  it('tells a block of cells from one value', () => {
    expect(isCellBlock('a\tb')).toBe(true);
    expect(isCellBlock('a\nb')).toBe(true);
    expect(isCellBlock('  1,200 \n')).toBe(false);
  });
});

describe('the preview grid', () => {
  it('chart data: labels down, series across in the unit, gaps greyed, an unreadable cell marked with its problem', () => {
    const grid = chartPreviewGrid(parseTableText('Year\tKZ\tUZ\n2023\t12%\t3%\n2024\t\t4%\n2025\tabc\t5%', { delimiter: 'auto' }));
    expect(grid.summary).toBe('3 labels × 2 series, unit “%”');
    expect(grid.columns.map((c) => c.text)).toEqual(['Label', 'KZ', 'UZ']);
    expect(grid.rows.map((r) => r.heading?.text)).toEqual(['2023', '2024', '2025']);
    expect(grid.rows[0].cells.map((c) => c.text)).toEqual(['12%', '3%']);
    expect(grid.rows[1].cells[0]).toMatchObject({ text: '–', gap: true });
    expect(grid.rows[2].cells[0].problem).toMatch(/expected a number, found "abc"/);
    expect(grid.rows[2].cells[1].problem).toBeUndefined();
    expect(grid.problems).toHaveLength(1);
    expect(grid.usable).toBe(true);
  });

  it('a table: headings with their unit, numbers aligned as numbers, text as written', () => {
    const grid = tablePreviewGrid(parsePastedTable('Mine\tCountry\tOutput\nA\tKZ\t$23bn\nB\tUZ\t$4bn'));
    expect(grid.summary).toBe('2 rows × 3 columns');
    expect(grid.columns.map((c) => c.text)).toEqual(['Mine', 'Country', 'Output (USD bn)']);
    expect(grid.rows[0].heading).toBeUndefined();
    expect(grid.rows[0].cells.map((c) => c.num)).toEqual([false, false, true]);
    expect(grid.usable).toBe(true);
  });

  it('an empty paste has nothing to apply and says why', () => {
    for (const grid of [chartPreviewGrid(parseTableText('', { delimiter: 'auto' })), tablePreviewGrid(parsePastedTable(''))]) {
      expect(grid.usable).toBe(false);
      expect(grid.columns).toEqual([]);
      expect(grid.problems[0].message).toBe('the table is empty');
    }
    expect(tablePreviewGrid({ columns: [{ heading: 'A' }], rows: [[1]], problems: [] }).summary).toBe('1 row × 1 column');
  });
});
