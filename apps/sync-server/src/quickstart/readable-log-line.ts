const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info ',
  40: 'warn ',
  50: 'error',
  60: 'fatal',
};

/** Counts worth showing: what a run did (or, for a plan, would do), not zeros or the size of the read. */
function describeCounts(counts: Record<string, number> | undefined, plan: boolean): string {
  if (!counts) return '';
  const parts = Object.entries(counts)
    .filter(
      ([key, value]) =>
        value > 0 &&
        key.startsWith('planned.') === plan &&
        key !== 'source.objects' &&
        !/^(planned\.)?skip/.test(key),
    )
    .map(([key, value]) => `${plan ? key.slice('planned.'.length) : key} ${value}`);
  return parts.length ? ` — ${parts.join(', ')}` : ' — nothing to change';
}

/**
 * The quickstart shows its JSON log lines in a form a person scans: time, level, what
 * happened. Run lines say which connection, direction and type, and what was done. A line
 * that is not JSON passes through as it is.
 */
export function readableLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVELS[Number(entry.level)] ?? 'info ';
  const message = String(entry.msg ?? '');
  if (message === 'run' || message === 'plan') {
    const what = `${String(entry.connection)} ${String(entry.direction)} ${String(entry.objectType)} (${String(entry.mode)})`;
    const reason = entry.reason ? ` — ${String(entry.reason)}` : '';
    return `${time} ${level} ${message} ${what}: ${String(entry.status)}${describeCounts(entry.counts as Record<string, number>, message === 'plan')}${reason}\n`;
  }
  const skip = new Set(['time', 'level', 'msg', 'service', 'pid', 'hostname']);
  const fields = Object.entries(entry)
    .filter(([key]) => !skip.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${level} ${message}${fields ? ` ${fields}` : ''}\n`;
}
