/** A location in the config tree, as zod and the YAML parser give it. */
export type ConfigPath = readonly PropertyKey[];

/**
 * Renders a key path the way people find it in the file: connections and rules by their
 * name (`connections.hr.config.baseUrl`), other list items by index (`tokens[0].token`).
 */
export function formatConfigPath(path: ConfigPath, raw: unknown): string {
  let text = '';
  let node: unknown = raw;
  for (const segment of path) {
    const item =
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
      text += typeof name === 'string' && /^[\w.-]+$/.test(name) ? `.${name}` : `[${segment}]`;
    } else {
      text += text ? `.${String(segment)}` : String(segment);
    }
    node = item;
  }
  return text || '(top level)';
}
