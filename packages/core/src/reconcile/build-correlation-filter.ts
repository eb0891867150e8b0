import {
  FilterSyntaxError,
  fillFilterTemplate,
  parseFilter,
  type FilterNode,
  type SchemaRegistry,
  type ScimResource,
} from '@idsync/scim';
import { createAttributeReader } from '../mapping/read-attribute.js';
import { parseMappingPath, PathSyntaxError } from '../mapping/mapping-path.js';
import { PathResolver, type ResolvedPath } from '../mapping/resolve-mapping-path.js';
import type { Connection, ConnectionPreferences } from '../model/connection.js';
import type { ObjectType } from '../model/object-type.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import { CorrelationSettingsError, type CorrelationSetting } from './correlation-settings-error.js';

/**
 * Reads the user identifier of an object about to be correlated; compiled once per connection.
 * It gets the mapped object and, where the caller has it, the hub object it was mapped from.
 */
export type IdentifierReader = (mapped: ScimResource, hub?: ScimResource) => string | undefined;

function readerOf(path: ResolvedPath, from: 'mapped' | 'hub' = 'mapped'): IdentifierReader {
  const read = createAttributeReader(path);
  const text = (value: unknown): string | undefined => {
    if (typeof value === 'string' && value.trim()) return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  };
  return from === 'mapped'
    ? (mapped) => text(read(mapped))
    : (_mapped, hub) => (hub ? text(read(hub)) : undefined);
}

/**
 * The identifier reader of a connection's preferences. With a registry, unqualified extension
 * attributes (`employeeNumber`) are placed under their extension as rules place them.
 */
export function compileIdentifierReader(
  preferences: Pick<ConnectionPreferences, 'userIdentifier'>,
  registry: SchemaRegistry | null = null,
  objectType: ObjectType = 'User',
): IdentifierReader {
  const resolver = new PathResolver({ registry, objectType });
  return readerOf(
    resolver.resolve(parseMappingPath(preferences.userIdentifier, resolver.knownSchemas), 'source'),
  );
}

/** How objects without a link are looked for on one connection: the template and the identifier that fills it. */
export interface CompiledCorrelation {
  readonly template: string;
  readonly readIdentifier: IdentifierReader;
}

type Refuse = (
  setting: CorrelationSetting,
  text: string,
  position: number,
  problem: string,
  fix: string,
) => never;

/**
 * Checks a connection's correlation settings once, when its rules are compiled for a run, and
 * compiles the identifier reader. Refuses, with a `CorrelationSettingsError` naming the
 * connection, the text, the position and the fix: a user filter expression without `%s`, with
 * `%s` outside quotes, or that does not parse; a user identifier that is not an attribute path.
 * The identifier is read from the mapped object when a rule maps it (on update too, so
 * on-create-only mappings do not count), else from the hub object. Groups always correlate by
 * display name; with no rules there is nothing to correlate and nothing is checked.
 */
export function compileCorrelation(
  connection: Pick<Connection, 'id' | 'name' | 'preferences'>,
  objectType: ObjectType,
  rules: readonly CompiledRule[],
  registry: SchemaRegistry,
): CompiledCorrelation {
  if (objectType === 'Group') {
    return {
      template: GROUP_CORRELATION.userFilterExpression,
      readIdentifier: compileIdentifierReader(GROUP_CORRELATION, registry, 'Group'),
    };
  }
  // Nothing to correlate (a rule deletion, a connection without user rules): nothing to refuse.
  if (rules.length === 0)
    return { template: connection.preferences.userFilterExpression, readIdentifier: () => undefined };
  const refuse: Refuse = (setting, text, position, problem, fix) => {
    throw new CorrelationSettingsError(connection.id, connection.name, setting, text, position, problem, fix);
  };
  const { userFilterExpression: template, userIdentifier } = connection.preferences;
  checkFilterTemplate(template, refuse);

  const resolver = new PathResolver({ registry, objectType });
  let path: ResolvedPath;
  try {
    path = resolver.resolve(parseMappingPath(userIdentifier, resolver.knownSchemas), 'source');
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    return refuse(
      'userIdentifier',
      userIdentifier,
      error.offset + 1,
      error.reason,
      'Name the attribute of the mapped object that fills %s, e.g. userName or emails[type eq "work"].value.',
    );
  }
  // PingOne's reading of the setting: the identifier is an attribute of the user, and the
  // mapped object holds it as the target will once a rule maps it (ToLower, a prefix…). Where
  // no rule maps it (a two-way connection whose outbound rule writes only a phone number), the
  // hub object's own value fills the filter, so linking still works.
  const targets = rules.flatMap((rule) =>
    rule.mappings.mappings
      .filter((mapping) => !mapping.mapping.onCreateOnly)
      .map((mapping) => mapping.target.text),
  );
  const mapped = targets.some((target) => covers(target, path.text));
  return { template, readIdentifier: readerOf(path, mapped ? 'mapped' : 'hub') };
}

