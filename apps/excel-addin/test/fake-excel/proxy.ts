/**
 * The proxy objects of Office.js: what one stands for is decided when the batch runs, not when it
 * is created; its properties are readable only after the sync that loaded them. Every fake
 * object of the Excel object model (range, worksheet, conditional format…) is one of these.
 */
import type { FakeContext } from './context.js';
import { FakeOfficeError, notLoaded } from './errors.js';
import type { FakeExcel } from './excel.js';

/** Bytes of a value as JSON in UTF-8: what it adds to a request or a response. */
export function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** A short label of a written value, for `calls`. */
export function short(value: unknown): string {
  return (JSON.stringify(value) ?? '').slice(0, 80);
}

/**
 * The scalar properties `load()` can read on a kind of proxy, by name: each computed from the
 * proxy's target (and the fake) when the sync runs the load.
 */
export type Loadable<T> = Readonly<Record<string, (target: T, fake: FakeExcel) => unknown>>;

const UNBOUND = Symbol('unbound');
const LOADABLE = Symbol('loadable');

/** A proxy object: what it stands for is decided when the batch runs, not when it is created. */
export abstract class FakeProxy {
  private boundTo: unknown = UNBOUND;
  private pendingNull: boolean | undefined;
  private committedNull: boolean | undefined;
  private readonly loaded = new Map<string, unknown>();
  private readonly pending = new Map<string, unknown>();
  private loadedItems: FakeProxy[] | undefined;
  private pendingItems: FakeProxy[] | undefined;
  private readonly children = new Map<string, FakeProxy>();

  constructor(
    protected readonly ctx: FakeContext,
    readonly path: string,
    private readonly derive?: () => unknown,
  ) {}

  /**
   * Declares what `load()` can read on the proxies of `kind`, and gives each such property a
   * getter that returns what the last load gave (throwing before), unless the class defines its
   * own accessor for it (a property it also writes). Classes `declare` the properties' types.
   */
  static loadable<T>(kind: { readonly prototype: FakeProxy }, table: Loadable<T>): void {
    Object.defineProperty(kind.prototype, LOADABLE, { value: table });
    for (const name of Object.keys(table)) {
      if (Object.getOwnPropertyDescriptor(kind.prototype, name)) continue;
      Object.defineProperty(kind.prototype, name, {
        configurable: true,
        get(this: FakeProxy) {
          return this.prop(name);
        },
      });
    }
  }

  protected get fake(): FakeExcel {
    return this.ctx.fake;
  }

  /** Binds this proxy when the queued call that creates it runs. */
  bindWhenRun(request: number, compute: () => unknown): this {
    this.ctx.log(this.path);
    this.ctx.enqueue(this.path, request, () => {
      this.bind(compute());
      return 0;
    });
    return this;
  }

  bind(value: unknown): this {
    this.boundTo = value;
    this.pendingNull = value === null;
    this.ctx.touched.add(this);
    return this;
  }

  protected target(): unknown {
    if (this.boundTo === UNBOUND) {
      if (!this.derive) throw new Error(`fake: ${this.path} used before the call creating it ran`);
      this.bind(this.derive());
    }
    return this.boundTo;
  }

  protected need<T>(): T {
    const t = this.target();
    if (t === null) throw new FakeOfficeError('InvalidOperation', `${this.path} is a null object.`);
    return t as T;
  }

  get isNullObject(): boolean {
    if (this.committedNull === undefined) throw notLoaded(this.path, 'isNullObject');
    return this.committedNull;
  }

  commit(): void {
    if (this.pendingNull !== undefined) this.committedNull = this.pendingNull;
    for (const [k, v] of this.pending) this.loaded.set(k, v);
    this.pending.clear();
    if (this.pendingItems) this.loadedItems = this.pendingItems;
    this.pendingItems = undefined;
  }

  discard(): void {
    this.pending.clear();
    this.pendingItems = undefined;
    this.pendingNull = undefined;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) throw notLoaded(this.path, name);
    return this.loaded.get(name) as T;
  }

  protected loadedItemsOf<P extends FakeProxy>(): P[] {
    if (!this.loadedItems) throw notLoaded(this.path, 'items');
    return this.loadedItems as P[];
  }

  protected child<P extends FakeProxy>(name: string, make: (path: string) => P): P {
    let c = this.children.get(name);
    if (!c) {
      c = make(`${this.path}.${name}`);
      this.children.set(name, c);
    }
    return c as P;
  }

  /** A child proxy of `kind` (made once), standing for `derive()`: by default this one's target. */
  protected sub<P extends FakeProxy>(
    name: string,
    kind: new (ctx: FakeContext, path: string, derive: () => unknown) => P,
    derive: () => unknown = () => this.need(),
  ): P {
    return this.child(name, (path) => new kind(this.ctx, path, derive));
  }

  /** Queues a method call or property write that runs on the target at sync. */
  protected queue(what: string, args: unknown, run: (target: never) => void): void {
    this.ctx.log(`${this.path}.${what}`);
    this.ctx.enqueue(`${this.path}.${what}`, bytes(args), () => {
      run(this.need<never>());
      return 0;
    });
  }

  load(spec?: string | string[] | Record<string, unknown>): this {
    const text = Array.isArray(spec) ? spec.join(',') : typeof spec === 'string' ? spec : '';
    if (typeof spec === 'object' && !Array.isArray(spec)) {
      throw new Error('fake: load() takes property names here');
    }
    this.ctx.log(`${this.path}.load(${text})`);
    const paths = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => s.split('/'));
    this.ctx.enqueue(`${this.path}.load(${text})`, text.length, () => this.loadNow(paths));
    return this;
  }

  /** Runs a load at sync: snapshots scalars now, in batch order; returns the response bytes. */
  loadNow(paths: readonly string[][]): number {
    const t = this.target();
    this.ctx.touched.add(this);
    if (t === null) return 0;
    const groups = new Map<string, string[][]>();
    for (const [head, ...rest] of paths) {
      if (!head) continue;
      const list = groups.get(head) ?? [];
      list.push(rest);
      groups.set(head, list);
    }
    const table = (this as { [LOADABLE]?: Loadable<unknown> })[LOADABLE];
    let total = 0;
    for (const [head, rests] of groups) {
      const deeper = rests.filter((r) => r.length > 0);
      const read = table && Object.hasOwn(table, head) ? table[head] : undefined;
      if (head === 'items') {
        const items = this.makeItems(t);
        this.pendingItems = items;
        for (const item of items) total += item.loadNow(deeper);
      } else if (deeper.length === 0 && read) {
        const v = read(t, this.fake);
        this.pending.set(head, v);
        total += bytes(v) + head.length;
      } else {
        total += this.navigate(head).loadNow(deeper);
      }
    }
    return total;
  }

  protected navigate(name: string): FakeProxy {
    throw new Error(`fake: ${this.path}.${name} is not modelled`);
  }

  protected makeItems(_target: unknown): FakeProxy[] {
    throw new Error(`fake: ${this.path} is not a collection`);
  }
}
