/**
 * A target set stored in the workbook (issue 13, item 4): its part's format, its fingerprint
 * (SHA-256 of the canonical JSON), the reader's sets and problems, annotated copies keeping it,
 * and the policy both shells follow (`chooseStoredSet`).
 */
import { createHash } from 'node:crypto';
import {
  checkSheet,
  getBuiltinTargetSet,
  parseTargetSetJson,
  type TargetSet,
} from '@chitieu/engine';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../src/annotate/index.js';
import {
  chooseStoredSet,
  compareTargetSets,
  EMBEDDED_SET_NAMESPACE,
  embeddedTargetSetXml,
  parseEmbeddedTargetSetXml,
  readEmbeddedTargetSets,
} from '../src/embedded.js';
import {
  canonicalJson,
  canonicalTargetSetJson,
  sha256Portable,
  targetSetFingerprint,
} from '../src/embedded-fingerprint.js';
import { openWorkbook, readWorkbook } from '../src/workbook.js';
import { writeTemplateWorkbook } from '../src/write/template.js';
import { pseudoRandomBytes } from './helpers.js';

const builtin = (id: string): TargetSet => {
  const set = getBuiltinTargetSet(id);
  if (!set) throw new Error(id);
  return set;
};

/** A user's set: the 2025 set under another id, as an office's own file would be. */
function officeSet(
  edit?: (set: { indicators: { targets: { quarterly?: unknown[] }[] }[] }) => void,
) {
  const json = structuredClone(builtin('binh-phuoc-2025')) as unknown as Record<string, unknown>;
  json.id = 'dong-nai-2026-thu';
  delete json.$schema;
  edit?.(json as never);
  const parsed = parseTargetSetJson(JSON.stringify(json));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error));
  return parsed.data;
}

const reader = (bytes: Uint8Array) => {
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  return opened.data;
};

/** The workbook with one part's text changed. */
function withPart(bytes: Uint8Array, name: string, text: string | undefined): Uint8Array {
  const files = unzipSync(bytes);
  if (text === undefined) delete files[name];
  else files[name] = strToU8(text);
  return zipSync(files);
}

describe('SHA-256 and canonical JSON', () => {
  it('the portable SHA-256 gives Node’s digest, across block boundaries and multi-byte text', () => {
    const inputs = [
      new Uint8Array(0),
      strToU8('abc'),
      ...[55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_001].map((n) => pseudoRandomBytes(n, n)),
      strToU8('Chỉ tiêu năm 2025 — Quý IV 😀'.repeat(50)),
    ];
    for (const bytes of inputs)
      expect(sha256Portable(bytes), `${bytes.length} bytes`).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    // FIPS 180-4's example
    expect(sha256Portable(strToU8('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('sorts members, drops undefined ones and whitespace, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: 'x' }], e: null })).toBe(
      '{"a":[3,{"c":"x"}],"b":1,"e":null}',
    );
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('a set’s fingerprint does not depend on key order, spacing, $schema or defaults left out', () => {
    const set = builtin('binh-phuoc-2025');
    const raw = JSON.parse(JSON.stringify(set)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(raw).reverse());
    delete reordered.$schema;
    const parsed = parseTargetSetJson(JSON.stringify(reordered, null, 4));
    if (!parsed.success) throw new Error('not parsed');
    expect(targetSetFingerprint(parsed.data)).toBe(targetSetFingerprint(set));
    expect(canonicalTargetSetJson(set)).not.toContain('$schema');
    expect(targetSetFingerprint(set)).toMatch(/^[0-9a-f]{64}$/);
    // one minimum changed: another fingerprint
    const changed = officeSet((s) => {
      (s.indicators[1]?.targets[0]?.quarterly as number[])[1] = 74;
    });
    expect(targetSetFingerprint(changed)).not.toBe(targetSetFingerprint(officeSet()));
  });
});

