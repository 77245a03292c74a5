/**
 * The workbook's own dates, from its core properties (docProps/core.xml, the part the package's
 * relationships name as core-properties): when Excel or LibreOffice last saved it. A report takes
 * the later of two submissions of one unit by this date before the file's own (a copy keeps its
 * file date, an e-mail attachment gets a new one).
 */
import { parsedPart, type XlsxPackage } from './zip.js';

const CORE_TYPE = /\/metadata\/core-properties$/;

/** The targets of the core-properties relationships in a package's relationships, in order. */
function coreTargets(rels: string): string[] {
  const out: string[] = [];
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const type = /\bType\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const target = /\bTarget\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (type && target && CORE_TYPE.test(type)) out.push(target.replace(/^\//, ''));
  }
  return out;
}

/** The part named by the package's relationships as its core properties, else the usual one. */
function corePart(pkg: XlsxPackage): string | undefined {
  if (pkg.has('_rels/.rels')) {
    try {
      for (const name of parsedPart(pkg, '_rels/.rels', 'core-targets', coreTargets)) {
        if (pkg.has(name)) return name;
      }
    } catch {
      // unreadable relationships: the usual place below
    }
  }
  return pkg.has('docProps/core.xml') ? 'docProps/core.xml' : undefined;
}

/** `dcterms:modified` of a core properties part's text, as `workbookModified` gives it. */
function modifiedOf(xml: string): string | undefined {
  const text = /<(?:\w+:)?modified\b[^>]*>([^<]*)</.exec(xml)?.[1]?.trim();
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * `dcterms:modified` as an ISO 8601 instant ("2026-04-05T08:00:00.000Z"), or undefined when the
 * workbook has no core properties, no such date, or one that is not a date. Never throws.
 */
export function workbookModified(reader: { readonly package: XlsxPackage }): string | undefined {
  const part = corePart(reader.package);
  if (part === undefined) return undefined;
  try {
    // Each workbook's own date, read from it (its core part is its own, unlike its styles).
    return modifiedOf(reader.package.text(part));
  } catch {
    return undefined;
  }
}
