/**
 * A conformance check failed: the connector did something the engine cannot rely on. The
 * message is written for the connector's author: what was called, what came back, what was
 * expected, and why the engine needs it.
 */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';

  constructor(message: string) {
    super(message);
  }
}

/** Throws a `ConformanceFailure` with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new ConformanceFailure(message());
}

/** A short, safe rendering of a value for failure messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
