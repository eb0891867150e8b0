import type { Connector } from '@idsync/core';
import { ConformanceFailure } from './conformance-failure.js';

/**
 * A connector's method bound to it, for checks that only run when the method exists. Bound
 * because connectors are usually class instances whose methods use `this`.
 */
export function bound<K extends keyof Connector>(connector: Connector, name: K): NonNullable<Connector[K]> {
  const method = connector[name];
  if (typeof method !== 'function') {
    throw new ConformanceFailure(
      `This check calls ${String(name)}(), which the connector does not implement.`,
    );
  }
  return (method as (...args: unknown[]) => unknown).bind(connector) as NonNullable<Connector[K]>;
}
