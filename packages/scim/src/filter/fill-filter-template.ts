import { ScimError } from '../errors/scim-error.js';
import type { FilterParseOptions } from './filter-parser.js';
import { parseFilter } from './parse-filter.js';

/** What can fill a `%s`: strings as they are, numbers and booleans as their text. */
export type FilterTemplateValue = string | number | boolean;

/**
 * Fills the `%s` placeholders of a filter template such as PingOne's user filter expression
 * `userName eq "%s"`. Every `%s` must sit inside a double-quoted string of the template, and
 * each value is JSON-escaped there, so a value holding `"`, `\` or control characters stays
 * one string literal and cannot add conditions to the filter. `%%` inside a string is a
 * literal `%`.
 *
 * One value fills every placeholder (a template may name the identifier twice, as in
 * `userName eq "%s" or emails.value eq "%s"`); an array fills them in order and must have
 * one value per placeholder. The result is parsed before it is returned, so a broken template
 * fails here with `invalidFilter` rather than at the remote service.
 */
export function fillFilterTemplate(
  template: string,
  values: FilterTemplateValue | readonly FilterTemplateValue[],
  options?: FilterParseOptions,
): string {
  const list = Array.isArray(values) ? (values as readonly FilterTemplateValue[]) : undefined;
  let output = '';
  let used = 0;
  let inString = false;
  for (let index = 0; index < template.length; index++) {
    const character = template[index] as string;
    const following = template[index + 1];
    if (!inString) {
      if (character === '%' && following === 's') {
        throw ScimError.invalidFilter(
          `The %s at position ${index + 1} of the filter template "${template}" is outside a quoted string; ` +
            'write "%s" so that the value stays one string literal.',
        );
      }
      if (character === '"') inString = true;
      output += character;
    } else if (character === '\\' && following !== undefined) {
      output += character + following;
      index++;
    } else if (character === '%' && following === '%') {
      output += '%';
      index++;
    } else if (character === '%' && following === 's') {
      const value = list ? list[used] : (values as FilterTemplateValue);
      if (value === undefined) {
        throw ScimError.invalidFilter(
          `The filter template "${template}" has more %s placeholders than the ${list?.length} values given.`,
        );
      }
      output += escapeInString(value);
      used++;
      index++;
    } else {
      if (character === '"') inString = false;
      output += character;
    }
  }
  if (list && used !== list.length) {
    throw ScimError.invalidFilter(
      `The filter template "${template}" has ${used} %s placeholders, but ${list.length} values were given.`,
    );
  }
  if (used === 0) {
    throw ScimError.invalidFilter(`The filter template "${template}" has no "%s" placeholder for the value.`);
  }
  parseFilter(output, options);
  return output;
}

/** The JSON escaping of a value, without the surrounding quotes. */
function escapeInString(value: FilterTemplateValue): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw ScimError.invalidFilter(
      `A filter template value must be a string, number or boolean, not ${typeof value}.`,
    );
  }
  const json = JSON.stringify(String(value));
  return json.slice(1, -1);
}
