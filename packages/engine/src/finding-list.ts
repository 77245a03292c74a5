/**
 * A sheet's findings as a list to read: an array, or a store that keeps them compactly.
 *
 * A unit table of a province's communes, or a consolidated sheet of thousands of rows, gives a
 * million findings and more; as objects they cost some 180 bytes each (an object of a dozen
 * fields, boxed decimal numbers, the A1 string, an array slot). `FindingStore` keeps each as one
 * record of typed slots instead (about 37 bytes) and makes it again, as the same object with the
 * same fields in the same order, when it is read. A sheet's findings go to a store from
 * `COMPACT_FROM` of them (`FindingKeeper`). A check that keeps its findings in a store still has
 * `findings`: the whole array is made the first time someone reads it, and kept. A caller that
 * reads them once, in order (the command line's reports), reads `findingsOf(check)` and never
 * holds them all.
 */
import type { SheetFinding } from './annex/check.js';
import { cellAtIndex, cellIndex } from './grid.js';

/** What reading a check's findings needs: arrays have it, and so does `FindingStore`. */
export interface FindingList<F = SheetFinding> extends Iterable<F> {
  readonly length: number;
  at(index: number): F | undefined;
  filter(predicate: (finding: F, index: number) => unknown): F[];
  find(predicate: (finding: F, index: number) => unknown): F | undefined;
  some(predicate: (finding: F, index: number) => unknown): boolean;
  map<T>(fn: (finding: F, index: number) => T): T[];
}

/** How a field's value is kept: its kind, in the field's shape. */
const NUMBER = 0; // a Float64 slot
const INTEGER = 1; // a Uint32 slot: an integer 0 … 2³² − 1 (not −0)
const REFERENCE = 2; // a Uint32 slot: the index of the value in the store's table of values
const CELL = 3; // a Uint32 slot: a canonical A1 address as its `cellIndex` (rows up to 262,144)
const SMALL_INTEGER = 4; // a Uint16 slot: an integer 0 … 65,535 (a quarter, a target row, 84)
const SMALL_REFERENCE = 5; // a Uint16 slot: a value among the table's first 65,536
const CONSTANT = 6; // no slot: the shape's own value (`code`, `sheet`, and undefined)

/** Fields kept as the shape's constant: the same for most findings of a sheet. */
const CONSTANT_FIELDS: ReadonlySet<string> = new Set(['code', 'sheet']);

/**
 * One arrangement of fields: their names in order, how each is kept, the constants, and the
 * record a finding of it takes: its Float64 slots first, then its Uint32 slots, then its Uint16
 * ones, in words of 4 bytes (an even number of them, so that each record starts on 8 bytes).
 */
interface Shape {
  readonly keys: readonly string[];
  readonly kinds: Uint8Array;
  /** The value of each CONSTANT field, by field index. */
  readonly constants: readonly unknown[];
  /** Slots of 8, 4 and 2 bytes, and the record's size in words. */
  readonly wide: number;
  readonly words: number;
  readonly narrow: number;
  readonly size: number;
}

/** A store holds at most this many shapes; a finding of another one is kept as it is. */
const MAX_SHAPES = 2048;
/** A shape's fields at most (a finding with more is kept as it is). */
const MAX_FIELDS = 64;
/**
 * The shapes tried for a finding of a code, most recent first, before a new one is made and
 * looked up by its key. A sheet's findings of one code take one to three shapes; findings of
 * different codes alternate from one cell to the next.
 */
const RECENT = 8;
/**
 * Columns are kept in chunks of this many entries (2¹⁶; records in chunks of as many words): a
 * store grows by a chunk, never by copying all it holds, and holds no more than a chunk it does
 * not use.
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

/** One chunk of records: the same bytes seen as 8-, 4- and 2-byte slots. */
interface Records {
  readonly f64: Float64Array<ArrayBuffer>;
  readonly u32: Uint32Array<ArrayBuffer>;
  readonly u16: Uint16Array<ArrayBuffer>;
}

function records(u32: Uint32Array<ArrayBuffer>): Records {
  return { f64: new Float64Array(u32.buffer), u32, u16: new Uint16Array(u32.buffer) };
}

/**
 * Findings kept in typed columns, in the order added; `at`, iteration and the array methods make
 * each finding again as it was added (its own object each time it is read). Findings whose fields
 * do not fit (too many shapes or fields) are kept as they are. Add with `add`; a store that is
 * read may still be added to.
 */
