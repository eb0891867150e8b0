import { readFile } from 'node:fs/promises';
import type { ConfigIssue, ConnectorRegistry } from '@idsync/core';
import { createCoreRegistry, type SchemaRegistry } from '@idsync/scim';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { checkDefinitions } from '../catalog/check-definitions.js';
import { createConnectorRegistry } from '../connectors/installed-connectors.js';
import { formatConfigPath, type ConfigPath } from './config-path.js';
import { ConfigFileError, type LocatedIssue } from './config-file-error.js';
import { configSchema, type ServerConfig } from './config-schema.js';
import { interpolateEnv } from './interpolate-env.js';
import { zodIssuesToConfigIssues } from './zod-issues.js';

export interface LoadConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Installed connector plugins: their manifests validate each connection's settings. */
  readonly connectors: ConnectorRegistry;
  readonly schemas: SchemaRegistry;
}

/** Finds the line of a formatted key path (`connections.hr.config.baseUrl`) in the YAML document. */
function lineFinder(
  document: Document,
  counter: LineCounter,
  raw: unknown,
): (key: string) => number | undefined {
  const lines = new Map<string, number>();
  const visit = (value: unknown, path: ConfigPath) => {
    const node = document.getIn(path as unknown[], true);
    if (isNode(node) && node.range)
      lines.set(formatConfigPath(path, raw), counter.linePos(node.range[0]).line);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(raw, []);
  return (key) => {
    // The key itself, or the closest enclosing key that is in the file (a missing key's parent).
    for (let candidate = key; candidate; candidate = candidate.replace(/(\.[^.[]+|\[\d+\])$/, '')) {
      const line = lines.get(candidate);
      if (line !== undefined) return line;
      if (!/[.[]/.test(candidate)) break;
    }
    return undefined;
  };
}

/**
 * Parses and validates the text of a config file: YAML, then `${VAR}` interpolation, then the
 * schema (unknown keys are errors), then the checks that need the installed connectors. Throws
 * a ConfigFileError listing every problem with its line.
 */
export function parseConfigText(text: string, file: string, options: LoadConfigOptions): ServerConfig {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    const lines = text.split('\n');
    throw new ConfigFileError(
      document.errors.map((error) => {
        const line = counter.linePos(error.pos[0]).line;
        const inFlow = /[[{]/.test(lines[line - 1] ?? '') && (lines[line - 1] ?? '').includes('${');
        return {
          key: '(YAML syntax)',
          line,
          problem: error.message.split('\n')[0] ?? 'cannot be parsed.',
          fix: inFlow
            ? "Inside [ ] or { }, quote a value that contains ${…}: '${VAR}'."
            : 'Correct the YAML at that line (indentation, a missing ":" or quote).',
        };
      }),
      file,
    );
  }
  const raw: unknown = document.toJS() ?? {};
  const lineOf = lineFinder(document, counter, raw);
  const locate = (issues: readonly ConfigIssue[]): LocatedIssue[] =>
    issues.map((issue) => {
      const line = lineOf(issue.key);
      return line === undefined ? issue : { ...issue, line };
    });

  const interpolated = interpolateEnv(raw, options.env ?? process.env, (path) => formatConfigPath(path, raw));
  if (interpolated.issues.length) throw new ConfigFileError(locate(interpolated.issues), file);

  // Values from the environment may be secrets: no message may repeat them.
  const hidden = [...interpolated.substitutedValues]
    .filter((value) => value.length >= 3)
    .sort((a, b) => b.length - a.length);
  const conceal = (issues: readonly ConfigIssue[]): ConfigIssue[] =>
    issues.map((issue) => {
      let { problem, fix } = issue;
      for (const value of hidden) {
        problem = problem.split(value).join('(value from the environment)');
        fix = fix.split(value).join('(value from the environment)');
      }
      return { ...issue, problem, fix };
    });

  const parsed = configSchema.safeParse(interpolated.value);
  if (!parsed.success)
    throw new ConfigFileError(
      locate(conceal(zodIssuesToConfigIssues(parsed.error.issues, configSchema, raw))),
      file,
    );

  const issues = checkDefinitions(
    parsed.data.connections,
    parsed.data.rules,
    options.connectors,
    options.schemas,
  );
  if (issues.length) throw new ConfigFileError(locate(conceal(issues)), file);
  return parsed.data;
}

/** Reads and validates a config file; a missing file says how to make one. */
export async function loadConfigFile(file: string, options: LoadConfigOptions): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigFileError(
      [
        {
          key: '(file)',
          problem: code === 'ENOENT' ? 'does not exist.' : `cannot be read (${code ?? 'unknown error'}).`,
          fix:
            code === 'ENOENT'
              ? 'Create one with `idsync init`, or pass --config with the right path.'
              : 'Check the path and its permissions.',
        },
      ],
      file,
    );
  }
  return parseConfigText(text, file, options);
}

/** The config as the server would load it, with the installed connectors and the core schemas (the CLI's way in). */
export async function loadServerConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ config: ServerConfig; connectors: ConnectorRegistry }> {
  const connectors = await createConnectorRegistry();
  return {
    config: await loadConfigFile(file, { env, connectors, schemas: createCoreRegistry() }),
    connectors,
  };
}
