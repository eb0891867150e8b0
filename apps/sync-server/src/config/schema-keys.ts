import type { z } from 'zod';
import type { ConfigPath } from './config-path.js';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Looks through wrappers (optional, default, pipe…) to the schema that shapes the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/**
 * The keys an object accepts at a path of the config, for "use one of …" hints on an
 * unknown key. Union members (mapping kinds) contribute all their keys.
 */
export function knownKeysAt(schema: z.ZodType, path: ConfigPath): string[] {
  const expand = (nodes: z.ZodType[]): z.ZodType[] =>
    nodes.flatMap((node) =>
      defOf(node).type === 'union' ? (defOf(node).options ?? []).map(unwrap) : [node],
    );
  let nodes = expand([unwrap(schema)]);
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const node of nodes) {
      const def = defOf(node);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
        next.push(unwrap(def.shape[segment]));
      else if (def.type === 'array' && typeof segment === 'number' && def.element)
        next.push(unwrap(def.element));
    }
    nodes = expand(next);
  }
  const keys = new Set<string>();
  for (const node of nodes) {
    const def = defOf(node);
    if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  }
  return [...keys];
}
