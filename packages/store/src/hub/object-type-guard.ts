import { OBJECT_TYPES, type ObjectType } from '@idsync/core';

/** Object types arrive from URLs and configuration too; a wrong one is a programming error. */
export function assertObjectType(type: ObjectType): void {
  if (!(OBJECT_TYPES as readonly string[]).includes(type)) {
    throw new TypeError(`"${String(type)}" is not a hub object type; use one of ${OBJECT_TYPES.join(', ')}.`);
  }
}
