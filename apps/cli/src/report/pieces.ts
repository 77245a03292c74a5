/** Writing a report that is made piece by piece: the pieces gathered and written about 16,000 characters at a time. */

/** Characters a write holds, at most about (see CHUNK in json.ts). */
const CHUNK = 16_384;

/** Writes the pieces joined, in writes of about 16,000 characters, waiting for each. */
export async function writeInPieces(
  pieces: Iterable<string>,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  let held: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    held.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      await write(held.join(''));
      held = [];
      size = 0;
    }
  }
  if (size > 0) await write(held.join(''));
}
