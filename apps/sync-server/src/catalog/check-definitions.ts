import {
  checkBidirectionalRules,
  compileRule,
  ConfigError,
  isMappingCompileError,
  type ConfigIssue,
  type MappingExpressionError,
  type ConnectorRegistry,
  type ProvisioningRule,
} from '@idsync/core';
import type { SchemaRegistry } from '@idsync/scim';
import { closestName } from '../config/closest-name.js';
import type { ConnectionDefinition, RuleDefinition } from '../config/config-schema.js';
import { toConnection } from './to-connection.js';
import { toRule } from './to-rule.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A mapping problem keyed by the mapping's place in the list (counted from 0, as in the file's paths). */
function mappingIssue(ruleKey: string, error: MappingExpressionError): ConfigIssue {
  const where =
    error.mappingNumber !== undefined
      ? `${ruleKey}.mappings[${error.mappingNumber - 1}]`
      : `${ruleKey}.mappings`;
  const field = error.field && error.field !== 'mapping' ? `.${error.field}` : '';
  return {
    key: `${where}${field}`,
    problem: `${error.reason}\n${error.excerpt.replace(/^/gm, '      ')}`,
    fix: '',
  };
}

/**
 * The checks a schema cannot make: connector plugins exist and accept their settings, names
 * are unique, rules name a known connection whose connector handles the object type, scope
 * filters and mapping expressions compile, and two-way rules give every shared attribute an
 * owner. Used on the config file at start and on every admin API change, so both refuse
 * the same mistakes with the same words.
 */
export function checkDefinitions(
  connections: readonly ConnectionDefinition[],
  rules: readonly RuleDefinition[],
  connectors: ConnectorRegistry,
  schemas: SchemaRegistry,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seenConnections = new Set<string>();
  const objectTypesOf = new Map<string, readonly string[]>();
  for (const definition of connections) {
    const key = `connections.${definition.name}`;
    if (seenConnections.has(definition.name)) {
      issues.push({
        key: `${key}.name`,
        problem: 'is used by two connections.',
        fix: 'Give each connection its own name.',
      });
    }
    seenConnections.add(definition.name);
    if (!connectors.has(definition.connector)) {
      const guess = closestName(definition.connector, connectors.ids());
      issues.push({
        key: `${key}.connector`,
        problem: `"${definition.connector}" is not an installed connector.`,
        fix: `${guess ? `Did you mean "${guess}"? ` : ''}Installed connectors: ${connectors.ids().join(', ')}.`,
      });
      continue;
    }
    const manifest = connectors.get(definition.connector).manifest;
    objectTypesOf.set(definition.name, manifest.capabilities.objectTypes);
    try {
      toConnection(definition, manifest);
    } catch (error) {
      if (error instanceof ConfigError) issues.push(...error.issues);
      else
        issues.push({
          key: `${key}.config`,
          problem: messageOf(error),
          fix: `Check the settings of the "${definition.connector}" connector.`,
        });
    }
  }

  const seenRules = new Set<string>();
  const valid: ProvisioningRule[] = [];
  for (const definition of rules) {
    const key = `rules.${definition.name}`;
    if (seenRules.has(definition.name))
      issues.push({
        key: `${key}.name`,
        problem: 'is used by two rules.',
        fix: 'Give each rule its own name.',
      });
    seenRules.add(definition.name);
    const types = objectTypesOf.get(definition.connection);
    if (!seenConnections.has(definition.connection)) {
      const guess = closestName(definition.connection, [...seenConnections]);
      issues.push({
        key: `${key}.connection`,
        problem: `names the connection "${definition.connection}", which does not exist.`,
        fix: guess
          ? `Did you mean "${guess}"?`
          : `Define it under connections, or use one of: ${[...seenConnections].join(', ') || '(none defined)'}.`,
      });
      continue;
    }
    if (types && !types.includes(definition.objectType)) {
      issues.push({
        key: `${key}.objectType`,
        problem: `is ${definition.objectType}, which the connection's connector does not handle.`,
        fix: `Use one of: ${types.join(', ')}.`,
      });
      continue;
    }
    const rule = toRule(definition);
    try {
      compileRule(rule, schemas);
      valid.push(rule);
    } catch (error) {
      if (error instanceof ConfigError) issues.push(...error.issues);
      else if (isMappingCompileError(error)) issues.push(...error.errors.map((e) => mappingIssue(key, e)));
      else
        issues.push({
          key: `${key}.mappings`,
          problem: messageOf(error),
          fix: 'Correct the mapping named in the message.',
        });
    }
  }
  issues.push(...checkBidirectionalRules(valid));
  return issues;
}
