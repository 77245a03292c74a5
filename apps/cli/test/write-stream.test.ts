/**
 * A file of the output set written piece by piece (`OutputSet.writeStream`, report.json and
 * report.html) holds exactly the UTF-8 of its pieces joined: pieces encoded into buffers of a
 * megabyte, across their edges, larger than one, and pairs of surrogates split between two pieces.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSet } from '../src/output.js';
import { useTempDirs } from './helpers.js';

const temp = useTempDirs();

/** Writes the pieces with writeStream, commits, and reads the file's bytes back. */
async function written(pieces: readonly string[]): Promise<Buffer> {
  const dir = await temp();
  const set = await OutputSet.open(dir);
  await set.writeStream('report.json', async (write) => {
    for (const piece of pieces) await write(piece);
  });
  await set.commit(new Set());
  return readFile(join(dir, 'report.json'));
}

describe('writeStream', () => {
  it('writes the UTF-8 of its pieces joined, whatever their sizes', async () => {
    const words = ['Sở Tư pháp', '✓ Đạt', ' — ', '{"a": 1}\n', 'x', '😀', 'Quý IV'];
    const pieces: string[] = [];
    let seed = 17;
    // about 5 MB of text in pieces of 1 to 40,000 characters
    for (let total = 0; total < 5_000_000; ) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const size = 1 + (seed % 40_000);
      let piece = '';
      while (piece.length < size) piece += words[(seed >> 8) % words.length] ?? '';
      pieces.push(piece);
      total += piece.length;
    }
    // and pieces larger than a buffer, one of them all three-byte characters
    pieces.push('ễ'.repeat(500_000), 'a'.repeat(2_000_000), 'b');
    expect((await written(pieces)).equals(Buffer.from(pieces.join('')))).toBe(true);
  });

  it('keeps a pair of surrogates split between two pieces one character', async () => {
    const pair = '😀';
    const high = pair.charAt(0);
    const low = pair.charAt(1);
    const pieces = ['a', high, low, 'b', `c${high}`, `${low}d`, 'x'.repeat(400_000) + high, low];
    const bytes = await written(pieces);
    expect(bytes.equals(Buffer.from(pieces.join('')))).toBe(true);
    expect(bytes.toString('utf8')).toBe(pieces.join(''));
    // a half that never finds its other half is written as a lone one always was
    expect((await written(['a', high])).equals(Buffer.from(`a${high}`))).toBe(true);
    expect((await written([high, 'b'])).equals(Buffer.from(`${high}b`))).toBe(true);
  });
});
