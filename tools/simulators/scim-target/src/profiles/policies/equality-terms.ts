import { formatFilter, ScimError, type FilterLiteral, type FilterNode } from '@idsync/scim';

/** One `attribute eq value` of a filter made only of equality tests joined by `and`. */
export interface EqualityTerm {
  /** Lower-case `attribute` or `attribute.subAttribute`, without a schema URN. */
  readonly attribute: string;
  readonly value: FilterLiteral;
}

/**
 * Reads a filter that vendors with a minimal filter engine accept — `a eq "x"`, optionally
 * `and`-joined — into its terms. Anything else (`or`, `not`, `pr`, other operators, value
 * paths) is refused with `invalidFilter`, naming what is not supported.
 */
export function equalityTerms(filter: FilterNode, vendor: string): EqualityTerm[] {
  const refuse = (what: string) =>
    ScimError.invalidFilter(
      `${vendor} supports only filters of the form attribute eq "value"${vendor.includes('AWS') ? ' joined by and' : ''}; "${formatFilter(filter)}" uses ${what}.`,
    );
  const terms: EqualityTerm[] = [];
  const visit = (node: FilterNode): void => {
    switch (node.kind) {
      case 'and':
        visit(node.left);
        visit(node.right);
        return;
      case 'comparison': {
        if (node.operator !== 'eq') throw refuse(`the operator "${node.operator}"`);
        const name = node.path.subAttribute
          ? `${node.path.attribute}.${node.path.subAttribute}`
          : node.path.attribute;
        terms.push({ attribute: name.toLowerCase(), value: node.value });
        return;
      }
      case 'or':
        throw refuse('"or"');
      case 'not':
        throw refuse('"not"');
      case 'present':
        throw refuse('"pr"');
      case 'valuePath':
        throw refuse('a value filter "[…]"');
    }
  };
  visit(filter);
  return terms;
}

/** The attribute names of some terms, sorted, for comparing against allowed combinations. */
export function combinationOf(
  terms: readonly EqualityTerm[],
  aliases: Readonly<Record<string, string>> = {},
): string {
  return terms
    .map((term) => aliases[term.attribute] ?? term.attribute)
    .sort()
    .join('+');
}
