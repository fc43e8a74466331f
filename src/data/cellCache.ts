/** What a cell's bytes mean in a column (see `CsvRangeTable`). */
export const CELL_MISSING = 0;
export const CELL_NUMBER = 1;
export const CELL_LEVEL = 2;

/**
 * A dictionary from a cell's bytes (and whether it was quoted) to what they mean: missing, a
 * number, or a level's code. A categorical column repeats a few values millions of times; with
 * this, each distinct value becomes a string once, not once per cell. Open addressing over an
 * FNV-1a hash; keys are kept in one byte pool. Past `maxEntries` distinct cells (identifiers,
 * free text) nothing more is added and the caller reads each new cell as text.
 */
export class CellCache {
  private slots = new Int32Array(1 << 10).fill(-1);
  private pool = new Uint8Array(1 << 14);
  private used = 0;
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private hashes = new Int32Array(256);
  /** Per entry: CELL_MISSING, CELL_NUMBER or CELL_LEVEL, and the number or the level's code. */
  kinds = new Uint8Array(256);
  values = new Float64Array(256);
  private count = 0;

  constructor(private readonly maxEntries = 1 << 16) {}

  /** The entry of bytes[start, end) (quoted or not), or −1. */
  find(bytes: Uint8Array, start: number, end: number, quoted: number): number {
    const hash = hashOf(bytes, start, end, quoted);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && this.lengths[entry] === end - start) {
        const at = this.starts[entry]!;
        let same = true;
        for (let k = 0; same && k < end - start; k++) same = this.pool[at + k] === bytes[start + k];
        if (same) return entry;
      }
    }
  }

  /** Adds bytes[start, end) with its meaning; returns the entry, or −1 when the cache is full. */
  add(
    bytes: Uint8Array,
    start: number,
    end: number,
    quoted: number,
    kind: number,
    value: number,
  ): number {
    if (this.count >= this.maxEntries) return -1;
    if (this.count === this.kinds.length) this.growEntries();
    if ((this.count + 1) * 2 > this.slots.length) this.rehash();
    const length = end - start;
    while (this.used + length > this.pool.length) {
      const bigger = new Uint8Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const entry = this.count++;
    this.pool.set(bytes.subarray(start, end), this.used);
    this.starts[entry] = this.used;
    this.lengths[entry] = length;
    this.used += length;
    this.hashes[entry] = hashOf(bytes, start, end, quoted);
    this.kinds[entry] = kind;
    this.values[entry] = value;
    this.insert(entry);
    return entry;
  }

  private insert(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry]! & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let entry = 0; entry < this.count; entry++) this.insert(entry);
  }

  private growEntries(): void {
    const n = this.kinds.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, bigger: T): T => {
      bigger.set(old);
      return bigger;
    };
    this.starts = grow(this.starts, new Int32Array(n));
    this.lengths = grow(this.lengths, new Int32Array(n));
    this.hashes = grow(this.hashes, new Int32Array(n));
    this.kinds = grow(this.kinds, new Uint8Array(n));
    this.values = grow(this.values, new Float64Array(n));
  }
}

/** FNV-1a over the bytes, with the quoted flag mixed in. */
function hashOf(bytes: Uint8Array, start: number, end: number, quoted: number): number {
  let h = 0x811c9dc5 ^ quoted;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return h & 0x7fffffff;
}
