/**
 * `context.workbook.customXmlParts` (ExcelApi 1.5): the parts a workbook stores, as the add-in
 * reads them — `getByNamespace(ns)` (a collection whose items are known after the sync that
 * loads them), each part's `id` and `getXml()` (a ClientResult whose `value` is readable only
 * after the sync that ran it).
 */
import type { FakeContext } from './context.js';
import { notLoaded } from './errors.js';
import { FakeProxy } from './proxy.js';

/** A custom XML part as the workbook holds it. */
export interface FakeXmlPart {
  readonly id: string;
  readonly namespace: string;
  readonly xml: string;
}

export class FakeCustomXmlParts extends FakeProxy {
  getByNamespace(namespace: string): FakeScopedXmlParts {
    return new FakeScopedXmlParts(
      this.ctx,
      `customXmlParts.getByNamespace(${namespace})`,
      namespace,
    ).bindWhenRun(namespace.length, () =>
      this.fake.customXmlParts.filter((p) => p.namespace === namespace),
    );
  }
}

export class FakeScopedXmlParts extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    readonly namespace: string,
  ) {
    super(ctx, path);
  }

  get items(): FakeXmlPartProxy[] {
    return this.loadedItemsOf<FakeXmlPartProxy>();
  }

  protected override makeItems(target: unknown): FakeProxy[] {
    return (target as FakeXmlPart[]).map((p, i) =>
      new FakeXmlPartProxy(this.ctx, `${this.path}.items[${i}]`).bind(p),
    );
  }
}

export class FakeXmlPartProxy extends FakeProxy {
  declare readonly id: string;

  getXml(): { readonly value: string } {
    let value: string | undefined;
    const path = `${this.path}.getXml()`;
    this.ctx.log(path);
    this.ctx.enqueue(path, 0, () => {
      value = this.need<FakeXmlPart>().xml;
      return value.length;
    });
    return {
      get value(): string {
        if (value === undefined) throw notLoaded(path, 'value');
        return value;
      },
    };
  }
}

FakeProxy.loadable<FakeXmlPart>(FakeXmlPartProxy, { id: (p) => p.id });