/** Whether a mapping to `target` gives the object the attribute at `identifier` (itself or a part of it). */
function covers(target: string, identifier: string): boolean {
  const t = target.toLowerCase();
  const i = identifier.toLowerCase();
  return i === t || i.startsWith(`${t}.`) || i.startsWith(`${t}[`);
}

/**
 * The template's own checks, with positions in the template as written: every `%s` inside a
 * quoted string, at least one, and a filter that parses once filled. A two-character sample
 * fills `%s`, so positions after it stay those of the template.
 */
function checkFilterTemplate(template: string, refuse: Refuse): void {
  const fix = 'Write a SCIM filter with "%s" where the identifier goes, e.g. userName eq "%s".';
  if (!template.trim()) refuse('userFilterExpression', template, 1, 'it is empty.', fix);
  let sample = '';
  const origin: number[] = [];
  let inString = false;
  let placeholders = 0;
  for (let index = 0; index < template.length; index++) {
    const character = template[index]!;
    const following = template[index + 1];
    const emit = (text: string) => {
      sample += text;
      for (let k = 0; k < text.length; k++) origin.push(index);
    };
    if (!inString) {
      if (character === '%' && following === 's') {
        refuse(
          'userFilterExpression',
          template,
          index + 1,
          '%s is outside a quoted string.',
          'Put it in double quotes, "%s", so that any identifier stays one string literal.',
        );
      }
      if (character === '"') inString = true;
      emit(character);
    } else if (character === '\\' && following !== undefined) {
      emit(character + following);
      index++;
    } else if (character === '%' && (following === '%' || following === 's')) {
      if (following === 's') placeholders++;
      emit(following === 's' ? 'xx' : '%');
      index++;
    } else {
      if (character === '"') inString = false;
      emit(character);
    }
  }
  if (placeholders === 0)
    refuse(
      'userFilterExpression',
      template,
      template.length + 1,
      'it has no %s placeholder for the identifier.',
      fix,
    );
  try {
    parseFilter(sample);
    fillFilterTemplate(template, 'xx');
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const position =
      error instanceof FilterSyntaxError
        ? error.position - 1 < origin.length
          ? origin[error.position - 1]! + 1
          : template.length + 1
        : 1;
    const reason = error instanceof FilterSyntaxError ? error.reason : error.message;
    refuse('userFilterExpression', template, position, `it is not a valid SCIM filter: ${reason}.`, fix);
  }
}

export interface CorrelationFilter {
  readonly text: string;
  readonly node: FilterNode;
}

/**
 * Fills the connection's user filter expression (`userName eq "%s"`) with the identifier of
 * the object (mapped, or the hub's — see `compileCorrelation`), escaped so that any value stays one literal (safety rule 5). Undefined
 * when the object has no identifier: then it cannot be correlated and is created only if the
 * connection allows it.
 */
export function buildCorrelationFilter(
  preferences: Pick<ConnectionPreferences, 'userFilterExpression'>,
  desired: ScimResource,
  readIdentifier: IdentifierReader,
  hub?: ScimResource,
): CorrelationFilter | undefined {
  const identifier = readIdentifier(desired, hub);
  if (identifier === undefined) return undefined;
  const text = fillFilterTemplate(preferences.userFilterExpression, identifier);
  return { text, node: parseFilter(text) };
}

/** Groups correlate by display name: the one attribute every store gives a group. */
export const GROUP_CORRELATION: Pick<ConnectionPreferences, 'userFilterExpression' | 'userIdentifier'> = {
  userFilterExpression: 'displayName eq "%s"',
  userIdentifier: 'displayName',
};