export class FindingStore implements FindingList<SheetFinding> {
  private count = 0;
  /** Per finding: its shape (MAX_SHAPES: kept whole), and where its record starts (a word). */
  private shapeOf: Uint16Array<ArrayBuffer>[] = [];
  private recordAt: Uint32Array<ArrayBuffer>[] = [];
  private chunks: Records[] = [];
  /** The next free word: chunk × CHUNK + word. */
  private end = 0;
  private readonly shapes: Shape[] = [];
  private readonly byKey = new Map<string, number>();
  /** Per finding code, the shapes its findings took, most recent first. */
  private readonly recent = new Map<unknown, number[]>();
  /** Values kept by reference, and where each is in `values`. */
  private readonly values: unknown[] = [];
  private readonly valueIndex = new Map<unknown, number>();
  /** Findings kept as they are, by position. */
  private readonly whole = new Map<number, SheetFinding>();
  /** A finding's references and cells as numbers, by field, while it is added. */
  private readonly scratch = new Float64Array(MAX_FIELDS);
  /** Findings before all those added, kept as they are (`lead`). */
  private head: readonly SheetFinding[] = [];

  get length(): number {
    return this.head.length + this.count;
  }

  /**
   * Findings that come before all those added, kept as objects: a sheet's own findings (its
   * target mismatches, rows that match no indicator), known once its units' are made.
   */
  lead(findings: readonly SheetFinding[]): void {
    this.head = findings;
  }

  /** Adds the findings, in order. */
  addAll(findings: readonly SheetFinding[]): void {
    for (let i = 0; i < findings.length; i++) this.add(findings[i] as SheetFinding);
  }

  add(finding: SheetFinding): void {
    const keys = Object.keys(finding);
    const shape = keys.length > MAX_FIELDS ? -1 : this.shapeFor(finding, keys);
    const at = this.count++;
    const chunk = at >>> CHUNK_BITS;
    const position = at & IN_CHUNK;
    if (position === 0) {
      this.shapeOf.push(new Uint16Array(CHUNK));
      this.recordAt.push(new Uint32Array(CHUNK));
    }
    if (shape < 0) {
      (this.shapeOf[chunk] as Uint16Array)[position] = MAX_SHAPES;
      this.whole.set(at, finding);
      return;
    }
    const s = this.shapes[shape] as Shape;
    const start = this.reserve(s.size);
    (this.shapeOf[chunk] as Uint16Array)[position] = shape;
    (this.recordAt[chunk] as Uint32Array)[position] = start;
    const { f64, u32, u16 } = this.chunks[start >>> CHUNK_BITS] as Records;
    const word = start & IN_CHUNK;
    let wide = word >>> 1;
    let words = word + 2 * s.wide;
    let narrow = 2 * (words + s.words);
    const record = finding as unknown as Record<string, unknown>;
    const scratch = this.scratch;
    for (let k = 0; k < s.keys.length; k++) {
      switch (s.kinds[k]) {
        case CONSTANT:
          break;
        case NUMBER:
          f64[wide++] = record[s.keys[k] as string] as number;
          break;
        case INTEGER:
          u32[words++] = record[s.keys[k] as string] as number;
          break;
        case SMALL_INTEGER:
          u16[narrow++] = record[s.keys[k] as string] as number;
          break;
        case SMALL_REFERENCE:
          u16[narrow++] = scratch[k] as number;
          break;
        default:
          // REFERENCE and CELL: their numbers were worked out with the shape
          u32[words++] = scratch[k] as number;
      }
    }
  }

