/**
 * The distinct words of the texts read so far, found by their characters in place
 * ================================================================================
 *
 * tokenize (text.ts) asks, for every word token, which distinct word it is. Answering that with
 * a Map keyed by the word meant cutting a substring out of the text and hashing it for every
 * token, and a direct-mapped cache in front of the Map (session 8) missed once the corpus had
 * more distinct words than slots (at 100k papers: 114k words as written, 127k entries once a
 * word at a sentence start is counted apart).
 *
 * This table is exact and reads the word where it stands: open addressing over a hash of the
 * characters, each entry's characters kept in one Uint16Array and compared in place. A known
 * word costs no allocation and a few reads of memory that stays in the CPU's cache; a new word
 * is added once. Entries are numbered 0, 1, 2 … in the order words are first seen, and the
 * caller keeps what it knows of each word in columns by that number.
 *
 * The key is the characters plus one bit (text.ts keeps a word at a sentence start apart, as its
 * tag is worked out differently there).
 */

/** Int32s per slot: entry number + 1 (0: empty), full hash, key, where the characters start. */
const STRIDE = 4;

export class WordTable {
  /**
   * The slots, STRIDE numbers each side by side: a probe reads one cache line for all a slot holds
   * (three arrays cost three misses per token when the words did not fit in the cache).
   */
  private slots = new Int32Array(STRIDE << 16);
  private mask = (1 << 16) - 1;
  /** Every entry's characters, back to back. */
  private chars = new Uint16Array(1 << 20);
  private charsUsed = 0;
  /** Entries so far. */
  size = 0;
  /** Where `find` stopped: the slot `add` fills when it found nothing. */
  private freeSlot = 0;
  private lastHash = 0;

  /** The entry of text[start, end) with `bit`, or -1 when the table does not have it (then `add` adds it). */
  find(text: string, start: number, end: number, bit: boolean): number {
    let h = bit ? 0x2545f491 : 0x811c9dc5;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    h ^= h >>> 15;
    const key = ((end - start) << 1) | (bit ? 1 : 0);
    const mask = this.mask;
    const slots = this.slots;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const entry = slots[at] - 1;
      if (entry < 0) {
        this.freeSlot = slot;
        this.lastHash = h;
        return -1;
      }
      if (slots[at + 1] === h && slots[at + 2] === key && this.sameChars(slots[at + 3], text, start, end)) return entry;
    }
  }

  private sameChars(offset: number, text: string, start: number, end: number): boolean {
    const chars = this.chars;
    for (let k = start, at = offset; k < end; k++, at++) if (chars[at] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Adds text[start, end) with `bit`, which the `find` just before returned -1 for; returns its entry number. */
  add(text: string, start: number, end: number, bit: boolean): number {
    const entry = this.size++;
    const length = end - start;
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < length; k++) this.chars[this.charsUsed + k] = text.charCodeAt(start + k);
    const at = this.freeSlot * STRIDE;
    this.slots[at] = entry + 1;
    this.slots[at + 1] = this.lastHash;
    this.slots[at + 2] = (length << 1) | (bit ? 1 : 0);
    this.slots[at + 3] = this.charsUsed;
    this.charsUsed += length;
    // At most half full, so that probe runs stay short.
    if (this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return entry;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size * STRIDE);
    const mask = size - 1;
    for (let old = 0; old < this.slots.length; old += STRIDE) {
      if (this.slots[old] === 0) continue;
      let slot = this.slots[old + 1] & mask;
      while (slots[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      slots.set(this.slots.subarray(old, old + STRIDE), slot * STRIDE);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
