/**
 * Node's zlib, when the runtime offers it synchronously (`process.getBuiltinModule`, Node
 * 20.16+); undefined elsewhere (browsers: the add-in's preview), where fflate and the portable
 * CRC-32 are used instead.
 */

/** What this package uses of Node's zlib (each may be missing in an older Node). */
export interface NodeZlib {
  inflateRawSync(
    data: Uint8Array,
    options: { maxOutputLength: number; chunkSize: number },
  ): Uint8Array;
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  /** Node 20.15+ / 22.2+. */
  crc32(data: Uint8Array, value?: number): number;
}

export function nodeZlib(): Partial<NodeZlib> | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  try {
    return proc.getBuiltinModule('node:zlib') as Partial<NodeZlib> | undefined;
  } catch {
    return undefined;
  }
}
