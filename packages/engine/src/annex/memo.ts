/**
 * Bounded memos kept across sheets: a batch of department workbooks shares a few templates, so
 * what is read from one template's headers, indicator rows and official targets is read again,
 * identically, in the next workbook. Each memo is keyed by content (the exact texts and cell
 * contents the answer depends on), never by a sheet or a position, so a sheet whose content
 * differs gets its own answer; and each is bounded by entries and by the characters of its
 * keys, so memory stays flat over any number of workbooks.
 */
/**
 * A map from content keys to answers with a bound: at most `maxEntries` entries, and keys of at
 * most `maxChars` characters in all. When full, the oldest entries go first (a lookup does not
 * reorder them: it stays one hash lookup).
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxChars: number = maxEntries * 256,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The characters of the keys held. */
  get keyChars(): number {
    return this.chars;
  }

  /** The answer for `key`, or `undefined` (an answer may not be `undefined` itself). */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    const had = this.entries.get(key);
    if (had !== undefined) {
      this.entries.delete(key);
      this.chars -= key.length;
    }
    while (
      this.entries.size > 0 &&
      (this.entries.size >= this.maxEntries || this.chars + key.length > this.maxChars)
    ) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
    this.entries.set(key, value);
    this.chars += key.length;
  }

  /** The answer for `key`, computed by `make` when not held. */
  through(key: string, make: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const made = make();
    this.set(key, made);
    return made;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** A part of a key that keeps a text's length, so that parts can never run into each other. */
export function keyPart(text: string): string {
  return `${text.length}:${text}`;
}
