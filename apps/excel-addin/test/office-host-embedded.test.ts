/**
 * OfficeHost.readEmbeddedSets against the fake Excel: the target set a template stores is read
 * from the workbook's custom XML parts of its namespace (`getByNamespace`, `getXml`) in two syncs
 * whatever the number of parts, parsed as the xlsx reader parses it; parts of other namespaces
 * are never read; a workbook with none costs one sync and loads no parser.
 */
import { getBuiltinTargetSet, type TargetSet } from '@chitieu/engine';
import { embeddedTargetSetXml, targetSetFingerprint } from '@chitieu/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaneController } from '../src/app/controller.js';
import { EMBEDDED_SET_NAMESPACE } from '../src/host/office/embedded.js';
import { OfficeHost } from '../src/host/office/index.js';
import { FakeExcel } from './fake-excel/index.js';

let fake: FakeExcel;
let uninstall: (() => void) | undefined;

beforeEach(() => {
  fake = new FakeExcel({ apiVersion: '1.13' });
  uninstall = fake.install();
  fake.addGridSheet('Mẫu phụ lục 2025', { rows: [[{ value: 'PHỤ LỤC' }]] });
});

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

const set = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;

describe('OfficeHost.readEmbeddedSets', () => {
  it('reads the stored set of its namespace, with its sheets and fingerprint, in 2 syncs', async () => {
    fake.customXmlParts.push(
      { id: '{A}', namespace: 'http://schemas.microsoft.com/other', xml: '<other/>' },
      {
        id: '{B}',
        namespace: EMBEDDED_SET_NAMESPACE,
        xml: embeddedTargetSetXml(set, ['Mẫu phụ lục 2025']),
      },
    );
    const host = new OfficeHost();
    const before = fake.syncs;
    const stored = await host.readEmbeddedSets();
    expect(fake.syncs - before).toBe(2);
    expect(stored.problems).toEqual([]);
    expect(
      stored.sets.map((s) => [s.part, s.targetSet.id, s.sheets, s.fingerprintMatches]),
    ).toEqual([['{B}', 'binh-phuoc-2025', ['Mẫu phụ lục 2025'], true]]);
    expect(stored.sets[0]?.fingerprint).toBe(targetSetFingerprint(set));
    // only the part of the namespace is read
    expect(fake.calls.filter((c) => c.endsWith('.getXml()'))).toHaveLength(1);
  });

  it('a damaged part of the namespace is a problem named by its id; none at all costs one sync', async () => {
    const host = new OfficeHost();
    let before = fake.syncs;
    expect(await host.readEmbeddedSets()).toEqual({ sets: [], problems: [] });
    expect(fake.syncs - before).toBe(1);

    fake.customXmlParts.push({
      id: '{C}',
      namespace: EMBEDDED_SET_NAMESPACE,
      xml: embeddedTargetSetXml(set).replace('"indicators":[', '"indicators":[}'),
    });
    before = fake.syncs;
    const stored = await host.readEmbeddedSets();
    expect(fake.syncs - before).toBe(2);
    expect(stored.sets).toEqual([]);
    expect(stored.problems).toMatchObject([{ part: '{C}', reason: 'invalid-set' }]);
  });

  it('the pane reads them when it starts', async () => {
    fake.customXmlParts.push({
      id: '{B}',
      namespace: EMBEDDED_SET_NAMESPACE,
      xml: embeddedTargetSetXml(set, ['Mẫu phụ lục 2025']),
    });
    const controller = new PaneController(new OfficeHost(), { debounceMs: 5, saveDelayMs: 5 });
    await controller.start();
    expect(controller.getState().stored.sets.map((s) => s.targetSet.id)).toEqual([
      'binh-phuoc-2025',
    ]);
  });
});
