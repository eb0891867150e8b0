import type { Connector } from '@idsync/core';
import { tap } from 'rxjs';

/** The sizes of the pages a connector's reads emitted, in order. */
export interface PageLog {
  readonly pages: number[];
}

/**
 * The same connector, with every page its `read` emits recorded: how a scenario sees that a
 * large directory came in as many bounded pages rather than one answer. Every other operation
 * goes to the connector unchanged.
 */
export function countingReads(connector: Connector): { connector: Connector; log: PageLog } {
  const log: PageLog = { pages: [] };
  const read: Connector['read'] = connector.read
    ? (type, options) => connector.read!(type, options).pipe(tap((page) => log.pages.push(page.length)))
    : undefined;
  const wrapped = new Proxy(connector, {
    get(target, property) {
      if (property === 'read') return read;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { connector: wrapped, log };
}
