/**
 * A reference to an attribute, `[schemaUrn ":"] attribute ["." subAttribute]` (RFC 7644 §3.10).
 * `schema` is set only when the text was URN-qualified.
 */
export interface AttributePath {
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/** ATTRNAME of RFC 7643 §2.1: ALPHA *(nameChar); `$ref` is allowed as a sub-attribute. */
const ATTRIBUTE_NAME = /^(\$ref|[A-Za-z][\w-]*)$/;

export function isValidAttributeName(name: string): boolean {
  return ATTRIBUTE_NAME.test(name);
}

/**
 * Splits the text of an attribute path. `knownSchemas` resolves URN prefixes that a plain
 * "last colon" split would get wrong; without a match the last colon separates URN and name
 * (attribute names cannot contain a colon). Returns undefined when the text is not a path.
 */
export function splitAttributePath(
  text: string,
  knownSchemas: Iterable<string> = [],
): AttributePath | undefined {
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const lower = text.toLowerCase();
    let best: string | undefined;
    for (const urn of knownSchemas) {
      const candidate = urn.toLowerCase();
      if (lower.startsWith(candidate + ':') && (!best || candidate.length > best.length)) best = urn;
    }
    if (best) {
      schema = best;
      rest = text.slice(best.length + 1);
    } else {
      const lastColon = text.lastIndexOf(':');
      schema = text.slice(0, lastColon);
      rest = text.slice(lastColon + 1);
    }
  }
  const dot = rest.indexOf('.');
  const attribute = dot < 0 ? rest : rest.slice(0, dot);
  const subAttribute = dot < 0 ? undefined : rest.slice(dot + 1);
  if (!isValidAttributeName(attribute)) return undefined;
  if (subAttribute !== undefined && !isValidAttributeName(subAttribute)) return undefined;
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

export function formatAttributePath(path: AttributePath): string {
  const base = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${base}` : base;
}
