/**
 * A typed builder for Codat's query language (docs/codat-api.md §4). Values are bare in Codat's language (there is
 * no quoting), so free text is neutralised before it enters a query: anything that could start an operator
 * or a group is removed. The finished expression is encoded once, with encodeURIComponent.
 */

export type ComparisonOperator = '=' | '!=' | '~' | '>' | '<' | '>=' | '<=';

export interface QueryExpression {
  readonly text: string;
  /** Needs braces when combined with && (it is an || chain). */
  readonly isDisjunction: boolean;
}

const fieldPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Removes whatever could change a query's structure: `&&`, `||`, `{`, `}`, `=`, `!`, `~`, `<`, `>`.
 * A single `&` or `|` inside the text is kept (company names such as "Smith & Sons" need it) unless it would
 * pair up; at either end it is dropped.
 * Whitespace is collapsed and trimmed. May return an empty string.
 */
export function neutraliseQueryText(text: string): string {
  let value = text.replace(/[{}=!~<>]/g, ' ');
  // Remove doubled & and | until none remain ("&&&" would otherwise leave "&&" behind).
  let previous: string;
  do {
    previous = value;
    value = value.replace(/&\s*&/g, '&').replace(/\|\s*\|/g, '|');
  } while (value !== previous);
  // A lone & or | at either end would fuse with the && or || that joins this condition to the next.
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[&|\s]+|[&|\s]+$/g, '');
}

function condition(
  field: string,
  operator: ComparisonOperator,
  value: string | number | boolean | Date,
): QueryExpression {
  if (!fieldPattern.test(field)) throw new TypeError(`Not a queryable field name: ${field}`);
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Query numbers must be finite: ${value}`);
    text = String(value);
  } else if (typeof value === 'boolean') text = String(value);
  else text = neutraliseQueryText(value);
  if (text === '') throw new TypeError(`The value for ${field} is empty once neutralised.`);
  return { text: `${field}${operator}${text}`, isDisjunction: false };
}

export const q = {
  eq: (field: string, value: string | number | boolean | Date) => condition(field, '=', value),
  ne: (field: string, value: string | number | boolean | Date) => condition(field, '!=', value),
  contains: (field: string, value: string) => condition(field, '~', value),
  gt: (field: string, value: number | Date) => condition(field, '>', value),
  lt: (field: string, value: number | Date) => condition(field, '<', value),
  gte: (field: string, value: number | Date) => condition(field, '>=', value),
  lte: (field: string, value: number | Date) => condition(field, '<=', value),
  and(...parts: QueryExpression[]): QueryExpression {
    if (parts.length === 0) throw new TypeError('and() needs at least one part.');
    return {
      text: parts.map((part) => (part.isDisjunction && parts.length > 1 ? `{${part.text}}` : part.text)).join('&&'),
      isDisjunction: parts.length === 1 && parts[0]!.isDisjunction,
    };
  },
  or(...parts: QueryExpression[]): QueryExpression {
    if (parts.length === 0) throw new TypeError('or() needs at least one part.');
    return { text: parts.map((part) => part.text).join('||'), isDisjunction: parts.length > 1 };
  },
};

/** The value for the `query` (or `tags`) search parameter, encoded once. */
export function encodeQuery(expression: QueryExpression): string {
  return encodeURIComponent(expression.text);
}
