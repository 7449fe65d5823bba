/**
 * Query language of the sandbox, the local stand-in for Codat's `query`, `orderBy` and `tags` parameters.
 *
 * Codat documents the operators (docs/codat-api.md §4) but not the edge cases, so the following choices are ours:
 * - Grammar: conditions `field op value` joined by `&&` (binds tighter) and `||`, grouped with `{ }`.
 *   Values are bare: a value runs to the next `&&`, `||`, `}` or the end and is trimmed, so it may hold spaces,
 *   parentheses, `'`, a single `&` or `|`, `!`, `=`, commas and so on. A value may not start with a second operator
 *   (`name==x`, `name<>x`) nor contain `{`: both are rejected rather than guessed at.
 * - Field names must match the schema exactly (case-sensitive); values are compared as described below.
 * - Strings: `=`, `!=` and `~` (contains) ignore case, as Codat runs on a case-insensitive SQL collation.
 *   Case is folded with toUpperCase because, unlike toLowerCase, it has no context rules (Greek final sigma),
 *   so "a contains b" survives folding. `>`, `<`, `>=`, `<=` are rejected on strings.
 * - Numbers: the value must be a finite decimal number; `~` is rejected.
 * - Dates: ISO 8601 in records and queries; no zone means UTC; fractional seconds are kept to the nanosecond
 *   (Codat writes 7 digits). Compared as instants, so `created=2024-01-01` means exactly midnight UTC, not "that day".
 * - Booleans: `true`/`false` in any case, with `=` and `!=` only.
 * - A missing or null value (or one that does not convert to the field's type) matches only `!=`.
 * - Arrays on the path: `=`, `~` and comparisons match if any element does; `!=` matches if no element equals the
 *   value. An empty array therefore behaves like a missing value.
 * - orderBy sorts an array-valued path by its first usable element; missing values sort last in both directions.
 * - Tags filter: keys and values are case-sensitive (the only tag rule Codat documents, for webhook companyTags,
 *   is case-sensitive); only `=`, `!=` and `~` are allowed; an absent key matches only `!=`.
 * - Error positions are 0-based character offsets into the expression.
 */

export class QueryError extends Error {
  override name = 'QueryError';
}

export type FieldType = 'string' | 'number' | 'date' | 'boolean';

/**
 * Queryable fields of one resource: dotted path -> type. Path segments walk objects; if a segment hits an array,
 * the rest of the path is applied to each element (any-match).
 */
export interface QuerySchema {
  resource: string;
  fields: Record<string, FieldType>;
}

export type Predicate<T> = (record: T) => boolean;

const MAX_EXPRESSION_LENGTH = 2048;

type Operator = '=' | '!=' | '~' | '>' | '<' | '>=' | '<=';

// Longest first, so `>=` is not read as `>` followed by a value starting with `=`.
const OPERATORS: readonly Operator[] = ['!=', '>=', '<=', '=', '~', '>', '<'];

const FIELD_PATH = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
// Tag keys are chosen by Codat's customers, so allow anything that cannot be mistaken for syntax.
const TAG_KEY = /[^\s=!~<>{}&|]+/y;
const WHITESPACE = /\s*/y;

interface Condition {
  field: string;
  operator: Operator;
  operatorStart: number;
  value: string;
  valueStart: number;
}

interface Grammar<R> {
  /** What the whole expression is called in error messages. */
  subject: string;
  /** Sticky pattern for the left-hand side of a condition. */
  fieldPattern: RegExp;
  /** What the left-hand side is called in error messages. */
  fieldNoun: string;
  buildCondition(condition: Condition): Predicate<R>;
}

/**
 * Recursive descent over:
 *   anyOf := allOf ('||' allOf)*;  allOf := operand ('&&' operand)*;  operand := '{' anyOf '}' | condition
 */
