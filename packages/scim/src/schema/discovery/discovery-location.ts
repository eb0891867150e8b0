/**
 * The absolute URL of a discovery resource: the service's base URL (with or without a trailing
 * slash) and the path segments below it. Segments are inserted as they are: a schema URN keeps
 * its colons, which are legal in a URL path and what clients expect in `/Schemas/{urn}`.
 */
export function discoveryLocation(baseUrl: string, ...segments: string[]): string {
  return [baseUrl.replace(/\/+$/, ''), ...segments.map((s) => s.replace(/^\/+|\/+$/g, ''))].join('/');
}
