/**
 * A target set stored in the workbook: the set the sheet is checked against travels with it, in
 * a custom XML part (customXml/itemN.xml with its itemPropsN.xml, referenced from the workbook
 * part's relationships), which Excel, LibreOffice and this reader keep and a user cannot edit by
 * accident as they could a hidden sheet.
 *
 * The part (namespace `EMBEDDED_SET_NAMESPACE`):
 *
 *   <targetSet xmlns="urn:chitieu:embedded-target-set:1" version="1" id="dong-nai-2026"
 *              fingerprint="<sha-256 hex of the canonical JSON>">
 *     <sheet name="Mẫu phụ lục 2026"/>            (the sheets it applies to; none: every sheet)
 *     <json>{"document":…}</json>                  (the set's canonical JSON, escaped)
 *   </targetSet>
 *
 * The reader finds every such part, validates its JSON with the engine's target-set loader and
 * gives each set with its fingerprint (computed again from the content: a part whose written
 * fingerprint differs was edited after it was written), or a problem naming the part. Parts of
 * other namespaces (SharePoint's, other tools') are left alone.
 */
import {
  type EmbeddedSetDiffersNotice,
  type EmbeddedSetIssue,
  type EmbeddedSetUnreadableNotice,
  type EmbeddedSetUsedNotice,
  parseTargetSetJson,
  type TargetSet,
} from '@chitieu/engine';
import { escapeAttribute } from './annotate/parts.js';
import {
  canonicalJson,
  canonicalTargetSetJson,
  targetSetFingerprint,
} from './embedded-fingerprint.js';
import { packageRelationships, relsPartFor, typeIs } from './parts.js';
import type { CustomXmlItem } from './write/workbook.js';
import { END, EOF, START, XmlReader } from './xml.js';
import type { XlsxPackage } from './zip.js';

/** The namespace of the part's root element (version 1 of the format). */
export const EMBEDDED_SET_NAMESPACE = 'urn:chitieu:embedded-target-set:1';

/** A target set read from the workbook. */
export interface EmbeddedTargetSet {
  /** The part that holds it ("customXml/item1.xml"). */
  readonly part: string;
  /** The set, validated by the engine's loader. */
  readonly targetSet: TargetSet;
  /** SHA-256 of the set's canonical JSON, computed from the content. */
  readonly fingerprint: string;
  /** Whether the fingerprint written in the part is that one (false: edited after writing). */
  readonly fingerprintMatches: boolean;
  /** The sheets it applies to, as written; empty: every sheet of the workbook. */
  readonly sheets: readonly string[];
}

/** A part of this format that holds no usable set: the part, why, and the sheets it names. */
export type EmbeddedSetProblem = Omit<EmbeddedSetUnreadableNotice, 'code'> & {
  /** The sheets the part names, when they could be read; else it may be meant for any. */
  readonly sheets?: readonly string[];
};

export interface EmbeddedSets {
  readonly sets: readonly EmbeddedTargetSet[];
  readonly problems: readonly EmbeddedSetProblem[];
}

/** The sheets an embedded set or problem applies to: `sheets`, by name in any case; none: all. */
export function appliesToSheet(
  entry: { readonly sheets?: readonly string[] },
  sheet: string,
): boolean {
  const names = entry.sheets ?? [];
  if (names.length === 0) return true;
  const lower = sheet.toLowerCase();
  return names.some((n) => n === sheet || n.toLowerCase() === lower);
}

/**
 * The part's XML for `set`, to apply to `sheets` (none: every sheet). Its JSON is the set's
 * canonical JSON, so its fingerprint is the SHA-256 of that text as stored.
 */
