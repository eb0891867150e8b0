import type { Connector } from '@idsync/core';
import { methodsOf } from './run-conformance-check.js';

/** Replacement methods by name; `null` removes the method, so the connector no longer implements it. */
export type OperationOverrides = { [K in keyof Connector]?: Connector[K] | null };

/**
 * A connector that behaves like `connector` except for the overridden methods. Used to build
 * deliberately broken variants (the suite's own tests) and flaky ones (engine tests): the
 * original's methods are bound, so overrides can delegate to them.
 */
export function overrideOperations(connector: Connector, overrides: OperationOverrides): Connector {
  const result: Record<string, unknown> = {};
  for (const name of methodsOf(connector)) {
    result[name] = (connector[name as keyof Connector] as (...args: unknown[]) => unknown).bind(connector);
  }
  for (const [name, replacement] of Object.entries(overrides)) {
    if (replacement === null) delete result[name];
    else if (replacement !== undefined) result[name] = replacement;
  }
  return result as Connector;
}
