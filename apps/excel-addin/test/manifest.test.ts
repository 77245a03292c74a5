/**
 * The manifest, read offline (`office-addin-manifest validate` needs an online service): its
 * essentials, the ribbon button, and that every resource it names resolves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** A small XML reader, enough for the manifest: elements, attributes, text; no DTDs. */
function parseXml(xml: string): Node {
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const top = stack[stack.length - 1] as Node;
    if (m[5] !== undefined) {
      top.text += m[5].trim();
      continue;
    }
    if (!m[2]) continue;
    if (m[1] === '/') {
      const closed = stack.pop();
      if (closed?.name !== m[2]) throw new Error(`mismatched </${m[2]}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g))
      attrs[a[1] as string] = a[2] as string;
    const node: Node = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (m[4] !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error('unclosed elements');
  return root;
}

const local = (name: string) => name.replace(/^[\w]+:/, '');
function all(node: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (local(n.name) === name) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}
function one(node: Node, name: string): Node {
  const found = all(node, name);
  expect(found.length, `<${name}>`).toBeGreaterThan(0);
  return found[0] as Node;
}

const manifestText = readFileSync(new URL('../manifest.xml', import.meta.url), 'utf8');
const manifest = parseXml(manifestText);
const app = one(manifest, 'OfficeApp');

function resource(id: string): Node {
  const found = [...all(app, 'Image'), ...all(app, 'Url'), ...all(app, 'String')].filter(
    (n) => n.attrs.id === id,
  );
  expect(found, `resource ${id}`).toHaveLength(1);
  return found[0] as Node;
}

describe('add-in manifest', () => {
  it('is a task-pane add-in for Excel workbooks with a stable GUID', () => {
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(one(app, 'Id').text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(one(app, 'Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all(one(app, 'Hosts'), 'Host').map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(one(app, 'Permissions').text).toBe('ReadWriteDocument');
    expect(one(app, 'DefaultLocale').text).toBe('vi-VN');
    expect(one(app, 'DisplayName').attrs.DefaultValue).toBe('Chỉ Tiêu');
  });

  it('declares the ExcelApi 1.12 floor (Office 2021 and later)', () => {
    const sets = one(app, 'Sets');
    expect(sets.attrs.DefaultMinVersion).toBe('1.12');
    expect(all(sets, 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ['ExcelApi', '1.12'],
    ]);
  });

  it('loads the task pane over HTTPS, and every URL it names is HTTPS', () => {
    const source = one(one(app, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue ?? '';
    expect(source).toMatch(/^https:\/\/[^/]+\/index\.html$/);
    const urls = [...manifestText.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    for (const domain of all(app, 'AppDomain')) expect(domain.text).toMatch(/^https:\/\//);
  });

  it('puts a "Kiểm tra chỉ tiêu" button on the Home tab that opens the task pane', () => {
    const tab = one(app, 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const button = all(tab, 'Control').find((c) => c.attrs['xsi:type'] === 'Button');
    expect(button).toBeDefined();
    if (!button) return;
    const label = resource(one(button, 'Label').attrs.resid ?? '');
    expect(label.attrs.DefaultValue).toBe('Kiểm tra chỉ tiêu');
    expect(all(label, 'Override').map((o) => [o.attrs.Locale, o.attrs.Value])).toEqual([
      ['en-US', 'Check targets'],
    ]);
    const action = one(button, 'Action');
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    const url = resource(one(action, 'SourceLocation').attrs.resid ?? '');
    expect(url.attrs.DefaultValue).toBe(
      one(one(app, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue,
    );
  });

  it('resolves every resid, and its icons exist at the declared sizes', () => {
    const resids = [...manifestText.matchAll(/resid="([^"]+)"/g)].map((m) => m[1] as string);
    expect(resids.length).toBeGreaterThan(8);
    for (const id of resids) resource(id);
    const images = [
      ...all(app, 'Image').filter((n) => n.attrs.id),
      one(app, 'IconUrl'),
      one(app, 'HighResolutionIconUrl'),
    ];
    for (const image of images) {
      const url = image.attrs.DefaultValue ?? '';
      const file = new URL(`../public/${url.replace(/^https:\/\/[^/]+\//, '')}`, import.meta.url);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], url).toEqual([size, size]);
    }
    // the command page the manifest names is served too
    expect(readFileSync(new URL('../public/commands.html', import.meta.url), 'utf8')).toContain(
      'appsforoffice.microsoft.com/lib/1/hosted/office.js',
    );
  });
});
