/** The save status says "Not saved:" once, whatever prefixes the reason arrived with. */
import { describe, expect, it } from 'vitest';
import { bareReason, fieldProblemsText, notSavedText } from '../../src-renderer/lib/save-message';

describe('notSavedText', () => {
  it('puts exactly one prefix on a reason that has none, one, or several', () => {
    expect(notSavedText('the disk is full')).toBe('Not saved: the disk is full');
    expect(notSavedText('Not saved: the disk is full')).toBe('Not saved: the disk is full');
    expect(notSavedText('Not saved: Not saved: the disk is full')).toBe('Not saved: the disk is full');
    expect(notSavedText('not saved - the disk is full')).toBe('Not saved: the disk is full');
  });

  it("takes off Electron's IPC wrapping and error class names", () => {
    expect(notSavedText("Error invoking remote method 'deck:save': Error: Not saved: the disk is full. Use Save As…")).toBe(
      'Not saved: the disk is full. Use Save As…',
    );
    expect(bareReason('TypeError: Failed to fetch')).toBe('Failed to fetch');
  });

  it('keeps the words of the reason, and says when there are none', () => {
    expect(notSavedText('deck.json could not be written (EIO): not saved anywhere')).toBe('Not saved: deck.json could not be written (EIO): not saved anywhere');
    expect(notSavedText('')).toBe('Not saved: the reason is unknown');
    expect(notSavedText('Not saved:')).toBe('Not saved: the reason is unknown');
  });
});

describe('fieldProblemsText', () => {
  it('counts fields in the singular and plural', () => {
    expect(fieldProblemsText(1)).toBe('Not saved: 1 field has a problem');
    expect(fieldProblemsText(3)).toBe('Not saved: 3 fields have a problem');
  });
});
