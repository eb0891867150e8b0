/** The kinds of object idsync keeps in step. Names match the SCIM resource types. */
export const OBJECT_TYPES = ['User', 'Group'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
