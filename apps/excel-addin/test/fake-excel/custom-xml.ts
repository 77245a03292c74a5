/**
 * `context.workbook.customXmlParts` (ExcelApi 1.5): the parts a workbook stores, as the add-in
 * reads them — `getByNamespace(ns)` (a collection whose items are known after the sync that
 * loads them), each part's `id` and `getXml()` (a ClientResult whose `value` is readable only
 * after the sync that ran it); and as it writes them — `add(xml)` (a new part, its id known after
 * the sync that loads it; its namespace the root element's, as Excel takes it), a part's
 * `delete()` and `setXml(xml)`.
 */
import type { FakeContext } from './context.js';
import { notLoaded } from './errors.js';
import { FakeProxy } from './proxy.js';

/** A custom XML part as the workbook holds it. */
export interface FakeXmlPart {
  readonly id: string;
  readonly namespace: string;
  xml: string;
}

/** The namespace of a part's root element (`xmlns="…"`), as Excel takes it for a new part. */
function rootNamespace(xml: string): string {
  const root = /<(?![?!])[^>]*>/.exec(xml)?.[0] ?? '';
  return /\sxmlns="([^"]*)"/.exec(root)?.[1] ?? '';
}

let added = 0;

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

  add(xml: string): FakeXmlPartProxy {
    return new FakeXmlPartProxy(this.ctx, `customXmlParts.add(${xml.length})`).bindWhenRun(
      xml.length,
      () => {
        const part: FakeXmlPart = { id: `{ADDED-${++added}}`, namespace: rootNamespace(xml), xml };
        this.fake.customXmlParts.push(part);
        return part;
      },
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

  delete(): void {
    this.queue('delete()', '', (part: FakeXmlPart) => {
      const parts = this.fake.customXmlParts;
      const at = parts.indexOf(part);
      if (at >= 0) parts.splice(at, 1);
    });
  }

  setXml(xml: string): void {
    this.queue('setXml()', xml, (part: FakeXmlPart) => {
      part.xml = xml;
    });
  }

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