export function embeddedTargetSetXml(set: TargetSet, sheets: readonly string[] = []): string {
  // U+FFFE and U+FFFF (which XML cannot hold) can only be in JSON strings: written as escapes.
  const json = canonicalTargetSetJson(set).replace(
    /[\uFFFE\uFFFF]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16)}`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<targetSet xmlns="${EMBEDDED_SET_NAMESPACE}" version="1" id="${escapeAttribute(set.id)}" fingerprint="${targetSetFingerprint(set)}">` +
    sheets.map((name) => `<sheet name="${escapeAttribute(name)}"/>`).join('') +
    `<json>${escapeText(json)}</json>` +
    '</targetSet>'
  );
}

/** Element text: only & < > need entities (the JSON's many quotes stay as they are). */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

/** The custom XML item `writeWorkbook` stores for `set`. */
export function embeddedTargetSetItem(
  set: TargetSet,
  sheets: readonly string[] = [],
): CustomXmlItem {
  return { xml: embeddedTargetSetXml(set, sheets), namespace: EMBEDDED_SET_NAMESPACE };
}

type ParsedPart =
  | { readonly kind: 'other' }
  | { readonly kind: 'set'; readonly set: EmbeddedTargetSet }
  | { readonly kind: 'problem'; readonly problem: EmbeddedSetProblem };

/**
 * One custom XML part's text: a set of this format, a problem with it, or `other` for a part of
 * another namespace. Never throws. Also what the add-in uses on the text Office.js gives.
 */
export function parseEmbeddedTargetSetXml(xml: string, part: string): ParsedPart {
  const r = new XmlReader(xml, part);
  let sheets: string[] | undefined;
  let json: string | undefined;
  let stored: string | undefined;
  try {
    let k = r.next();
    while (k !== EOF && k !== START) k = r.next();
    if (k === EOF) return mentionsUs(xml, part, 'no-set');
    let ours = false;
    r.rewindAttrs();
    // The namespace declared on the root (xmlns="…" or xmlns:p="…": no other attribute has it).
    while (r.nextAttr()) if (r.attrValue() === EMBEDDED_SET_NAMESPACE) ours = true;
    if (!ours) return { kind: 'other' };
    if (!r.is('targetSet')) return problem(part, 'no-set');
    stored = r.attr('fingerprint');
    sheets = [];
    if (!r.selfClosing) {
      let depth = 1;
      for (k = r.next(); k !== EOF; k = r.next()) {
        if (k === START) {
          if (depth === 1 && r.is('sheet')) {
            const name = r.attr('name');
            if (name !== undefined && name !== '') sheets.push(name);
            if (!r.selfClosing) r.skipElement();
          } else if (depth === 1 && r.is('json')) {
            json = (json ?? '') + r.readContent();
            if (r.kind === EOF) break; // the part ends inside <json>
          } else if (!r.selfClosing) depth++;
        } else if (k === END && --depth === 0) break;
      }
      // The reader stops at the end of the text: a part that ends before its root does is cut.
      if (depth > 0) return problem(part, 'not-xml', sheets);
    }
  } catch {
    // The XML reader's error: the part is not well-formed (ours, if it names our namespace).
    return mentionsUs(xml, part, 'not-xml', sheets);
  }
  if (json === undefined || json.trim() === '') return problem(part, 'no-set', sheets);
  const parsed = parseTargetSetJson(json, { source: part });
  if (!parsed.success) {
    const issues: EmbeddedSetIssue[] = parsed.error.issues.map((i) => ({
      path: i.path,
      problem: i.problem,
    }));
    return { kind: 'problem', problem: { part, reason: 'invalid-set', issues, sheets } };
  }
  const fingerprint = targetSetFingerprint(parsed.data);
  return {
    kind: 'set',
    set: {
      part,
      targetSet: parsed.data,
      fingerprint,
      fingerprintMatches: stored?.toLowerCase() === fingerprint,
      sheets,
    },
  };
}

function problem(
  part: string,
  reason: EmbeddedSetProblem['reason'],
  sheets?: readonly string[],
): ParsedPart {
  return { kind: 'problem', problem: { part, reason, ...(sheets ? { sheets } : {}) } };
}

