import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseOrderBy, parseQuery, parseTagsFilter, QueryError, type QuerySchema } from '@sandbox/query';

interface Connection {
  status: string;
  sourceType: string;
  integrationKey: string;
}

interface Company {
  id: string;
  name: string;
  description?: string | null;
  created: string;
  lastSync: string | null;
  dataConnections: Connection[];
}

const COMPANY: QuerySchema = {
  resource: 'Company',
  fields: {
    id: 'string',
    name: 'string',
    description: 'string',
    created: 'date',
    lastSync: 'date',
    'dataConnections.status': 'string',
    'dataConnections.sourceType': 'string',
    'dataConnections.integrationKey': 'string',
  },
};

const companies: Company[] = [
  {
    id: 'c1',
    name: 'Acme Ltd',
    description: 'Widgets',
    created: '2023-01-15T09:30:00Z',
    lastSync: '2024-03-01T12:00:00.1234567Z',
    dataConnections: [
      { status: 'Linked', sourceType: 'Accounting', integrationKey: 'gbol' },
      { status: 'Deauthorized', sourceType: 'Banking', integrationKey: 'plaid' },
    ],
  },
  {
    id: 'c2',
    name: 'Smith & Sons',
    created: '2023-06-30T00:00:00Z',
    lastSync: null,
    dataConnections: [{ status: 'PendingAuth', sourceType: 'Accounting', integrationKey: 'qhyg' }],
  },
  {
    id: 'c3',
    name: "O'Brien's Bakery",
    // No zone: read as UTC, so this is exactly midnight UTC.
    created: '2024-01-01T00:00:00',
    lastSync: '2024-02-10T08:15:00.0000000',
    dataConnections: [],
  },
  {
    id: 'c4',
    name: 'Yahoo! Finance (UK)',
    description: null,
    // 100 ns after c3: only 7-digit precision tells them apart.
    created: '2024-01-01T00:00:00.0000001Z',
    lastSync: '2024-05-20T23:59:59+02:00',
    dataConnections: [{ status: 'Linked', sourceType: 'Accounting', integrationKey: 'pqsw' }],
  },
  {
    id: 'c5',
    name: 'acme holdings',
    created: '2022-12-31T23:59:59.9999999Z',
    lastSync: '2023-01-01',
    dataConnections: [
      { status: 'Unlinked', sourceType: 'Commerce', integrationKey: 'amzn' },
      { status: 'Linked', sourceType: 'Accounting', integrationKey: 'gbol' },
    ],
  },
];

interface Invoice {
  id: string;
  totalAmount?: number | null;
  status: string;
  issueDate: string;
  customerRef?: { id: string } | null;
  lines: { amount: number }[];
}

const INVOICE: QuerySchema = {
  resource: 'Invoice',
  fields: {
    id: 'string',
    totalAmount: 'number',
    status: 'string',
    issueDate: 'date',
    'customerRef.id': 'string',
    'lines.amount': 'number',
  },
};

const invoices: Invoice[] = [
  {
    id: 'i1',
    totalAmount: 150,
    status: 'Paid',
    issueDate: '2024-01-10',
    customerRef: { id: '61' },
    lines: [{ amount: 100 }, { amount: 50 }],
  },
  {
    id: 'i2',
    totalAmount: 100,
    status: 'Submitted',
    issueDate: '2024-02-10',
    customerRef: { id: '62' },
    lines: [{ amount: 100 }],
  },
  { id: 'i3', totalAmount: 49.5, status: 'PartiallyPaid', issueDate: '2024-03-10', customerRef: null, lines: [] },
  { id: 'i4', totalAmount: -20, status: 'Void', issueDate: '2024-04-10', lines: [{ amount: -20 }] },
  { id: 'i5', totalAmount: null, status: 'Draft', issueDate: '2024-05-10', lines: [] },
];

interface Integration {
  key: string;
  name: string;
  sourceType: string;
  enabled?: boolean | null;
}

const INTEGRATION: QuerySchema = {
  resource: 'Integration',
  fields: { key: 'string', name: 'string', sourceType: 'string', enabled: 'boolean' },
};