  at(index: number): SheetFinding | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    return this.make(i);
  }

  *[Symbol.iterator](): IterableIterator<SheetFinding> {
    const n = this.length;
    for (let i = 0; i < n; i++) yield this.make(i);
  }

  filter(predicate: (finding: SheetFinding, index: number) => unknown): SheetFinding[] {
    const out: SheetFinding[] = [];
    const n = this.length;
    for (let i = 0; i < n; i++) {
      const f = this.make(i);
      if (predicate(f, i)) out.push(f);
    }
    return out;
  }

  find(predicate: (finding: SheetFinding, index: number) => unknown): SheetFinding | undefined {
    const n = this.length;
    for (let i = 0; i < n; i++) {
      const f = this.make(i);
      if (predicate(f, i)) return f;
    }
    return undefined;
  }

  some(predicate: (finding: SheetFinding, index: number) => unknown): boolean {
    return this.find(predicate) !== undefined;
  }

  map<T>(fn: (finding: SheetFinding, index: number) => T): T[] {
    const n = this.length;
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = fn(this.make(i), i);
    return out;
  }

  /** Every finding, made again, in an array of its own. */
  toArray(): SheetFinding[] {
    return this.map((f) => f);
  }

  /**
   * The store as plain data (typed arrays, arrays and the values its findings share), to cross
   * to another thread (`postMessage`) and be a store again there (`FindingStore.fromData`).
   */
  toData(): FindingStoreData {
    return {
      head: this.head,
      count: this.count,
      shapeOf: this.shapeOf,
      recordAt: this.recordAt,
      records: this.chunks.map((c) => c.u32),
      end: this.end,
      shapes: this.shapes,
      values: this.values,
      whole: [...this.whole],
    };
  }

  /** A store again from `toData`'s data: the same findings, and more may be added. */
  static fromData(data: FindingStoreData): FindingStore {
    const store = new FindingStore();
    store.head = data.head;
    store.count = data.count;
    store.shapeOf = [...data.shapeOf];
    store.recordAt = [...data.recordAt];
    store.chunks = data.records.map(records);
    store.end = data.end;
    for (const shape of data.shapes) {
      store.byKey.set(shapeKey(shape), store.shapes.length);
      store.shapes.push(shape);
    }
    data.values.forEach((value, index) => {
      store.values.push(value);
      store.valueIndex.set(value, index);
    });
    for (const [at, finding] of data.whole) store.whole.set(at, finding);
    return store;
  }

  /** Room for a record of `size` words (in one chunk); returns its first word. */
  private reserve(size: number): number {
    let at = this.end;
    if ((at & IN_CHUNK) + size > CHUNK) at = ((at >>> CHUNK_BITS) + 1) * CHUNK;
    while (at >>> CHUNK_BITS >= this.chunks.length)
      this.chunks.push(records(new Uint32Array(CHUNK)));
    this.end = at + size;
    return at;
  }

  /** The finding at `index` (0 … length − 1), made again. */
  private make(index: number): SheetFinding {
    if (index < this.head.length) return this.head[index] as SheetFinding;
    const i = index - this.head.length;
    const chunk = i >>> CHUNK_BITS;
    const position = i & IN_CHUNK;
    const shape = (this.shapeOf[chunk] as Uint16Array)[position] as number;
    if (shape === MAX_SHAPES) return this.whole.get(i) as SheetFinding;
    const s = this.shapes[shape] as Shape;
    const start = (this.recordAt[chunk] as Uint32Array)[position] as number;
    const { f64, u32, u16 } = this.chunks[start >>> CHUNK_BITS] as Records;
    const word = start & IN_CHUNK;
    let wide = word >>> 1;
    let words = word + 2 * s.wide;
    let narrow = 2 * (words + s.words);
    const out: Record<string, unknown> = {};
    for (let k = 0; k < s.keys.length; k++) {
      const key = s.keys[k] as string;
      switch (s.kinds[k]) {
        case CONSTANT:
          out[key] = s.constants[k];
          break;
        case NUMBER:
          out[key] = f64[wide++];
          break;
        case INTEGER:
          out[key] = u32[words++];
          break;
        case REFERENCE:
          out[key] = this.values[u32[words++] as number];
          break;
        case CELL:
          out[key] = cellAtIndex(u32[words++] as number);
          break;
        case SMALL_INTEGER:
          out[key] = u16[narrow++];
          break;
        default:
          out[key] = this.values[u16[narrow++] as number];
      }
    }
    return out as unknown as SheetFinding;
  }

  /**
   * How a field's value is kept. A reference's index and a cell's number are put in `scratch`
   * (the value is put in the table when new).
   */
  private kindOf(key: string, value: unknown, k: number): number {
    if (value === undefined || CONSTANT_FIELDS.has(key)) return CONSTANT;
    if (typeof value === 'number')
      return isUint32(value) ? (value <= 0xffff ? SMALL_INTEGER : INTEGER) : NUMBER;
    if (key === 'cell') {
      const index = cellSlot(value);
      if (index >= 0) {
        this.scratch[k] = index;
        return CELL;
      }
    }
    const index = this.indexOf(value);
    this.scratch[k] = index;
    return index <= 0xffff ? SMALL_REFERENCE : REFERENCE;
  }

  /** The shape of a finding with these keys (its index), made when new; −1 when there is no room. */
  private shapeFor(finding: SheetFinding, keys: readonly string[]): number {
    const record = finding as unknown as Record<string, unknown>;
    let recent = this.recent.get(record.code);
    if (recent === undefined) {
      recent = [];
      this.recent.set(record.code, recent);
    }
    for (let r = 0; r < recent.length; r++) {
      const index = recent[r] as number;
      if (this.fits(this.shapes[index] as Shape, record, keys)) {
        if (r > 0) {
          recent.splice(r, 1);
          recent.unshift(index);
        }
        return index;
      }
    }
    const kinds = new Uint8Array(keys.length);
    const constants: unknown[] = new Array(keys.length);
    let wide = 0;
    let words = 0;
    let narrow = 0;
    for (let k = 0; k < keys.length; k++) {
      const name = keys[k] as string;
      const value = record[name];
      const kind = this.kindOf(name, value, k);
      kinds[k] = kind;
      if (kind === CONSTANT) {
        // a constant that is not a string or undefined could not be told apart by the shape's key
        if (value !== undefined && typeof value !== 'string') return -1;
        constants[k] = value;
      } else if (kind === NUMBER) wide++;
      else if (kind === SMALL_INTEGER || kind === SMALL_REFERENCE) narrow++;
      else words++;
    }
    const used = 2 * wide + words + Math.ceil(narrow / 2);
    const shape: Shape = {
      keys: [...keys],
      kinds,
      constants,
      wide,
      words,
      narrow,
      size: used + (used & 1),
    };
    const key = shapeKey(shape);
    let index = this.byKey.get(key);
    if (index === undefined) {
      if (this.shapes.length >= MAX_SHAPES) return -1;
      index = this.shapes.length;
      this.shapes.push(shape);
      this.byKey.set(key, index);
    }
    recent.unshift(index);
    if (recent.length > RECENT) recent.length = RECENT;
    return index;
  }

  /**
   * Whether the finding has exactly the shape's fields, each of a value its slot keeps exactly:
   * the shape's constant, any number in a Float64 slot, an integer small enough for its Uint32 or
   * Uint16 slot, any value by reference, a canonical address as a cell. A finding whose values
   * are narrower than the shape's slots is kept in it: a sheet's findings of one arrangement of
   * fields then take a few shapes, not one for every mix of integers and fractions. A reference's
   * index and a cell's number are put in `scratch`.
   */
  private fits(s: Shape, record: Record<string, unknown>, keys: readonly string[]): boolean {
    if (s.keys.length !== keys.length) return false;
    for (let k = 0; k < keys.length; k++) if (s.keys[k] !== keys[k]) return false;
    const scratch = this.scratch;
    for (let k = 0; k < keys.length; k++) {
      const value = record[keys[k] as string];
      switch (s.kinds[k]) {
        case CONSTANT:
          if (value !== s.constants[k]) return false;
          break;
        case NUMBER:
          if (typeof value !== 'number') return false;
          break;
        case INTEGER:
          if (!isUint32(value)) return false;
          break;
        case SMALL_INTEGER:
          if (!isUint32(value) || value > 0xffff) return false;
          break;
        case CELL: {
          const index = cellSlot(value);
          if (index < 0) return false;
          scratch[k] = index;
          break;
        }
        case REFERENCE:
          if (value === undefined) return false;
          scratch[k] = this.indexOf(value);
          break;
        default: {
          // SMALL_REFERENCE
          if (value === undefined) return false;
          const index = this.indexOf(value);
          if (index > 0xffff) return false;
          scratch[k] = index;
        }
      }
    }
    return true;
  }

  private indexOf(value: unknown): number {
    let index = this.valueIndex.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.valueIndex.set(value, index);
    }
    return index;
  }
}