/** A part that cannot be read: ours when its text names our namespace, else another's. */
function mentionsUs(
  xml: string,
  part: string,
  reason: EmbeddedSetProblem['reason'],
  sheets?: readonly string[],
): ParsedPart {
  return xml.includes(EMBEDDED_SET_NAMESPACE) ? problem(part, reason, sheets) : { kind: 'other' };
}

/** The workbook's custom XML parts: those relationships name, then any other customXml/item*.xml. */
function customXmlParts(pkg: XlsxPackage, workbookPart: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    const entry = pkg.entry(name);
    if (!entry || seen.has(entry.name.toLowerCase())) return;
    seen.add(entry.name.toLowerCase());
    out.push(entry.name);
  };
  // Excel refers to them from the workbook part; LibreOffice from the package.
  for (const source of [workbookPart, '']) {
    const relsPart = relsPartFor(source);
    if (!pkg.has(relsPart)) continue;
    try {
      for (const rel of packageRelationships(pkg, relsPart, source))
        if (!rel.external && typeIs(rel.type, 'customXml')) add(rel.target);
    } catch {
      // relationships the reader cannot read: the parts are still found by their names
    }
  }
  const items = pkg.entries
    .map((e) => e.name)
    .filter((name) => /^customXml\/item\d+\.xml$/i.test(name))
    .sort((a, b) => itemNumber(a) - itemNumber(b));
  for (const name of items) add(name);
  return out;
}

const itemNumber = (name: string): number => Number(/(\d+)\.xml$/i.exec(name)?.[1] ?? 0);

/**
 * Every target set stored in the workbook, in part order, and the parts of this format that hold
 * none (a problem naming the part). A part that cannot be decompressed is such a problem too;
 * nothing here fails the workbook.
 */
export function readEmbeddedTargetSets(reader: {
  readonly package: XlsxPackage;
  readonly workbookPart: string;
}): EmbeddedSets {
  const sets: EmbeddedTargetSet[] = [];
  const problems: EmbeddedSetProblem[] = [];
  const pkg = reader.package;
  for (const part of customXmlParts(pkg, reader.workbookPart)) {
    let xml: string;
    try {
      xml = pkg.text(part);
    } catch {
      problems.push({ part, reason: 'not-xml' });
      continue;
    }
    const parsed = parseEmbeddedTargetSetXml(xml, part);
    if (parsed.kind === 'set') sets.push(parsed.set);
    else if (parsed.kind === 'problem') problems.push(parsed.problem);
  }
  return { sets, problems };
}

/** How a stored set differs from the official one, indicator by indicator. */
export interface TargetSetDifferences {
  /** Indicators of both that differ, in the official set's order. */
  readonly indicators: readonly string[];
  /** Only in the stored set. */
  readonly added: readonly string[];
  /** Only in the official set. */
  readonly removed: readonly string[];
  /** Anything else of the set (title, document, levels, sections, year, province). */
  readonly other: boolean;
}

/** Compares two sets by their canonical JSON: nothing differs when both are the same set. */
export function compareTargetSets(stored: TargetSet, official: TargetSet): TargetSetDifferences {
  const storedById = new Map(stored.indicators.map((i) => [i.id, canonicalJson(i)]));
  const officialIds = new Set(official.indicators.map((i) => i.id));
  const indicators: string[] = [];
  const removed: string[] = [];
  for (const ind of official.indicators) {
    const other = storedById.get(ind.id);
    if (other === undefined) removed.push(ind.id);
    else if (other !== canonicalJson(ind)) indicators.push(ind.id);
  }
  const added = stored.indicators.map((i) => i.id).filter((id) => !officialIds.has(id));
  const rest = (set: TargetSet) => {
    const { indicators: _i, $schema: _s, ...fields } = set as TargetSet & { $schema?: unknown };
    return canonicalJson(fields);
  };
  return { indicators, added, removed, other: rest(stored) !== rest(official) };
}

