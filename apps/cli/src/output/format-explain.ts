import type { Explanation } from '../backend/backend.js';
import { formatTable } from './format-table.js';

const show = (value: unknown) =>
  value === undefined
    ? '(skipped)'
    : value === null
      ? '(cleared)'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);

/** `idsync explain`: per connection, which rules want the object and why, where each value comes from, and what a sync would do. */
export function formatExplanation(ref: string, result: Explanation): string {
  const parts = [`${ref} (hub id ${result.hubId})`];
  for (const explanation of result.explanations) {
    const lines = [`\n${explanation.connectionId}:`];
    if (!explanation.existsInHub) lines.push('  not in the hub (deleted?)');
    for (const rule of explanation.rules) {
      lines.push(
        `  ${rule.inScope ? '✓ in scope of' : '✗ not in scope of'} rule ${rule.ruleId}${rule.ruleName !== rule.ruleId ? ` (${rule.ruleName})` : ''}${rule.because.length ? `: ${rule.because.join('; ')}` : ''}`,
      );
    }
    if (explanation.attributes.length) {
      const rows = explanation.attributes.map((a) => [
        a.targetPath,
        show(a.value),
        `${a.kind}${a.kind === 'constant' ? '' : ` ${a.from}`}`,
        a.ruleId + (a.defaultApplied ? ' (default)' : ''),
      ]);
      lines.push(formatTable(['ATTRIBUTE', 'VALUE', 'FROM', 'RULE'], rows).replace(/^/gm, '    '));
    }
    const link = explanation.link;
    lines.push(
      link
        ? `  link: ${link.state}${link.remoteId ? `, remote id ${link.remoteId}` : ''}${link.lastError ? `, last error: ${link.lastError}` : ''}`
        : '  link: none (not provisioned)',
    );
    const todo = explanation.wouldDo.filter((op) => op.kind !== 'skip');
    lines.push(
      todo.length
        ? `  a sync now would: ${todo.map((op) => `${op.kind} (${op.reason.summary})`).join('; ')}`
        : '  a sync now would change nothing.',
    );
    parts.push(lines.join('\n'));
  }
  const other = result.status.filter(
    (s) => !result.explanations.some((e) => e.connectionId === s.connectionId),
  );
  if (other.length)
    parts.push(`\nother connections: ${other.map((s) => `${s.connectionId} ${s.state}`).join(', ')}`);
  return parts.join('\n');
}
