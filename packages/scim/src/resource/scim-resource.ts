/** Any JSON value a SCIM attribute can hold. */
export type ScimValue = string | number | boolean | null | ScimValue[] | { [key: string]: ScimValue };

export interface ScimMeta {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

/**
 * A SCIM resource as it is on the wire: core attributes at the top level, extension attributes
 * under their schema URN. Attribute names are case-insensitive (RFC 7643 §2.1): code that looks
 * attributes up must go through the schema registry or `getAttributeCaseInsensitive`, never `resource[name]`.
 */
export interface ScimResource {
  schemas: string[];
  id?: string;
  externalId?: string;
  meta?: ScimMeta;
  [attribute: string]: ScimValue | ScimMeta | string[] | undefined;
}
