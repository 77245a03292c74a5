/**
 * CRC-32 (IEEE 802.3, the zip checksum): Node's native `zlib.crc32` when the runtime has it
 * (Node 20.15+ / 22.2+), else a table-driven one (slicing by 8) that runs everywhere, browsers
 * included.
 */
import { nodeZlib } from './zlib.js';

/** Eight 256-entry tables: T[0] is the classic byte table, T[k] advances k more zero bytes. */
const TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** The CRC-32 of `data`, in JavaScript (slicing by 8: eight bytes per step). */
export function crc32Portable(data: Uint8Array, initial = 0): number {
  const t = TABLES;
  let c = ~initial;
  let i = 0;
  const n = data.length;
  const end8 = n - (n & 7);
  for (; i < end8; i += 8) {
    const lo =
      c ^
      ((data[i] as number) |
        ((data[i + 1] as number) << 8) |
        ((data[i + 2] as number) << 16) |
        ((data[i + 3] as number) << 24));
    c =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
      (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
      (t[1024 + (lo >>> 24)] as number) ^
      (t[768 + (data[i + 4] as number)] as number) ^
      (t[512 + (data[i + 5] as number)] as number) ^
      (t[256 + (data[i + 6] as number)] as number) ^
      (t[data[i + 7] as number] as number);
  }
  for (; i < n; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

type Crc32 = (data: Uint8Array) => number;

function nativeCrc32(): Crc32 | undefined {
  const native = nodeZlib()?.crc32;
  if (typeof native !== 'function') return undefined;
  return (data) => native(data) >>> 0;
}

let implementation: Crc32 = nativeCrc32() ?? ((data) => crc32Portable(data));

/** The CRC-32 of `data` (unsigned). */
export function crc32(data: Uint8Array): number {
  return implementation(data);
}

/** Chooses the implementation (tests and benchmarks): native when available, or always portable. */
export function useCrc32(kind: 'auto' | 'portable'): void {
  implementation = (kind === 'auto' ? nativeCrc32() : undefined) ?? ((data) => crc32Portable(data));
}