class ExpressionParser<R> {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly grammar: Grammar<R>,
  ) {}

  parse(): Predicate<R> {
    this.skipWhitespace();
    if (this.atEnd()) throw new QueryError(`${this.grammar.subject} is empty`);
    const predicate = this.parseAnyOf();
    this.skipWhitespace();
    if (!this.atEnd()) {
      if (this.startsWith('}')) throw new QueryError(`Unbalanced '}' at position ${this.position}: no '{' is open`);
      throw new QueryError(
        `Expected '&&' or '||' at position ${this.position}, found ${this.describeAt(this.position)}`,
      );
    }
    return predicate;
  }

  private parseAnyOf(): Predicate<R> {
    const first = this.parseAllOf();
    const alternatives = [first];
    while (this.consumeJoiner('||')) alternatives.push(this.parseAllOf());
    return alternatives.length === 1 ? first : (record) => alternatives.some((matches) => matches(record));
  }

  private parseAllOf(): Predicate<R> {
    const first = this.parseOperand();
    const requirements = [first];
    while (this.consumeJoiner('&&')) requirements.push(this.parseOperand());
    return requirements.length === 1 ? first : (record) => requirements.every((matches) => matches(record));
  }

  private consumeJoiner(joiner: '&&' | '||'): boolean {
    this.skipWhitespace();
    if (!this.startsWith(joiner)) return false;
    this.position += joiner.length;
    this.skipWhitespace();
    if (this.atEnd() || this.startsWith('}') || this.startsWith('&&') || this.startsWith('||')) {
      throw new QueryError(`Expected a condition after '${joiner}' at position ${this.position}`);
    }
    return true;
  }

  private parseOperand(): Predicate<R> {
    this.skipWhitespace();
    const start = this.position;
    if (this.startsWith('{')) return this.parseGroup();
    if (this.startsWith('}')) throw new QueryError(`Unbalanced '}' at position ${start}: no '{' is open`);
    for (const joiner of ['&&', '||']) {
      if (this.startsWith(joiner)) {
        throw new QueryError(`Unexpected '${joiner}' at position ${start}: it must join two conditions`);
      }
    }
    return this.parseCondition();
  }

  private parseGroup(): Predicate<R> {
    const openedAt = this.position;
    this.position += 1;
    this.skipWhitespace();
    if (this.startsWith('}')) throw new QueryError(`Empty group '{}' at position ${openedAt}`);
    if (this.atEnd()) throw this.unclosedGroup(openedAt);
    const inner = this.parseAnyOf();
    this.skipWhitespace();
    if (this.atEnd()) throw this.unclosedGroup(openedAt);
    if (!this.startsWith('}')) {
      throw new QueryError(
        `Expected '&&', '||' or '}' at position ${this.position}, found ${this.describeAt(this.position)}`,
      );
    }
    this.position += 1;
    return inner;
  }

  private unclosedGroup(openedAt: number): QueryError {
    const subject = this.grammar.subject.toLowerCase();
    return new QueryError(`Unbalanced '{' in ${subject}: the group opened at position ${openedAt} is never closed`);
  }

  private parseCondition(): Predicate<R> {
    const { fieldPattern, fieldNoun } = this.grammar;
    const fieldStart = this.position;
    fieldPattern.lastIndex = fieldStart;
    const field = fieldPattern.exec(this.text)?.[0];
    if (field === undefined) {
      throw new QueryError(`Expected a ${fieldNoun} at position ${fieldStart}, found ${this.describeAt(fieldStart)}`);
    }
    this.position += field.length;

    this.skipWhitespace();
    const operatorStart = this.position;
    const operator = OPERATORS.find((candidate) => this.startsWith(candidate));
    if (operator === undefined) {
      throw new QueryError(`Expected an operator after '${field}' at position ${operatorStart}`);
    }
    this.position += operator.length;

    this.skipWhitespace();
    const valueStart = this.position;
    const secondOperator = OPERATORS.find((candidate) => this.startsWith(candidate));
    if (secondOperator !== undefined) {
      throw new QueryError(
        `Unexpected second operator '${secondOperator}' after '${operator}' at position ${valueStart}`,
      );
    }
    const valueEnd = this.findValueEnd(field);
    const value = this.text.slice(valueStart, valueEnd).trim();
    if (value === '') throw new QueryError(`Expected a value after '${field}${operator}' at position ${valueStart}`);
    this.position = valueEnd;

    return this.grammar.buildCondition({ field, operator, operatorStart, value, valueStart });
  }

  /** A bare value runs until `&&`, `||`, `}` or the end; there is no quoting, so nothing can be escaped. */
  private findValueEnd(field: string): number {
    for (let index = this.position; index < this.text.length; index += 1) {
      const char = this.text[index];
      if (char === '}' || this.text.startsWith('&&', index) || this.text.startsWith('||', index)) return index;
      if (char === '{') {
        throw new QueryError(
          `Unexpected '{' at position ${index} in the value of '${field}': braces only group conditions`,
        );
      }
    }
    return this.text.length;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private describeAt(position: number): string {
    const codePoint = this.text.codePointAt(position);
    return codePoint === undefined ? 'the end' : `'${String.fromCodePoint(codePoint)}'`;
  }
}