describe('the stored set’s part', () => {
  it('reads back the same set, its sheets and a fingerprint that matches', () => {
    const set = officeSet();
    const xml = embeddedTargetSetXml(set, ['Mẫu phụ lục 2025', 'Sheet & "2"']);
    expect(xml).toContain(`xmlns="${EMBEDDED_SET_NAMESPACE}"`);
    expect(xml).toContain(`fingerprint="${targetSetFingerprint(set)}"`);
    const parsed = parseEmbeddedTargetSetXml(xml, 'customXml/item1.xml');
    if (parsed.kind !== 'set') throw new Error(parsed.kind);
    expect(parsed.set.targetSet).toEqual(set);
    expect(parsed.set.sheets).toEqual(['Mẫu phụ lục 2025', 'Sheet & "2"']);
    expect(parsed.set.fingerprint).toBe(targetSetFingerprint(set));
    expect(parsed.set.fingerprintMatches).toBe(true);
    // the JSON as stored is the canonical JSON: anyone can check the fingerprint with sha256sum
    const json = /<json>([\s\S]*)<\/json>/.exec(xml)?.[1] ?? '';
    expect(
      createHash('sha256')
        .update(json.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
        .digest('hex'),
    ).toBe(targetSetFingerprint(set));
  });

  it('holds text XML cannot hold and markup characters in names', () => {
    const set = officeSet();
    const odd = { ...set, title: `${set.title} <&> "x" \uFFFE` };
    const parsed = parseEmbeddedTargetSetXml(embeddedTargetSetXml(odd), 'customXml/item1.xml');
    if (parsed.kind !== 'set') throw new Error(parsed.kind);
    expect(parsed.set.targetSet.title).toBe(odd.title);
    expect(parsed.set.sheets).toEqual([]);
  });

  it('says when the JSON was edited after the part was written', () => {
    const set = officeSet();
    const xml = embeddedTargetSetXml(set).replace(
      '"quarterly":[70,75,80,85]',
      '"quarterly":[70,70,80,85]',
    );
    const parsed = parseEmbeddedTargetSetXml(xml, 'customXml/item1.xml');
    if (parsed.kind !== 'set') throw new Error(parsed.kind);
    expect(parsed.set.fingerprintMatches).toBe(false);
    expect(compareTargetSets(parsed.set.targetSet, set)).toEqual({
      indicators: ['thanh-toan-truc-tuyen'],
      added: [],
      removed: [],
      other: false,
    });
  });

  it('names the part and the problem of a part that holds no usable set', () => {
    const part = 'customXml/item3.xml';
    const ns = `xmlns="${EMBEDDED_SET_NAMESPACE}"`;
    expect(parseEmbeddedTargetSetXml(`<targetSet ${ns}><json>{"id":`, part)).toEqual({
      kind: 'problem',
      problem: { part, reason: 'not-xml', sheets: [] },
    });
    expect(
      parseEmbeddedTargetSetXml(`<targetSet ${ns}><sheet name="A"/></targetSet>`, part),
    ).toEqual({
      kind: 'problem',
      problem: { part, reason: 'no-set', sheets: ['A'] },
    });
    const bad = parseEmbeddedTargetSetXml(
      `<targetSet ${ns}><sheet name="A"/><json>{"id":"x","year":"2025"}</json></targetSet>`,
      part,
    );
    if (bad.kind !== 'problem') throw new Error(bad.kind);
    expect(bad.problem.reason).toBe('invalid-set');
    expect(bad.problem.sheets).toEqual(['A']);
    expect(bad.problem.issues?.map((i) => i.path)).toContain('year');
    const syntax = parseEmbeddedTargetSetXml(
      `<targetSet ${ns}><json>{"id":</json></targetSet>`,
      part,
    );
    expect(syntax).toMatchObject({
      kind: 'problem',
      problem: {
        part,
        reason: 'invalid-set',
        issues: [{ path: '', problem: { kind: 'json-truncated' } }],
      },
    });
    // a prefixed root of our namespace is ours too
    expect(
      parseEmbeddedTargetSetXml(`<c:targetSet xmlns:c="${EMBEDDED_SET_NAMESPACE}"/>`, part),
    ).toEqual({ kind: 'problem', problem: { part, reason: 'no-set', sheets: [] } });
  });

  it('leaves the parts of other tools alone, broken or not', () => {
    const part = 'customXml/item1.xml';
    expect(
      parseEmbeddedTargetSetXml(
        '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>',
        part,
      ),
    ).toEqual({ kind: 'other' });
    expect(parseEmbeddedTargetSetXml('<p:properties xmlns:p="urn:x"><unclosed>', part)).toEqual({
      kind: 'other',
    });
    expect(parseEmbeddedTargetSetXml('', part)).toEqual({ kind: 'other' });
  });
});

describe('stored sets in a workbook', () => {
  const set = builtin('binh-phuoc-2025');
  const template = writeTemplateWorkbook(set, { unitName: 'Sở Tư pháp' });

  it('the template stores the whole set for its sheet, referenced as Excel expects', () => {
    const files = unzipSync(template.bytes);
    expect(strFromU8(files['xl/_rels/workbook.xml.rels'] as Uint8Array)).toContain(
      'relationships/customXml" Target="../customXml/item1.xml"',
    );
    expect(strFromU8(files['customXml/_rels/item1.xml.rels'] as Uint8Array)).toContain(
      'relationships/customXmlProps" Target="itemProps1.xml"',
    );
    expect(strFromU8(files['customXml/itemProps1.xml'] as Uint8Array)).toContain(
      `<ds:schemaRef ds:uri="${EMBEDDED_SET_NAMESPACE}"/>`,
    );
    expect(strFromU8(files['[Content_Types].xml'] as Uint8Array)).toContain(
      '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>',
    );
    const stored = readEmbeddedTargetSets(reader(template.bytes));
    expect(stored.problems).toEqual([]);
    expect(stored.sets).toHaveLength(1);
    expect(stored.sets[0]).toMatchObject({
      part: 'customXml/item1.xml',
      sheets: ['Mẫu phụ lục 2025'],
      fingerprint: targetSetFingerprint(set),
      fingerprintMatches: true,
    });
    // the set as loaded, without the editor's $schema hint
    expect(stored.sets[0]?.targetSet).toEqual({ ...set, $schema: undefined });
    expect(template.fingerprint).toBe(targetSetFingerprint(set));
  });

  it('finds a part no relationship names, and one the package refers to (as LibreOffice writes)', () => {
    const unreferenced = withPart(
      template.bytes,
      'xl/_rels/workbook.xml.rels',
      strFromU8(unzipSync(template.bytes)['xl/_rels/workbook.xml.rels'] as Uint8Array).replace(
        /<Relationship [^>]*customXml"[^>]*\/>/,
        '',
      ),
    );
    expect(readEmbeddedTargetSets(reader(unreferenced)).sets.map((s) => s.part)).toEqual([
      'customXml/item1.xml',
    ]);
  });

  it('gives a problem naming the part for a damaged one, and the other sets still', () => {
    const files = unzipSync(template.bytes);
    files['customXml/item2.xml'] = strToU8(
      `<targetSet xmlns="${EMBEDDED_SET_NAMESPACE}"><json>{]</json></targetSet>`,
    );
    const stored = readEmbeddedTargetSets(reader(zipSync(files)));
    expect(stored.sets.map((s) => s.part)).toEqual(['customXml/item1.xml']);
    expect(stored.problems).toEqual([
      {
        part: 'customXml/item2.xml',
        reason: 'invalid-set',
        sheets: [],
        issues: [{ path: '', problem: { kind: 'json-syntax', near: ']' } }],
      },
    ]);
  });

  it('a workbook without any: nothing, and no problem', () => {
    const plain = withPart(template.bytes, 'customXml/item1.xml', undefined);
    expect(readEmbeddedTargetSets(reader(plain))).toEqual({ sets: [], problems: [] });
  });

  it('an annotated copy keeps the part as it was, byte for byte', () => {
    const read = readWorkbook(template.bytes);
    if (!read.success) throw new Error('not read');
    const checks = read.data.sheets.map((s) => ({
      sheet: s.name,
      result: checkSheet(s.grid, { quarter: 1 }),
    }));
    const copy = annotateWorkbook(template.bytes, checks);
    if (!copy.success) throw new Error(JSON.stringify(copy.error));
    const before = unzipSync(template.bytes);
    const after = unzipSync(copy.data.bytes);
    for (const name of [
      'customXml/item1.xml',
      'customXml/itemProps1.xml',
      'customXml/_rels/item1.xml.rels',
    ])
      expect(after[name], name).toEqual(before[name]);
    expect(readEmbeddedTargetSets(reader(copy.data.bytes)).sets[0]?.fingerprint).toBe(
      targetSetFingerprint(set),
    );
  });
});

describe('chooseStoredSet: what a sheet is checked against', () => {
  const sheet = 'Mẫu phụ lục 2025';
  const stored = (set: TargetSet, sheets = [sheet], fingerprintMatches = true) => ({
    sets: [
      {
        part: 'customXml/item1.xml',
        targetSet: set,
        fingerprint: targetSetFingerprint(set),
        fingerprintMatches,
        sheets,
      },
    ],
    problems: [],
  });
  const lowered = officeSet((s) => {
    (s.indicators[1]?.targets[0]?.quarterly as number[])[1] = 60;
  });

  it('a set given and the same stored: the set given, nothing said', () => {
    expect(chooseStoredSet(sheet, stored(officeSet()), { given: officeSet() })).toEqual({
      notices: [],
    });
  });

  it('a set given and another stored: the set given, and which indicators differ', () => {
    const given = officeSet();
    expect(chooseStoredSet(sheet, stored(lowered), { given })).toEqual({
      notices: [
        {
          code: 'embedded-set-differs',
          targetSetId: 'dong-nai-2026-thu',
          part: 'customXml/item1.xml',
          officialId: 'dong-nai-2026-thu',
          against: 'option',
          indicators: ['thanh-toan-truc-tuyen'],
          added: [],
          removed: [],
          other: false,
          fingerprint: targetSetFingerprint(lowered),
          officialFingerprint: targetSetFingerprint(given),
        },
      ],
    });
  });

  it('none given: a stored set of its own id is used, and said so (altered when its fingerprint disagrees)', () => {
    expect(chooseStoredSet(sheet, stored(lowered))).toEqual({
      targetSet: lowered,
      notices: [
        {
          code: 'embedded-set-used',
          targetSetId: 'dong-nai-2026-thu',
          part: 'customXml/item1.xml',
          fingerprint: targetSetFingerprint(lowered),
        },
      ],
    });
    expect(chooseStoredSet(sheet, stored(lowered, [sheet], false)).notices[0]).toMatchObject({
      code: 'embedded-set-used',
      altered: true,
    });
  });

  it('none given: a stored set of a built-in id is checked as the built-in set, told when it differs', () => {
    const set = builtin('binh-phuoc-2025');
    expect(chooseStoredSet(sheet, stored(set), { builtin: getBuiltinTargetSet })).toMatchObject({
      targetSet: set,
      notices: [{ code: 'embedded-set-used', targetSetId: 'binh-phuoc-2025' }],
    });
    const altered = { ...lowered, id: 'binh-phuoc-2025' };
    const choice = chooseStoredSet(sheet, stored(altered), { builtin: getBuiltinTargetSet });
    expect(choice.targetSet).toBe(set);
    expect(choice.notices).toMatchObject([
      {
        code: 'embedded-set-differs',
        against: 'builtin',
        officialId: 'binh-phuoc-2025',
        indicators: ['thanh-toan-truc-tuyen'],
      },
    ]);
  });

  it('applies to the sheets it names only (in any case), to every sheet when it names none', () => {
    expect(chooseStoredSet('Sheet2', stored(lowered))).toEqual({ notices: [] });
    expect(chooseStoredSet('MẪU PHỤ LỤC 2025', stored(lowered)).targetSet).toBe(lowered);
    expect(chooseStoredSet('Sheet2', stored(lowered, [])).targetSet).toBe(lowered);
  });

  it('a damaged part is told on the sheets it may be meant for', () => {
    const problems = {
      sets: [],
      problems: [{ part: 'customXml/item2.xml', reason: 'not-xml' as const }],
    };
    expect(chooseStoredSet('Any', problems)).toEqual({
      notices: [
        { code: 'embedded-set-unreadable', part: 'customXml/item2.xml', reason: 'not-xml' },
      ],
    });
    const named = { sets: [], problems: [{ part: 'p', reason: 'no-set' as const, sheets: ['A'] }] };
    expect(chooseStoredSet('B', named)).toEqual({ notices: [] });
  });
});
