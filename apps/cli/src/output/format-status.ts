import type { ConnectionStatus } from '@idsync/sync-server';
import { formatTable } from './format-table.js';

/** `idsync status`: one line per connection, PingOne-style counts, and why the last run stopped. */
export function formatStatus(statuses: readonly ConnectionStatus[]): string {
  if (!statuses.length) return 'No connections are configured.';
  const rows = statuses.map((s) => [
    s.connectionId,
    s.state,
    s.health,
    String(s.successCount),
    String(s.failedCount + s.failedDeprovisionCount),
    String(s.pendingCount),
    String(s.total),
    s.lastSyncAt ? s.lastSyncAt.replace('T', ' ').slice(0, 19) : 'never',
  ]);
  const details = statuses.flatMap((s) => [
    ...(s.detail ? [`${s.connectionId}: ${s.detail}`] : []),
    ...(s.quarantineReason ? [`${s.connectionId} is quarantined: ${s.quarantineReason}`] : []),
  ]);
  return [
    formatTable(
      ['CONNECTION', 'STATE', 'HEALTH', 'IN SYNC', 'FAILED', 'PENDING', 'TOTAL', 'LAST SYNC'],
      rows,
      new Set([3, 4, 5, 6]),
    ),
    ...details,
  ].join('\n');
}