/** Whether a value is kept exactly in a Uint32 slot: an integer 0 … 2³² − 1, not −0. */
function isUint32(value: unknown): value is number {
  return typeof value === 'number' && value === value >>> 0 && (value !== 0 || 1 / value > 0);
}

/** The number a CELL slot keeps for a canonical A1 address (`cellIndex`); −1 for anything else. */
function cellSlot(value: unknown): number {
  const index = typeof value === 'string' ? cellIndex(value) : -1;
  return index <= 0xffff_ffff ? index : -1;
}

/** A shape as a string: its fields, their kinds, and the constants (a string, or undefined). */
function shapeKey(shape: Shape): string {
  let key = '';
  for (let k = 0; k < shape.keys.length; k++) {
    const kind = shape.kinds[k] as number;
    key += `${shape.keys[k]}\u0000${kind}`;
    if (kind === CONSTANT) {
      const value = shape.constants[k];
      key += value === undefined ? '\u0000u' : `\u0000s${value as string}`;
    }
    key += '\u0001';
  }
  return key;
}

/** `FindingStore.toData`: what crosses to another thread. */
export interface FindingStoreData {
  readonly head: readonly SheetFinding[];
  readonly count: number;
  readonly shapeOf: readonly Uint16Array<ArrayBuffer>[];
  readonly recordAt: readonly Uint32Array<ArrayBuffer>[];
  readonly records: readonly Uint32Array<ArrayBuffer>[];
  readonly end: number;
  readonly shapes: readonly Shape[];
  readonly values: readonly unknown[];
  readonly whole: readonly (readonly [number, SheetFinding])[];
}