/** What a shell checks one sheet against, given what the workbook stores. */
export interface StoredSetChoice {
  /** The set to check the sheet against, when the stored one decides it (none given). */
  readonly targetSet?: TargetSet;
  /** What to tell the user about the stored set, for the sheet's notices. */
  readonly notices: readonly (
    | EmbeddedSetUsedNotice
    | EmbeddedSetDiffersNotice
    | EmbeddedSetUnreadableNotice
  )[];
}

export interface StoredSetOptions {
  /** The set the user gave (`--target-set`): the sheet is checked against it, whatever is stored. */
  readonly given?: TargetSet;
  /** The built-in set of an id (`getBuiltinTargetSet`): a stored set of a built-in id is checked against it. */
  readonly builtin?: (id: string) => TargetSet | undefined;
}

const fingerprints = new WeakMap<TargetSet, string>();

/** A set's fingerprint, computed once per set object. */
function fingerprintOf(set: TargetSet): string {
  let fingerprint = fingerprints.get(set);
  if (fingerprint === undefined) {
    fingerprint = targetSetFingerprint(set);
    fingerprints.set(set, fingerprint);
  }
  return fingerprint;
}

/**
 * The policy both shells follow for a sheet and the sets its workbook stores (the first that
 * applies to the sheet):
 * - a set given is what the sheet is checked against; a stored copy that differs from it is told
 *   (`embedded-set-differs`, against `option`);
 * - else a stored set with a built-in id is checked as that built-in set (the official one; a file
 *   may not reuse a built-in id for other content): told as used when it is the same, as
 *   differing (against `builtin`) when it is not;
 * - else the stored set is used, and told (`embedded-set-used`, `altered` when its written
 *   fingerprint does not match its content).
 * A part of the format that cannot be used and may be meant for the sheet is told
 * (`embedded-set-unreadable`), and the sheet is checked as if nothing were stored.
 */
export function chooseStoredSet(
  sheet: string,
  stored: EmbeddedSets,
  options: StoredSetOptions = {},
): StoredSetChoice {
  const notices: StoredSetChoice['notices'][number][] = [];
  for (const p of stored.problems)
    if (appliesToSheet(p, sheet))
      notices.push({
        code: 'embedded-set-unreadable',
        part: p.part,
        reason: p.reason,
        ...(p.issues ? { issues: p.issues } : {}),
      });
  const embedded = stored.sets.find((s) => appliesToSheet(s, sheet));
  if (!embedded) return { notices };
  const storedSet = embedded.targetSet;
  const official = options.given ?? options.builtin?.(storedSet.id);
  /** The sheet is checked against the stored set (or the built-in set it equals). */
  const used: EmbeddedSetUsedNotice = {
    code: 'embedded-set-used',
    targetSetId: storedSet.id,
    part: embedded.part,
    fingerprint: embedded.fingerprint,
    ...(embedded.fingerprintMatches ? {} : { altered: true as const }),
  };
  if (official === undefined) {
    notices.push(used);
    return { targetSet: storedSet, notices };
  }
  const officialFingerprint = fingerprintOf(official);
  const against = options.given ? ('option' as const) : ('builtin' as const);
  if (officialFingerprint === embedded.fingerprint) {
    // The same set: a set given needs no word; a built-in one is said to come from the workbook.
    if (against === 'builtin') notices.push(used);
    return { ...(against === 'builtin' ? { targetSet: official } : {}), notices };
  }
  const differences = compareTargetSets(storedSet, official);
  notices.push({
    code: 'embedded-set-differs',
    targetSetId: storedSet.id,
    part: embedded.part,
    officialId: official.id,
    against,
    ...differences,
    fingerprint: embedded.fingerprint,
    officialFingerprint,
  });
  return { ...(against === 'builtin' ? { targetSet: official } : {}), notices };
}