const integrations: Integration[] = [
  { key: 'gbol', name: 'Xero', sourceType: 'Accounting', enabled: true },
  { key: 'qhyg', name: 'QuickBooks Online', sourceType: 'Accounting', enabled: false },
  { key: 'plaid', name: 'Plaid', sourceType: 'Banking', enabled: true },
  { key: 'zzzz', name: 'Legacy', sourceType: 'Accounting', enabled: null },
];

function companyIds(expression: string): string[] {
  return companies.filter(parseQuery<Company>(expression, COMPANY)).map((company) => company.id);
}

function invoiceIds(expression: string): string[] {
  return invoices.filter(parseQuery<Invoice>(expression, INVOICE)).map((invoice) => invoice.id);
}

function integrationKeys(expression: string): string[] {
  return integrations.filter(parseQuery<Integration>(expression, INTEGRATION)).map((integration) => integration.key);
}

function queryError(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error('expected a QueryError, but nothing was thrown');
}

describe('parseQuery on strings', () => {
  it.each([
    ['name=Acme Ltd', ['c1']],
    ['name=acme LTD', ['c1']],
    ['name=Acme', []],
    ['name~acme', ['c1', 'c5']],
    ['name ~ Acme', ['c1', 'c5']],
    ['name~ACME HOLD', ['c5']],
    ['name!=Acme Ltd', ['c2', 'c3', 'c4', 'c5']],
    ['name != acme ltd', ['c2', 'c3', 'c4', 'c5']],
    ['   name=Acme Ltd   ', ['c1']],
    ['id=c2', ['c2']],
  ])('%s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });

  it.each([
    ['name=Smith & Sons', ['c2']],
    ['name~ & ', ['c2']],
    ["name=O'Brien's Bakery", ['c3']],
    ["name~'s", ['c3']],
    ['name=Yahoo! Finance (UK)', ['c4']],
    ['name!=Yahoo! Finance (UK)', ['c1', 'c2', 'c3', 'c5']],
    ['name~o! f', ['c4']],
    ['name~(uk)', ['c4']],
    ['name~a|b', []],
    ['name=a=b', []],
  ])('keeps punctuation inside a bare value: %s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });

  it.each([
    ['description=widgets', ['c1']],
    ['description~dget', ['c1']],
    // c2 and c5 have no description and c4 has null: only != matches them.
    ['description!=Widgets', ['c2', 'c3', 'c4', 'c5']],
    ['description!=Gadgets', ['c1', 'c2', 'c3', 'c4', 'c5']],
  ])('treats missing and null values as matching only != (%s)', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });
});

describe('parseQuery on dates', () => {
  it.each([
    ['created=2024-01-01', ['c3']],
    ['created!=2024-01-01', ['c1', 'c2', 'c4', 'c5']],
    ['created>2024-01-01', ['c4']],
    ['created>=2024-01-01', ['c3', 'c4']],
    ['created<2023-01-01', ['c5']],
    ['created<=2023-01-15T09:30:00Z', ['c1', 'c5']],
    ['created = 2023-01-15T10:30:00+01:00', ['c1']],
    ['created=2023-01-15T09:30:00.000Z', ['c1']],
    ['created>2024-01-01T00:00:00.0000000Z', ['c4']],
    ['created<2024-01-01T00:00:00.0000001Z', ['c1', 'c2', 'c3', 'c5']],
    ['created>2022-12-31T23:59:59.999Z', ['c1', 'c2', 'c3', 'c4', 'c5']],
  ])('%s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });

  it.each([
    ['lastSync>2000-01-01', ['c1', 'c3', 'c4', 'c5']],
    ['lastSync<2100-01-01', ['c1', 'c3', 'c4', 'c5']],
    ['lastSync!=2024-03-01T12:00:00.1234567Z', ['c2', 'c3', 'c4', 'c5']],
    ['lastSync=2024-05-20T21:59:59Z', ['c4']],
    ['lastSync=2024-02-10T08:15:00Z', ['c3']],
    ['lastSync=2023-01-01', ['c5']],
  ])('handles null, zoneless and offset values: %s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });
});

describe('parseQuery on numbers', () => {
  it.each([
    ['totalAmount=100', ['i2']],
    ['totalAmount=1e2', ['i2']],
    ['totalAmount=100.00', ['i2']],
    ['totalAmount!=100', ['i1', 'i3', 'i4', 'i5']],
    ['totalAmount>100', ['i1']],
    ['totalAmount>=100', ['i1', 'i2']],
    ['totalAmount<50', ['i3', 'i4']],
    ['totalAmount<=49.5', ['i3', 'i4']],
    ['totalAmount>-20.5', ['i1', 'i2', 'i3', 'i4']],
    ['totalAmount = -20', ['i4']],
    ['{totalAmount > 100 || totalAmount < 50} && status != paid', ['i3', 'i4']],
    ['customerRef.id=61', ['i1']],
    ['customerRef.id!=61', ['i2', 'i3', 'i4', 'i5']],
    ['lines.amount=50', ['i1']],
    ['lines.amount<0', ['i4']],
    ['lines.amount!=100', ['i3', 'i4', 'i5']],
    ['issueDate>=2024-03-10', ['i3', 'i4', 'i5']],
  ])('%s', (expression, expected) => {
    expect(invoiceIds(expression)).toEqual(expected);
  });
});

describe('parseQuery on booleans', () => {
  it.each([
    ['enabled=true', ['gbol', 'plaid']],
    ['enabled=TRUE', ['gbol', 'plaid']],
    ['enabled=False', ['qhyg']],
    ['enabled!=true', ['qhyg', 'zzzz']],
    ['enabled!=false', ['gbol', 'plaid', 'zzzz']],
    ['sourceType=accounting&&enabled=true', ['gbol']],
  ])('%s', (expression, expected) => {
    expect(integrationKeys(expression)).toEqual(expected);
  });
});

describe('parseQuery over arrays', () => {
  it.each([
    ['dataConnections.status=PendingAuth', ['c2']],
    ['dataConnections.status=linked', ['c1', 'c4', 'c5']],
    ['dataConnections.status~auth', ['c1', 'c2']],
    // != means no element equals; c3's empty array counts as missing, so it matches.
    ['dataConnections.status!=Linked', ['c2', 'c3']],
    ['dataConnections.sourceType=Banking', ['c1']],
    ['dataConnections.sourceType!=Banking', ['c2', 'c3', 'c4', 'c5']],
    ['dataConnections.integrationKey=gbol', ['c1', 'c5']],
    // Each condition is matched against the array on its own, not against one shared element.
    ['dataConnections.integrationKey=gbol && dataConnections.status=Unlinked', ['c5']],
    ['dataConnections.integrationKey=plaid && dataConnections.status=Linked', ['c1']],
  ])('%s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });
});

describe('parseQuery joiners and grouping', () => {
  it.each([
    ['name~smith || name~acme && id=c1', ['c1', 'c2']],
    ['{name~smith || name~acme} && id=c1', ['c1']],
    ['id=c5 && name~acme || id=c2', ['c2', 'c5']],
    ['id=c5 && {name~acme || id=c2}', ['c5']],
    ['id=c1||id=c2', ['c1', 'c2']],
    ['{id=c1||id=c2}&&name~acme', ['c1']],
    ['{{id=c1 || id=c2} && {name~smith}} || id=c3', ['c2', 'c3']],
    ['{ name~acme }', ['c1', 'c5']],
    ['name~acme && name~ltd && id!=c2', ['c1']],
    ['id=c1 || id=c2 || id=c3 && name~bakery', ['c1', 'c2', 'c3']],
    ['id=c1 || id=c2 || id=c3 && name~smith', ['c1', 'c2']],
  ])('%s', (expression, expected) => {
    expect(companyIds(expression)).toEqual(expected);
  });

  it('accepts deep nesting within the length limit', () => {
    const expression = `${'{'.repeat(1000)}id=c1${'}'.repeat(1000)}`;
    expect(companyIds(expression)).toEqual(['c1']);
  });

  it('accepts an expression of 2047 characters', () => {
    const expression = `name=${'x'.repeat(2042)}`;
    expect(expression).toHaveLength(2047);
    expect(companyIds(expression)).toEqual([]);
  });
});

describe('parseQuery errors', () => {
  it.each<[QuerySchema, string, RegExp]>([
    [COMPANY, '', /^Query is empty$/],
    [COMPANY, '   ', /^Query is empty$/],
    [COMPANY, 'name', /^Expected an operator after 'name' at position 4$/],
    [COMPANY, 'name Acme', /^Expected an operator after 'name' at position 5$/],
    [COMPANY, 'name!Acme', /^Expected an operator after 'name' at position 4$/],
    [COMPANY, 'name.=Acme', /^Expected an operator after 'name' at position 4$/],
    [COMPANY, 'name=', /^Expected a value after 'name=' at position 5$/],
    [COMPANY, 'name =   && id=c1', /^Expected a value after 'name=' at position 9$/],
    [COMPANY, '{name~ }', /^Expected a value after 'name~' at position 7$/],
    [COMPANY, 'name==Acme', /^Unexpected second operator '=' after '=' at position 5$/],
    [COMPANY, 'name<>Acme', /^Unexpected second operator '>' after '<' at position 5$/],
    [COMPANY, 'name = ~Acme', /^Unexpected second operator '~' after '=' at position 7$/],
    [COMPANY, 'name!==Acme', /^Unexpected second operator '=' after '!=' at position 6$/],
    [COMPANY, '=Acme', /^Expected a field name at position 0, found '='$/],
    [COMPANY, '1name=Acme', /^Expected a field name at position 0, found '1'$/],
    [COMPANY, '(name=Acme)', /^Expected a field name at position 0, found '\('$/],
    [COMPANY, '&& name=Acme', /^Unexpected '&&' at position 0: it must join two conditions$/],
    [COMPANY, '|| name=Acme', /^Unexpected '\|\|' at position 0/],
    [COMPANY, 'name=Acme &&', /^Expected a condition after '&&' at position 12$/],
    [COMPANY, 'name=Acme ||   ', /^Expected a condition after '\|\|' at position 15$/],
    [COMPANY, 'name=Acme && && id=c1', /^Expected a condition after '&&' at position 13$/],
    [COMPANY, 'name=Acme || && id=c1', /^Expected a condition after '\|\|' at position 13$/],
    [COMPANY, '{name=Acme &&}', /^Expected a condition after '&&' at position 13$/],
    [COMPANY, '{}', /^Empty group '\{\}' at position 0$/],
    [COMPANY, 'name=Acme && { }', /^Empty group '\{\}' at position 13$/],
    [COMPANY, '{', /^Unbalanced '\{' in query: the group opened at position 0 is never closed$/],
    [COMPANY, '{name=Acme', /^Unbalanced '\{' in query: the group opened at position 0/],
    [COMPANY, '{{name=Acme}', /^Unbalanced '\{' in query: the group opened at position 0/],
    [COMPANY, 'id=c1 && {{name=Acme}', /^Unbalanced '\{' in query: the group opened at position 9/],
    [COMPANY, 'name=Acme}', /^Unbalanced '\}' at position 9: no '\{' is open$/],
    [COMPANY, '}', /^Unbalanced '\}' at position 0/],
    [COMPANY, '{id=c1}}', /^Unbalanced '\}' at position 7/],
    [COMPANY, 'name=Acme{UK}', /^Unexpected '\{' at position 9 in the value of 'name'/],
    [COMPANY, '{id=c1} name=Acme', /^Expected '&&' or '\|\|' at position 8, found 'n'$/],
    [COMPANY, '{{id=c1} name=Acme}', /^Expected '&&', '\|\|' or '\}' at position 9, found 'n'$/],
    [COMPANY, 'foo=1', /^Could not resolve property 'foo' on Company$/],
    [COMPANY, 'Name=Acme', /^Could not resolve property 'Name' on Company$/],
    [COMPANY, 'constructor=x', /^Could not resolve property 'constructor' on Company$/],
    [COMPANY, '__proto__=x', /^Could not resolve property '__proto__' on Company$/],
    [COMPANY, 'toString=x', /^Could not resolve property 'toString' on Company$/],
    [COMPANY, 'dataConnections=x', /^Could not resolve property 'dataConnections' on Company$/],
    [COMPANY, 'id=c1 || dataConnections.foo=x', /^Could not resolve property 'dataConnections.foo' on Company$/],
    [INVOICE, 'foo=1', /^Could not resolve property 'foo' on Invoice$/],
    [COMPANY, 'name>Acme', /^Operator '>' cannot be used on string field 'name' at position 4; use one of = != ~$/],
    [COMPANY, 'name < Acme', /^Operator '<' cannot be used on string field 'name' at position 5/],
    [COMPANY, 'name>=Acme', /^Operator '>=' cannot be used on string field 'name'/],
    [COMPANY, 'name<=Acme', /^Operator '<=' cannot be used on string field 'name'/],
    [COMPANY, 'dataConnections.status>a', /^Operator '>' cannot be used on string field 'dataConnections.status'/],
    [INVOICE, 'totalAmount~1', /^Operator '~' cannot be used on number field 'totalAmount' at position 11/],
    [
      INVOICE,
      'totalAmount=abc',
      /^Invalid value 'abc' for number field 'totalAmount' at position 12: expected a finite/,
    ],
    [INVOICE, 'totalAmount=1e999', /^Invalid value '1e999' for number field 'totalAmount'/],
    [INVOICE, 'totalAmount=Infinity', /^Invalid value 'Infinity' for number field/],
    [INVOICE, 'totalAmount=NaN', /^Invalid value 'NaN' for number field/],
    [INVOICE, 'totalAmount=0x10', /^Invalid value '0x10' for number field/],
    [INVOICE, 'totalAmount=1 000', /^Invalid value '1 000' for number field/],
    [INVOICE, 'totalAmount>£5', /^Invalid value '£5' for number field/],
    [INVOICE, 'issueDate~2024', /^Operator '~' cannot be used on date field 'issueDate'/],
    [
      INVOICE,
      'issueDate>yesterday',
      /^Invalid value 'yesterday' for date field 'issueDate' at position 10: expected a date/,
    ],
    [INVOICE, 'issueDate=2024-02-30', /^Invalid value '2024-02-30' for date field/],
    [INVOICE, 'issueDate=2023-02-29', /^Invalid value '2023-02-29' for date field/],
    [INVOICE, 'issueDate=2024-13-01', /^Invalid value '2024-13-01' for date field/],
    [INVOICE, 'issueDate=2024-01-01T24:00:00Z', /^Invalid value '2024-01-01T24:00:00Z' for date field/],
    [INVOICE, 'issueDate=2024-01-01T10:00:00+25:00', /^Invalid value '.*' for date field/],
    [INVOICE, 'issueDate=01/02/2024', /^Invalid value '01\/02\/2024' for date field/],
    [
      INTEGRATION,
      'enabled=yes',
      /^Invalid value 'yes' for boolean field 'enabled' at position 8: expected true or false$/,
    ],
    [INTEGRATION, 'enabled~t', /^Operator '~' cannot be used on boolean field 'enabled'.*use one of = !=$/],
    [INTEGRATION, 'enabled>false', /^Operator '>' cannot be used on boolean field 'enabled'/],
    [COMPANY, `name=${'x'.repeat(2043)}`, /^Query must be under 2048 characters; this one has 2048$/],
  ])('%s: %s', (schema, expression, message) => {
    expect(queryError(() => parseQuery(expression, schema)).message).toMatch(message);
  });

  it('names itself QueryError', () => {
    expect(queryError(() => parseQuery('', COMPANY)).name).toBe('QueryError');
  });
});

describe('parseQuery properties', () => {
  const tokenSoup = fc
    .array(
      fc.constantFrom(
        'name',
        'id',
        'created',
        'lastSync',
        'description',
        'dataConnections.status',
        'foo',
        '&&',
        '||',
        '&',
        '|',
        '{',
        '}',
        '=',
        '!=',
        '!',
        '~',
        '>',
        '<',
        '>=',
        '<=',
        ' ',
        '.',
        'Acme',
        'c1',
        '2024-01-01',
        '2024-01-01T00:00:00.1234567Z',
        '42',
        'true',
      ),
      { maxLength: 30 },
    )
    .map((tokens) => tokens.join(''));
  const anyText = fc.oneof(
    tokenSoup,
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ minLength: 2040, maxLength: 2060 }),
  );

  it('either returns a predicate that never throws, or throws QueryError', () => {
    fc.assert(
      fc.property(anyText, (expression) => {
        let predicate: ((record: Company) => boolean) | undefined;
        try {
          predicate = parseQuery<Company>(expression, COMPANY);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        for (const company of companies) expect(typeof predicate(company)).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  /** The client-side rule from docs/codat-api.md §4: remove `&&`, `||`, `{`, `}`, `=`, `!`, `~`, `<`, `>` from free text. */
  function sanitise(text: string): string {
    let sanitised = text.replace(/[{}=!~<>]/g, '');
    for (let previous = ''; previous !== sanitised;) {
      previous = sanitised;
      sanitised = sanitised.replace(/&&|\|\|/g, '');
    }
    return sanitised;
  }

  const hostileChar = fc.constantFrom('&', '|', '{', '}', '=', '!', '~', '<', '>', ' ', "'", '(', ')', '-', 'a', 'B');
  const freeText = fc.oneof(
    fc.string({ unit: hostileChar, maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ maxLength: 30 }),
  );

  it('cannot change the structure of name~<value> once the value is sanitised', () => {
    const value = freeText.map(sanitise).filter((text) => text.trim() !== '');
    const otherText = fc.string({ unit: 'grapheme', maxLength: 10 });
    fc.assert(
      fc.property(value, otherText, otherText, (text, before, after) => {
        const matches = parseQuery<{ name: string }>(`name~${text}`, COMPANY);
        const name = `${before}${text}${after}`;
        expect(matches({ name })).toBe(true);
        // ASCII only: outside it, lower-casing can change a string's length and shape.
        if (/^[\x20-\x7e]*$/.test(name)) expect(matches({ name: name.toLowerCase() })).toBe(true);
        expect(matches({ name: '' })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes = and != exact complements on every field', () => {
    const condition = fc.oneof(
      fc
        .constantFrom('id', 'name', 'description', 'dataConnections.status')
        .chain((field) =>
          fc.tuple(fc.constant(field), fc.constantFrom('c1', 'Acme Ltd', 'widgets', 'Linked', 'linked', 'Missing')),
        ),
      fc.tuple(
        fc.constantFrom('created', 'lastSync'),
        fc.constantFrom('2024-01-01', '2023-01-01', '2024-02-10T08:15:00Z'),
      ),
    );
    fc.assert(
      fc.property(condition, ([field, value]) => {
        const equal = parseQuery<Company>(`${field}=${value}`, COMPANY);
        const notEqual = parseQuery<Company>(`${field}!=${value}`, COMPANY);
        for (const company of companies) expect(notEqual(company)).toBe(!equal(company));
      }),
    );
  });
});

describe('parseOrderBy', () => {
  function sortedIds<T extends { id?: string; key?: string }>(records: T[], orderBy: string, schema: QuerySchema) {
    return [...records].sort(parseOrderBy<T>(orderBy, schema)).map((record) => record.id ?? record.key);
  }

  it.each([
    ['name', ['c5', 'c1', 'c3', 'c2', 'c4']],
    ['-name', ['c4', 'c2', 'c3', 'c1', 'c5']],
    ['created', ['c5', 'c1', 'c2', 'c3', 'c4']],
    ['-created', ['c4', 'c3', 'c2', 'c1', 'c5']],
    [' -created ', ['c4', 'c3', 'c2', 'c1', 'c5']],
    // c2 has no lastSync: last in both directions.
    ['lastSync', ['c5', 'c3', 'c1', 'c4', 'c2']],
    ['-lastSync', ['c4', 'c1', 'c3', 'c5', 'c2']],
    // c3 has no connections; arrays sort by their first element.
    ['dataConnections.status', ['c1', 'c4', 'c2', 'c5', 'c3']],
    ['-dataConnections.status', ['c5', 'c2', 'c1', 'c4', 'c3']],
  ])('orders companies by %s', (orderBy, expected) => {
    expect(sortedIds(companies, orderBy, COMPANY)).toEqual(expected);
  });

  it.each([
    ['totalAmount', ['i4', 'i3', 'i2', 'i1', 'i5']],
    ['-totalAmount', ['i1', 'i2', 'i3', 'i4', 'i5']],
    ['-customerRef.id', ['i2', 'i1', 'i3', 'i4', 'i5']],
  ])('orders invoices by %s', (orderBy, expected) => {
    expect(sortedIds(invoices, orderBy, INVOICE)).toEqual(expected);
  });

  it.each([
    ['enabled', ['qhyg', 'gbol', 'plaid', 'zzzz']],
    ['-enabled', ['gbol', 'plaid', 'qhyg', 'zzzz']],
  ])('orders integrations by %s', (orderBy, expected) => {
    expect(sortedIds(integrations, orderBy, INTEGRATION)).toEqual(expected);
  });

  it('leaves ties, including case-only differences, to the caller', () => {
    const compare = parseOrderBy<{ name: string }>('name', COMPANY);
    expect(compare({ name: 'acme' }, { name: 'ACME' })).toBe(0);
    expect(compare({ name: 'a' }, { name: 'b' })).toBeLessThan(0);
  });

  it.each([
    ['foo', /^Could not resolve property 'foo' on Company$/],
    ['-foo', /^Could not resolve property 'foo' on Company$/],
    ['constructor', /^Could not resolve property 'constructor' on Company$/],
    ['', /^Invalid orderBy '': expected 'field' or '-field'$/],
    ['-', /^Invalid orderBy '-'/],
    ['--name', /^Invalid orderBy '--name'/],
    ['+name', /^Invalid orderBy '\+name'/],
    ['name desc', /^Invalid orderBy 'name desc'/],
    ['name,created', /^Invalid orderBy 'name,created'/],
  ])('rejects %j', (orderBy, message) => {
    expect(queryError(() => parseOrderBy(orderBy, COMPANY)).message).toMatch(message);
  });
});

describe('parseTagsFilter', () => {
  const tagSets: [string, Record<string, string> | undefined | null][] = [
    ['t1', { uid: 'cust_123', region: 'uk' }],
    ['t2', { uid: 'cust_456', region: 'US' }],
    ['t3', {}],
    ['t4', undefined],
    ['t5', null],
    ['t6', { region: 'uk-north', 'team-name': 'Sales & Ops' }],
  ];

  it.each([
    ['uid=cust_123', ['t1']],
    ['uid = cust_123', ['t1']],
    ['uid!=cust_123', ['t2', 't3', 't4', 't5', 't6']],
    ['region~uk', ['t1', 't6']],
    ['region=UK', []],
    ['UID=cust_123', []],
    ['uid=cust_123 || region=US', ['t1', 't2']],
    ['{region~uk || region=US} && uid~cust', ['t1', 't2']],
    ['region~uk || region=US && uid~cust', ['t1', 't2', 't6']],
    ['team-name=Sales & Ops', ['t6']],
    ['missing!=x', ['t1', 't2', 't3', 't4', 't5', 't6']],
    ['missing=x', []],
    ['toString!=x', ['t1', 't2', 't3', 't4', 't5', 't6']],
  ])('%s', (expression, expected) => {
    const matches = parseTagsFilter(expression);
    expect(tagSets.filter(([, tags]) => matches(tags)).map(([name]) => name)).toEqual(expected);
  });

  it.each([
    ['', /^Tags filter is empty$/],
    ['uid>1', /^Operator '>' is not supported in a tags filter at position 3; use =, != or ~$/],
    ['uid<=1', /^Operator '<=' is not supported in a tags filter/],
    ['uid=', /^Expected a value after 'uid=' at position 4$/],
    ['uid', /^Expected an operator after 'uid' at position 3$/],
    ['{uid=1', /^Unbalanced '\{' in tags filter: the group opened at position 0 is never closed$/],
    ['uid=1}', /^Unbalanced '\}' at position 5/],
    ['&&uid=1', /^Unexpected '&&' at position 0/],
    ['uid=1 ||', /^Expected a condition after '\|\|' at position 8$/],
    ['=1', /^Expected a tag key at position 0, found '='$/],
    [`uid=${'x'.repeat(2044)}`, /^Tags filter must be under 2048 characters/],
  ])('rejects %j', (expression, message) => {
    expect(queryError(() => parseTagsFilter(expression)).message).toMatch(message);
  });

  it('either returns a predicate or throws QueryError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        let matches: ReturnType<typeof parseTagsFilter>;
        try {
          matches = parseTagsFilter(text);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        // Outside the try: evaluating a parsed filter must never throw, not even a QueryError.
        for (const [, tags] of tagSets) expect(typeof matches(tags)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