/** The store behind a check's findings, when it has one (`withFindingStore`). */
const STORE = Symbol('chitieu.findingStore');

/**
 * The check with its findings in `store`: `findings` is made from the store the first time it is
 * read (and kept); `findingsOf` reads the store without making them all. A copy of the check
 * made by spreading it (`{ ...check }`) reads `findings` and so has them all, as an array.
 */
export function withFindingStore<T extends { readonly findings: readonly SheetFinding[] }>(
  check: Omit<T, 'findings'>,
  store: FindingStore,
): T {
  Object.defineProperty(check, STORE, { value: store, configurable: true });
  Object.defineProperty(check, 'findings', {
    enumerable: true,
    configurable: true,
    get(this: Record<PropertyKey, unknown>) {
      const findings = store.toArray();
      // from now on the array is the findings: `findingsOf` gives it, the same objects
      Object.defineProperty(this, 'findings', { value: findings, enumerable: true });
      delete this[STORE];
      return findings;
    },
  });
  return check as T;
}

/**
 * A check's findings to read: its store when it keeps them in one and they have not been made
 * into an array yet, its `findings` otherwise.
 */
export function findingsOf(check: { readonly findings: readonly SheetFinding[] }): FindingList {
  const store = (check as { readonly [STORE]?: FindingStore })[STORE];
  return store ?? check.findings;
}

/**
 * The check with some of its fields changed, its findings still in their store when it keeps them
 * in one (spreading it would make them all).
 */
export function withChanges<T extends { readonly findings: readonly SheetFinding[] }>(
  check: T,
  changes: Partial<Omit<T, 'findings'>>,
): T {
  const store = (check as { readonly [STORE]?: FindingStore })[STORE];
  if (store === undefined) return { ...check, ...changes };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(check))
    if (key !== 'findings') copy[key] = (check as Record<string, unknown>)[key];
  Object.assign(copy, changes);
  return withFindingStore<T>(copy as Omit<T, 'findings'>, store);
}

/**
 * From this many findings a sheet's are kept in a `FindingStore`; fewer stay an array. Below it
 * the objects cost little memory (a few MB), and reading them from a store, once per report,
 * would cost more time than they save.
 */
export const COMPACT_FROM = 16_384;

/**
 * A sheet's findings as they are made, in order: an array until they are `compactFrom`, then a
 * `FindingStore` (what was kept moved into it). `check` puts them in the check.
 */
export class FindingKeeper {
  private list: SheetFinding[] = [];
  private store: FindingStore | undefined;
  private head: readonly SheetFinding[] = [];
  constructor(private readonly compactFrom = COMPACT_FROM) {}

  add(finding: SheetFinding): void {
    if (this.store !== undefined) {
      this.store.add(finding);
      return;
    }
    this.list.push(finding);
    if (this.list.length >= this.compactFrom) {
      this.store = new FindingStore();
      this.store.addAll(this.list);
      this.list = [];
    }
  }

  addAll(findings: readonly SheetFinding[]): void {
    for (let i = 0; i < findings.length; i++) this.add(findings[i] as SheetFinding);
  }

  /** Findings that come before all those added (`FindingStore.lead`). */
  lead(findings: readonly SheetFinding[]): void {
    this.head = findings;
  }

  /** The check with its findings: from the store when they are many, else as an array. */
  check<T extends { readonly findings: readonly SheetFinding[] }>(fields: Omit<T, 'findings'>): T {
    if (this.store !== undefined) {
      this.store.lead(this.head);
      return withFindingStore<T>(fields, this.store);
    }
    const findings = this.head.length > 0 ? [...this.head, ...this.list] : this.list;
    return { ...fields, findings } as unknown as T;
  }
}
