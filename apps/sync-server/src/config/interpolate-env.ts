import type { ConfigIssue } from '@idsync/core';

/** `${NAME}` or `${NAME:-default}`; `$${` writes a literal `${`. */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationResult {
  readonly value: unknown;
  readonly issues: readonly ConfigIssue[];
  /** Key paths whose value came (in part) from the environment. */
  readonly interpolatedPaths: ReadonlySet<string>;
  /** The values taken from the environment: kept out of every message, as they may be secrets. */
  readonly substitutedValues: ReadonlySet<string>;
}

type Path = readonly (string | number)[];

/**
 * Replaces `${VAR}` references in every string of a parsed config file with the environment's
 * values, before validation, so secrets stay out of the file. A missing variable is an issue
 * naming the key and the variable, never a silent empty string; values are never echoed.
 */
export function interpolateEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  formatPath: (path: Path) => string,
): InterpolationResult {
  const issues: ConfigIssue[] = [];
  const interpolatedPaths = new Set<string>();
  const substitutedValues = new Set<string>();
  const visit = (node: unknown, path: Path): unknown => {
    if (typeof node === 'string') return substitute(node, path);
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]),
      );
    }
    return node;
  };
  const substitute = (text: string, path: Path): string => {
    if (!text.includes('${')) return text;
    let used = false;
    const result = text.replace(
      REFERENCE,
      (match, name: string | undefined, fallback: string | undefined) => {
        if (match === '$${') return '${';
        used = true;
        const found = env[name!];
        if (found !== undefined && found !== '') {
          substitutedValues.add(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        issues.push({
          key: formatPath(path),
          problem: `refers to the environment variable ${name}, which is not set.`,
          fix: `Set ${name} in the environment (or write \${${name}:-default} to give a default).`,
        });
        return '';
      },
    );
    if (used) interpolatedPaths.add(formatPath(path));
    return result;
  };
  return { value: visit(value, []), issues, interpolatedPaths, substitutedValues };
}