/** How one field type reads values from records and from queries, and how it orders them. */
interface TypeRules<V> {
  operators: readonly Operator[];
  /** Shown after an invalid query value. */
  expected: string;
  /** Undefined when the record value is not of this type; it then counts as missing. */
  fromRecord(value: unknown): V | undefined;
  fromQuery(text: string): V | undefined;
  compare(a: V, b: V): number;
  contains?(haystack: V, needle: V): boolean;
}

/** TypeRules with the value type hidden, so the four types can live in one table. */
interface FieldKind {
  operators: readonly Operator[];
  expected: string;
  /** Undefined when `text` is not a value of this type. */
  compileTest(operator: Operator, text: string): ((recordValues: readonly unknown[]) => boolean) | undefined;
  compareForOrder(a: readonly unknown[], b: readonly unknown[], direction: 1 | -1): number;
}

function defineKind<V>(rules: TypeRules<V>): FieldKind {
  const usable = (recordValues: readonly unknown[]): V[] =>
    recordValues.map((value) => rules.fromRecord(value)).filter((value): value is V => value !== undefined);
  const first = (recordValues: readonly unknown[]): V | undefined => usable(recordValues)[0];

  return {
    operators: rules.operators,
    expected: rules.expected,
    compileTest(operator, text) {
      const wanted = rules.fromQuery(text);
      if (wanted === undefined) return undefined;
      const matches = singleValueTest(rules, operator, wanted);
      // `!=` must hold for every element (so none equals); the others need one match. Empty: true and false.
      return operator === '!='
        ? (recordValues) => usable(recordValues).every(matches)
        : (recordValues) => usable(recordValues).some(matches);
    },
    compareForOrder(a, b, direction) {
      const left = first(a);
      const right = first(b);
      if (left === undefined || right === undefined) {
        if (left === right) return 0;
        return left === undefined ? 1 : -1;
      }
      return direction * rules.compare(left, right);
    },
  };
}

function singleValueTest<V>(rules: TypeRules<V>, operator: Operator, wanted: V): (value: V) => boolean {
  switch (operator) {
    case '=':
      return (value) => rules.compare(value, wanted) === 0;
    case '!=':
      return (value) => rules.compare(value, wanted) !== 0;
    case '~':
      return (value) => rules.contains?.(value, wanted) ?? false;
    case '>':
      return (value) => rules.compare(value, wanted) > 0;
    case '<':
      return (value) => rules.compare(value, wanted) < 0;
    case '>=':
      return (value) => rules.compare(value, wanted) >= 0;
    case '<=':
      return (value) => rules.compare(value, wanted) <= 0;
  }
}

