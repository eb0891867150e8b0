import type { ConfigIssue } from '@idsync/core';
import type { z } from 'zod';
import { closestName } from './closest-name.js';
import { formatConfigPath, type ConfigPath } from './config-path.js';
import { knownKeysAt } from './schema-keys.js';

type ZodIssue = z.core.$ZodIssue;

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function valueAt(raw: unknown, path: ConfigPath): unknown {
  let node = raw;
  for (const segment of path)
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
  return node;
}

const describeValue = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : `${typeof value}`;

/** One ConfigIssue (or several, one per unknown key) for a zod issue: the key, what is wrong, the fix. */
function toConfigIssues(issue: ZodIssue, schema: z.ZodType, raw: unknown): ConfigIssue[] {
  const path = issue.path as ConfigPath;
  const key = formatConfigPath(path, raw);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((unknownKey) => {
        const guess = closestName(unknownKey, known);
        return {
          key: formatConfigPath([...path, unknownKey], raw),
          problem: 'is not a known setting.',
          fix: guess
            ? `Did you mean "${guess}"? Known here: ${known.join(', ')}.`
            : `Remove it or use one of: ${known.join(', ')}.`,
        };
      });
    }
    case 'invalid_type': {
      const value = valueAt(raw, path);
      if (value === undefined)
        return [{ key, problem: 'is required.', fix: `Add it: ${article(issue.expected)}.` }];
      return [
        {
          key,
          problem: `should be ${article(issue.expected)}, but is ${describeValue(value)}.`,
          fix: `Write ${article(issue.expected)} here.`,
        },
      ];
    }
    case 'invalid_value':
      return [
        {
          key,
          problem: 'has a value that is not allowed.',
          fix: `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
        },
      ];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options)
        return [
          {
            key,
            problem: 'has a value that is not allowed.',
            fix: `Use one of: ${options.map((v) => JSON.stringify(v)).join(', ')}.`,
          },
        ];
      return [
        {
          key,
          problem: 'does not match any accepted form.',
          fix: 'See the JSON Schema or the config reference for what this key takes.',
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array')
        return [
          {
            key,
            problem: issue.message.startsWith('Too') ? `needs ${word} ${bound} item(s).` : issue.message,
            fix: `Give ${word} ${bound}.`,
          },
        ];
      if (issue.origin === 'string' && !issue.message.startsWith('Too'))
        return [{ key, problem: issue.message, fix: '' }];
      return [
        {
          key,
          problem: `is out of range.`,
          fix: `Use a value ${word} ${bound}${issue.origin === 'string' ? ' characters long' : ''}.`,
        },
      ];
    }
    default:
      // Our own messages (names, durations, %s) already say what is wrong and what to write.
      return [{ key, problem: issue.message, fix: '' }];
  }
}

export function zodIssuesToConfigIssues(
  issues: readonly ZodIssue[],
  schema: z.ZodType,
  raw: unknown,
): ConfigIssue[] {
  return issues.flatMap((issue) => toConfigIssues(issue, schema, raw));
}
