const REFERENCE = /^bulkId:(.+)$/;

/** The bulkId a string refers to (`bulkId:qwerty` → `qwerty`), if it is a reference. */
export function referencedBulkId(value: string): string | undefined {
  return REFERENCE.exec(value)?.[1];
}

/** Every bulkId referred to in an operation's path and data (any string value, at any depth). */
export function bulkIdReferences(path: string, data: unknown): Set<string> {
  const found = new Set<string>();
  for (const segment of path.split('/')) {
    const id = referencedBulkId(segment);
    if (id !== undefined) found.add(id);
  }
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const id = referencedBulkId(value);
      if (id !== undefined) found.add(id);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(data);
  return found;
}

/** Replaces `bulkId:x` references with the ids the operations that created them got. */
export function substituteBulkIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') {
    const id = referencedBulkId(value);
    return (id !== undefined && ids.has(id) ? ids.get(id) : value) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => substituteBulkIds(item, ids)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteBulkIds(item, ids)]),
    ) as T;
  }
  return value;
}

/** `substituteBulkIds` for a path such as `/Groups/bulkId:qwerty`. */
export function substitutePathBulkIds(path: string, ids: ReadonlyMap<string, string>): string {
  return path
    .split('/')
    .map((segment) => substituteBulkIds(segment, ids))
    .join('/');
}