function compareOrdered<V extends string | number | bigint>(a: V, b: V): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

const foldCase = (text: string): string => text.toUpperCase();

const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

function parseBooleanText(text: string): boolean | undefined {
  const lowered = text.trim().toLowerCase();
  if (lowered === 'true') return true;
  return lowered === 'false' ? false : undefined;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const NANOSECONDS_PER_MILLISECOND = 1_000_000n;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses an ISO 8601 date or date-time into nanoseconds since the epoch. Hand-rolled because Date.parse reads a
 * zoneless date-time as local time and cannot keep Codat's 7 fractional digits.
 */
function parseInstant(text: string): bigint | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, zoneText] = match;
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  const [hour, minute, second] = [Number(hourText ?? 0), Number(minuteText ?? 0), Number(secondText ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  if (zoneText !== undefined && zoneText.toUpperCase() !== 'Z') {
    const digits = zoneText.slice(1).replace(':', '');
    const [offsetHours, offsetRest] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (zoneText.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }

  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const nanosWithinSecond = BigInt((fractionText ?? '').slice(0, 9).padEnd(9, '0'));
  return BigInt(date.getTime()) * NANOSECONDS_PER_MILLISECOND + nanosWithinSecond;
}

const EQUALITY: readonly Operator[] = ['=', '!='];
const COMPARISONS: readonly Operator[] = ['=', '!=', '>', '<', '>=', '<='];

const FIELD_KINDS: Record<FieldType, FieldKind> = {
  string: defineKind<string>({
    operators: ['=', '!=', '~'],
    expected: 'text',
    fromRecord: (value) =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? foldCase(String(value))
        : undefined,
    fromQuery: foldCase,
    compare: compareOrdered,
    contains: (haystack, needle) => haystack.includes(needle),
  }),
  number: defineKind<number>({
    operators: COMPARISONS,
    expected: 'a finite number',
    fromRecord: (value) => {
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      return typeof value === 'string' ? parseDecimal(value) : undefined;
    },
    fromQuery: parseDecimal,
    compare: compareOrdered,
  }),
  date: defineKind<bigint>({
    operators: COMPARISONS,
    expected: 'a date as YYYY-MM-DD or an ISO 8601 date-time',
    fromRecord: (value) => {
      if (typeof value === 'string') return parseInstant(value);
      if (value instanceof Date && !Number.isNaN(value.getTime())) {
        return BigInt(value.getTime()) * NANOSECONDS_PER_MILLISECOND;
      }
      return undefined;
    },
    fromQuery: parseInstant,
    compare: compareOrdered,
  }),
  boolean: defineKind<boolean>({
    operators: EQUALITY,
    expected: 'true or false',
    fromRecord: (value) =>
      typeof value === 'boolean' ? value : typeof value === 'string' ? parseBooleanText(value) : undefined,
    fromQuery: parseBooleanText,
    compare: (a, b) => Number(a) - Number(b),
  }),
};

function resolveField(field: string, schema: QuerySchema): FieldKind {
  // hasOwn, so that `constructor` or `__proto__` never resolve through the prototype.
  const type = Object.hasOwn(schema.fields, field) ? schema.fields[field] : undefined;
  const kind = type === undefined ? undefined : FIELD_KINDS[type];
  if (kind === undefined) throw new QueryError(`Could not resolve property '${field}' on ${schema.resource}`);
  return kind;
}

/** Values at a dotted path; arrays anywhere on the path (or at its end) contribute each element. */
function collectValues(value: unknown, path: readonly string[], depth = 0, into: unknown[] = []): unknown[] {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value)) {
    for (const element of value) collectValues(element, path, depth, into);
    return into;
  }
  const segment = path[depth];
  if (segment === undefined) {
    into.push(value);
  } else if (typeof value === 'object' && segment in value && !(segment in Object.prototype)) {
    // `in`, not hasOwn: records may expose fields as lazy getters. Field names were already checked against
    // the schema, and Object.prototype's own names are never read.
    collectValues((value as Record<string, unknown>)[segment], path, depth + 1, into);
  }
  return into;
}

