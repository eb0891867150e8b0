import { OBJECT_TYPES, type ConfigField } from '@idsync/core';
import type { CheckContext, ConformanceCheck } from './conformance-check.js';
import { ConformanceFailure, expectThat, show } from './conformance-failure.js';

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
/** Keys that name a credential; such a field must be `secret: true` or its value ends up in logs and API answers. */
const CREDENTIAL_KEY = /password|secret|token|apikey|api_key|accesskey|privatekey|credential|clientkey/i;

function fieldProblem(field: ConfigField): string | undefined {
  if (!KEY_PATTERN.test(field.key))
    return `key ${show(field.key)} is not a camelCase name (letters and digits)`;
  if (!field.description.trim())
    return `"${field.key}" has no description; the admin UI and error messages show it`;
  if (field.type === 'enum' && (!field.values || field.values.length === 0))
    return `enum "${field.key}" lists no values`;
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    return `"${field.key}" has min ${field.min} above max ${field.max}`;
  }
  if (field.required && field.default !== undefined) {
    return `"${field.key}" is required and has a default; a default makes it optional, so drop one of the two`;
  }
  return undefined;
}

async function checkManifestWellFormed({ manifest }: CheckContext): Promise<void> {
  const where = `The manifest of "${manifest.id}"`;
  expectThat(
    ID_PATTERN.test(manifest.id),
    () => `${where}: id ${show(manifest.id)} must be lower-case kebab-case; configuration files refer to it.`,
  );
  expectThat(
    VERSION_PATTERN.test(manifest.version),
    () => `${where}: version ${show(manifest.version)} is not a semantic version (1.2.3).`,
  );
  expectThat(
    manifest.displayName.trim() !== '' && manifest.description.trim() !== '',
    () => `${where}: displayName and description must not be empty.`,
  );
  const keys = manifest.configFields.map((field) => field.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  expectThat(duplicate === undefined, () => `${where}: config field "${duplicate}" is declared twice.`);
  for (const field of manifest.configFields) {
    const problem = fieldProblem(field);
    if (problem) throw new ConformanceFailure(`${where}: ${problem}.`);
  }
  const { objectTypes, pageSize, maxMembersPerRequest, maxConcurrency } = manifest.capabilities;
  expectThat(
    objectTypes.length > 0 && objectTypes.every((type) => (OBJECT_TYPES as readonly string[]).includes(type)),
    () =>
      `${where}: capabilities.objectTypes ${show(objectTypes)} must list at least one of ${OBJECT_TYPES.join(', ')}.`,
  );
  for (const [name, value] of Object.entries({ pageSize, maxMembersPerRequest, maxConcurrency })) {
    expectThat(
      value === undefined || (Number.isInteger(value) && value > 0),
      () => `${where}: capabilities.${name} is ${show(value)}; it must be a positive integer.`,
    );
  }
}

async function checkSecretsMarked({ manifest }: CheckContext): Promise<void> {
  const unmarked = manifest.configFields.filter((field) => CREDENTIAL_KEY.test(field.key) && !field.secret);
  expectThat(
    unmarked.length === 0,
    () =>
      `Config field${unmarked.length > 1 ? 's' : ''} ${unmarked.map((field) => `"${field.key}"`).join(', ')} of "${manifest.id}" ` +
      'look like credentials but are not marked `secret: true`; unmarked values are stored in clear, logged and returned by the API.',
  );
}

const always = (): boolean => true;

export const MANIFEST_CHECKS: readonly ConformanceCheck[] = [
  {
    id: 'manifest.well-formed',
    area: 'manifest',
    title: 'the manifest has a kebab-case id, a version, described config fields and sane capabilities',
    applies: always,
    run: checkManifestWellFormed,
  },
  {
    id: 'manifest.secrets-marked',
    area: 'manifest',
    title: 'config fields that hold credentials are marked secret',
    applies: always,
    run: checkSecretsMarked,
  },
];
