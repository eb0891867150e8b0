import { ScimError } from '../errors/scim-error.js';

/** How many characters of the filter are shown on each side of the caret. */
const EXCERPT_RADIUS = 40;

/**
 * A filter or PATCH path that does not parse. It is an ordinary `ScimError` (400
 * `invalidFilter`, or `invalidPath` for PATCH paths), so servers answer it like any other; the
 * extra fields let callers and tests point at the exact spot without parsing the message.
 */
export class FilterSyntaxError extends ScimError {
  constructor(
    scimType: 'invalidFilter' | 'invalidPath',
    /** Why the text was refused, without the position and excerpt. */
    readonly reason: string,
    /** 1-based character position of the problem in `text` (`text.length + 1` means "at the end"). */
    readonly position: number,
    /** The text that was being parsed. */
    readonly text: string,
  ) {
    super(400, scimType, `${reason} at position ${position}:\n${caretExcerpt(text, position)}`);
  }
}

/**
 * Two lines: the filter (a window of it when long) and a caret under `position`. Tabs and line
 * breaks are shown as spaces so the caret stays aligned in a monospace console or log.
 */
export function caretExcerpt(text: string, position: number): string {
  const index = Math.max(0, Math.min(position - 1, text.length));
  const start = Math.max(0, index - EXCERPT_RADIUS);
  const end = Math.min(text.length, index + EXCERPT_RADIUS);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  let shown = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    shown += code < 0x20 || code === 0x7f ? ' ' : text.charAt(i);
  }
  return `  ${prefix}${shown}${suffix}\n  ${' '.repeat(prefix.length + index - start)}^`;
}
