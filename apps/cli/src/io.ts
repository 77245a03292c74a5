/** What the command line reads and writes through, and the one error that is the user's. */
import pc from 'picocolors';

export interface Io {
  readonly stdout: {
    write(text: string): unknown;
    /** UTF-8 bytes of whole characters, written as they are (a file copied to stdout). */
    writeBytes?(bytes: Uint8Array): unknown;
    isTTY?: boolean;
    columns?: number;
  };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** For reports: when they were made (tests fix it). */
  readonly now?: () => Date;
}

export const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

export class UsageError extends Error {}

export function colorsFor(stream: Io['stdout'], env: Io['env']) {
  const enabled = stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}
