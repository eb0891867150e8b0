import type { SchemaRegistry, SchemaScope, ScimResource } from '@idsync/scim';
import { formatDn, parseDn, type Rdn } from '../escape/distinguished-name.js';
import { readScimValues } from '../mapping/read-scim-value.js';
import { parseScimTarget, type ScimTarget } from '../mapping/scim-target.js';

/**
 * A naming template: the DN of new entries with `{scimPath}` placeholders, e.g.
 * `uid={userName},ou=people,dc=example,dc=org` or `cn={displayName},ou={urn:…:User:department},…`.
 * Values from the resource are DN-escaped when filled in, so `Smith, John` stays one RDN value.
 */
export interface NamingTemplate {
  readonly text: string;
  /** The attribute of the first RDN: the naming attribute of new entries. */
  readonly rdnAttribute: string;
  /** The trailing part without placeholders: every rendered DN lies within it. */
  readonly fixedSuffix: string;
  /** The DN for a resource; throws `MissingTemplateValueError` when a placeholder has no value. */
  render(resource: ScimResource): string;
}

export class InvalidTemplateError extends Error {
  override readonly name = 'InvalidTemplateError';
}

export class MissingTemplateValueError extends Error {
  override readonly name = 'MissingTemplateValueError';
  constructor(
    readonly template: string,
    readonly path: string,
  ) {
    super(`The naming template ${template} needs a value for ${path}, which the resource does not have.`);
  }
}

// Private-use characters stand in for placeholders while the template is parsed as a DN.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

export function parseNamingTemplate(
  text: string,
  registry: SchemaRegistry,
  scope: SchemaScope,
): NamingTemplate {
  const placeholders: { path: string; target: ScimTarget }[] = [];
  const marked = text.replace(/\{([^{}]+)\}/g, (_match, path: string) => {
    try {
      placeholders.push({ path: path.trim(), target: parseScimTarget(path.trim(), registry, scope) });
    } catch (error) {
      throw new InvalidTemplateError(`the placeholder {${path}} is not usable: ${(error as Error).message}`);
    }
    return `${OPEN}${placeholders.length - 1}${CLOSE}`;
  });
  if (/[{}]/.test(marked)) throw new InvalidTemplateError('it has an unbalanced "{" or "}"');
  let rdns: Rdn[];
  try {
    rdns = parseDn(marked);
  } catch (error) {
    throw new InvalidTemplateError((error as Error).message.replace(/[\uE000\uE001]/g, ''));
  }
  const [first] = rdns;
  if (!first || first.length !== 1)
    throw new InvalidTemplateError('its first RDN must be one attribute=value (no "+")');
  if (!MARKER.test(first[0]!.value))
    throw new InvalidTemplateError(
      'its first RDN has no {placeholder}, so every entry would get the same DN',
    );
  MARKER.lastIndex = 0;
  const hasMarker = (rdn: Rdn) => rdn.some((ava) => ava.value.includes(OPEN));
  let fixedFrom = rdns.length;
  while (fixedFrom > 0 && !hasMarker(rdns[fixedFrom - 1]!)) fixedFrom--;
  return {
    text,
    rdnAttribute: first[0]!.type,
    fixedSuffix: formatDn(rdns.slice(fixedFrom)),
    render(resource) {
      const filled = rdns.map((rdn) =>
        rdn.map((ava) => ({
          type: ava.type,
          value: ava.value.replace(MARKER, (_m, index: string) => {
            const placeholder = placeholders[Number(index)]!;
            const [value] = readScimValues(resource, placeholder.target, true);
            if (value === undefined || value.trim() === '')
              throw new MissingTemplateValueError(text, placeholder.path);
            return value;
          }),
        })),
      );
      return formatDn(filled);
    },
  };
}
