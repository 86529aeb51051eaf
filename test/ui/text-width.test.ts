import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { narrowWidth } from '../../source/ui/text-width.js';

/** Every BMP character the fast path accepts on its own. */
function narrowCharacters(): string[] {
  const out: string[] = [];
  for (let c = 0; c < 0xd800; c++) {
    const ch = String.fromCharCode(c);
    if (narrowWidth(ch) === 1) out.push(ch);
  }
  return out;
}

describe('narrowWidth (the dashboard bundle\'s fast path of string-width)', () => {
  const chars = narrowCharacters();
  const segmenter = new Intl.Segmenter();

  it('accepts the characters the panels draw with', () => {
    const drawn = '·…▶✗→←Δ×▸█■░◆◀▇▆▅▄▃▂▁╗╔═┐┌─−⇠⇢↓↑•‖–⟲✝♻⌫';
    expect([...drawn].filter((ch) => narrowWidth(ch) !== 1)).toEqual([]);
    expect(chars.length).toBeGreaterThan(1000);
  });

  it('agrees with string-width on each character, and none joins a neighbour', () => {
    for (const ch of chars) {
      expect(stringWidth(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe(1);
      expect([...segmenter.segment(`a${ch}${ch}a`)].length, `U+${ch.charCodeAt(0).toString(16)}`).toBe(4);
    }
  });

  it('measures styled text as string-width does, and leaves everything else to it', () => {
    const styled = '\u001b[90m┌─\u001b[39m Source \u001b[1m\u001b[36m═ graph ═\u001b[39m\u001b[22m · 12/700 ×3 …';
    expect(narrowWidth(styled)).toBe(stringWidth(styled));
    for (const other of ['漢字', 'e\u0301', '⌚', '👍🏽', '◽', 'a\u200bb', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'tab\t', '\u00ad'])
      expect(narrowWidth(other), JSON.stringify(other)).toBe(-1);
  });
});