function assertExpressionText(expression: unknown, what: string): asserts expression is string {
  if (typeof expression !== 'string') throw new QueryError(`${what} must be text`);
  if (expression.length >= MAX_EXPRESSION_LENGTH) {
    throw new QueryError(
      `${what} must be under ${MAX_EXPRESSION_LENGTH} characters; this one has ${expression.length}`,
    );
  }
}

function buildFieldCondition(condition: Condition, schema: QuerySchema): Predicate<unknown> {
  const { field, operator, operatorStart, value, valueStart } = condition;
  const kind = resolveField(field, schema);
  const type = schema.fields[field];
  if (!kind.operators.includes(operator)) {
    throw new QueryError(
      `Operator '${operator}' cannot be used on ${type} field '${field}' at position ${operatorStart}; ` +
        `use one of ${kind.operators.join(' ')}`,
    );
  }
  const test = kind.compileTest(operator, value);
  if (test === undefined) {
    throw new QueryError(
      `Invalid value '${value}' for ${type} field '${field}' at position ${valueStart}: expected ${kind.expected}`,
    );
  }
  const path = field.split('.');
  return (record) => test(collectValues(record, path));
}

export function parseQuery<T>(expression: string, schema: QuerySchema): Predicate<T> {
  assertExpressionText(expression, 'Query');
  return new ExpressionParser<unknown>(expression, {
    subject: 'Query',
    fieldPattern: FIELD_PATH,
    fieldNoun: 'field name',
    buildCondition: (condition) => buildFieldCondition(condition, schema),
  }).parse();
}

/**
 * orderBy: "field" ascending, "-field" descending; a field not in schema -> QueryError.
 * Missing/null values sort last in both directions. Stable tie-break is the caller's job.
 */
export function parseOrderBy<T>(orderBy: string, schema: QuerySchema): (a: T, b: T) => number {
  assertExpressionText(orderBy, 'orderBy');
  const text = orderBy.trim();
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  FIELD_PATH.lastIndex = 0;
  if (FIELD_PATH.exec(field)?.[0] !== field) {
    throw new QueryError(`Invalid orderBy '${orderBy}': expected 'field' or '-field'`);
  }
  const kind = resolveField(field, schema);
  const path = field.split('.');
  const direction = descending ? -1 : 1;
  return (a, b) => kind.compareForOrder(collectValues(a, path), collectValues(b, path), direction);
}

type Tags = Record<string, string> | undefined | null;

function buildTagCondition({ field: key, operator, operatorStart, value }: Condition): Predicate<Tags> {
  if (operator !== '=' && operator !== '!=' && operator !== '~') {
    throw new QueryError(
      `Operator '${operator}' is not supported in a tags filter at position ${operatorStart}; use =, != or ~`,
    );
  }
  return (tags) => {
    const actual = tags !== null && typeof tags === 'object' && Object.hasOwn(tags, key) ? tags[key] : undefined;
    if (typeof actual !== 'string') return operator === '!=';
    if (operator === '~') return actual.includes(value);
    return (actual === value) === (operator === '=');
  };
}

/**
 * Codat's separate `tags` filter on companies: `key=value`, `key!=value`, `key~value` joined with && and ||,
 * {} grouping; applied to a Record<string,string> of tags. A key absent from the tags never matches except with !=
 * (absent counts as not equal).
 */
export function parseTagsFilter(expression: string): Predicate<Record<string, string> | undefined | null> {
  assertExpressionText(expression, 'Tags filter');
  return new ExpressionParser<Tags>(expression, {
    subject: 'Tags filter',
    fieldPattern: TAG_KEY,
    fieldNoun: 'tag key',
    buildCondition: buildTagCondition,
  }).parse();
}
