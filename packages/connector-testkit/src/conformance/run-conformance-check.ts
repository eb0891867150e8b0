import { randomUUID } from 'node:crypto';
import { capabilitiesOf, type Connector, type ImplementedOperations, type ObjectType } from '@idsync/core';
import type { CheckContext, CheckScope, ConformanceCheck, ResolvedSamples } from './conformance-check.js';
import { ConformanceFailure, show } from './conformance-failure.js';
import type { ConformanceOptions, ConformanceSamples } from './conformance-options.js';
import { createRecordingContext } from './recording-context.js';
import { leakedSecretIn, secretValues } from './secret-values.js';

const OPERATION_NAMES = [
  'testConnection',
  'read',
  'find',
  'get',
  'getMany',
  'findEach',
  'latestToken',
  'changesSince',
  'create',
  'patch',
  'replace',
  'disable',
  'delete',
  'readMembers',
  'addMembers',
  'removeMembers',
  'close',
] as const;

/** The connector's methods by name. */
export function methodsOf(connector: Connector): Set<string> {
  return new Set(OPERATION_NAMES.filter((name) => typeof connector[name] === 'function'));
}

/** What decides which checks apply, read from a connector instance. */
export function scopeOf(options: ConformanceOptions, connector: Connector): CheckScope {
  return {
    options,
    manifest: options.definition.manifest,
    capabilities: capabilitiesOf(connector),
    methods: methodsOf(connector),
  };
}

function resolveSamples(samples: ConformanceSamples): ResolvedSamples {
  const invalidUser =
    samples.invalidUser ??
    ((tag: string) => {
      const { userName: _dropped, ...rest } = samples.user(tag);
      return rest as ReturnType<ConformanceSamples['user']>;
    });
  return {
    user: (tag) => samples.user(tag),
    ...(samples.group ? { group: (tag: string) => samples.group!(tag) } : {}),
    invalidUser,
    editableAttribute: samples.editableAttribute ?? 'displayName',
    unknownRemoteId: samples.unknownRemoteId ?? randomUUID(),
  };
}

/** Tags unique within the process and unlikely to collide with leftovers of an earlier run. */
const RUN_TAG = `c${Math.floor(Math.random() * 36 ** 5)
  .toString(36)
  .padStart(5, '0')}`;
let tagCounter = 0;
const nextTag = (): string => `${RUN_TAG}${(tagCounter++).toString(36)}`;

/**
 * Runs one check against a fresh fixture: connect, run, then delete what the check made (best
 * effort, through the connector or the fixture), dispose and close. Fails the check when the
 * connector logged a secret of the sample config, or when `expected` capabilities (from the
 * instance the suite was declared with) differ from this instance's.
 */
export async function runConformanceCheck(
  check: ConformanceCheck,
  options: ConformanceOptions,
  expected?: ImplementedOperations,
): Promise<void> {
  const connectorContext = createRecordingContext();
  const fixture = await options.connect(connectorContext);
  const { connector } = fixture;
  const made: { type: ObjectType; remoteId: string }[] = [];
  const context: CheckContext = {
    ...scopeOf(options, connector),
    connector,
    fixture,
    samples: resolveSamples(options.samples),
    connectorContext,
    tag: nextTag,
    remember: (type, remoteId) => made.push({ type, remoteId }),
    forget: (remoteId) => {
      const index = made.findIndex((entry) => entry.remoteId === remoteId);
      if (index >= 0) made.splice(index, 1);
    },
  };
  try {
    if (expected && show(expected) !== show(context.capabilities)) {
      throw new ConformanceFailure(
        `The connector from connect() implements ${show(context.capabilities)}, but the one made from sampleConfig implements ${show(expected)}. ` +
          'Capabilities must come from the connector class, not vary per instance: the engine plans with them.',
      );
    }
    await check.run(context);
    const secrets = secretValues(context.manifest, options.sampleConfig, options.badCredentialsConfig);
    const leak = connectorContext.lines.find(
      (line) => leakedSecretIn(`${line.message} ${JSON.stringify(line.fields ?? {})}`, secrets) !== undefined,
    );
    if (leak) {
      throw new ConformanceFailure(
        `The connector logged a secret of its config (in a ${leak.level} line "${leak.message.slice(0, 60)}…"). Never log secrets.`,
      );
    }
  } finally {
    await cleanUp(context, made);
  }
}

async function cleanUp(
  context: CheckContext,
  made: readonly { type: ObjectType; remoteId: string }[],
): Promise<void> {
  const { connector, fixture } = context;
  // Newest first: groups made after their members go before them.
  for (const { type, remoteId } of [...made].reverse()) {
    try {
      if (connector.delete) await connector.delete(type, remoteId);
      else await fixture.remove?.(type, remoteId);
    } catch {
      // Best effort: the check may have deleted it already, or the connector's delete is what failed.
    }
  }
  await fixture.dispose?.();
  await connector.close?.();
}
