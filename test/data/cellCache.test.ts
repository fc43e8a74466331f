import { describe, expect, it } from 'vitest';
import { CELL_LEVEL, CELL_NUMBER, CellCache } from '../../src/data/cellCache.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('CellCache', () => {
  it('finds what was added by bytes and quoting, through growth and rehashing', () => {
    const cache = new CellCache();
    const keys = Array.from({ length: 3000 }, (_, i) => `level${i}`);
    for (const [i, key] of keys.entries()) {
      const b = bytes(`,${key},`);
      expect(cache.find(b, 1, b.length - 1, 0)).toBe(-1);
      expect(cache.add(b, 1, b.length - 1, 0, CELL_LEVEL, i)).toBe(i);
    }
    for (const [i, key] of keys.entries()) {
      const b = bytes(key);
      const entry = cache.find(b, 0, b.length, 0);
      expect(entry).toBe(i);
      expect(cache.kinds[entry]).toBe(CELL_LEVEL);
      expect(cache.values[entry]).toBe(i);
      // The same bytes quoted are another key ("" inside quotes reads differently).
      expect(cache.find(b, 0, b.length, 1)).toBe(-1);
    }
    expect(cache.find(bytes('level'), 0, 5, 0)).toBe(-1);
  });

  it('adds nothing past maxEntries', () => {
    const cache = new CellCache(2);
    expect(cache.add(bytes('1'), 0, 1, 0, CELL_NUMBER, 1)).toBe(0);
    expect(cache.add(bytes('2'), 0, 1, 0, CELL_NUMBER, 2)).toBe(1);
    expect(cache.add(bytes('3'), 0, 1, 0, CELL_NUMBER, 3)).toBe(-1);
    expect(cache.find(bytes('3'), 0, 1, 0)).toBe(-1);
    expect(cache.values[cache.find(bytes('2'), 0, 1, 0)]).toBe(2);
  });
});
