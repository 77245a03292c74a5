// The process's peak resident size, for the benches: on Linux VmHWM (/proc/self/status), the
// high-water mark of this program's own memory. getrusage's maxRSS is not: Linux carries the
// parent's resident size at fork into the child's maxRSS across exec, so a child of a large
// benchmark process (one that made the 20,000-row workbook, say) reports at least the parent's
// size, whatever it used itself. maxRSS where there is no /proc.
import { readFileSync } from 'node:fs';

/** This program's peak resident size in bytes. */
export function peakRss() {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}
