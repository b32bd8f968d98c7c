import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Deck } from '../../src-shared/deck-schema';
import SlideSearch from '../../src-renderer/components/presenter/SlideSearch.svelte';

const deck = {
  format: 'briefing-deck',
  version: 1,
  meta: { title: 'Test briefing' },
  slides: [
    { id: 'a', layout: 'bullets', title: 'Opening', notes: 'Say hello.' },
    { id: 'b', layout: 'bullets', title: 'Copper <b>prices</b>', notes: 'Mention <img src=x onerror=alert(1)> copper futures.' },
    { id: 'c', layout: 'bullets', title: 'Outlook', notes: 'Copper again, briefly.' },
  ],
} as Deck;

describe('SlideSearch', () => {
  it('lists matching slides with the match marked, deck text shown as text', async () => {
    const onpick = vi.fn();
    render(SlideSearch, { deck, room: 0, onpick, onclose: vi.fn() });
    const box = screen.getByRole('searchbox', { name: 'Search titles and talking points' });
    expect(box).toHaveFocus();
    await fireEvent.input(box, { target: { value: 'copper' } });

    const hits = screen.getAllByRole('button');
    expect(hits.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Slide 2: Copper <b>prices<\/b> Talking points: Mention <img src=x onerror=alert\(1\)> copper futures\.$/),
      expect.stringMatching(/^Slide 3: Outlook Talking points: Copper again, briefly\.$/),
    ]);
    expect(document.querySelector('img')).toBeNull();
    expect([...document.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Copper', 'copper', 'Copper']);
    expect(screen.getByRole('status')).toHaveTextContent('2 slides');

    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onpick).toHaveBeenCalledWith(2);
  });

  it('says when nothing matches and closes with Esc', async () => {
    const onclose = vi.fn();
    render(SlideSearch, { deck, room: 0, onpick: vi.fn(), onclose });
    const box = screen.getByRole('searchbox');
    await fireEvent.input(box, { target: { value: 'zinc' } });
    expect(screen.getByRole('status')).toHaveTextContent('No slide matches');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });
});
