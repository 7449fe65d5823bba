/**
 * `npm run stats`: the code-health figures, counted from the tree each time so that none is typed in by hand.
 * `--json` prints them as JSON instead of a table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const longFileLines = 300;
const longFunctionLines = 150;
const longComponentLines = 200;

interface SourceFile {
  path: string; // relative to the repository, with forward slashes
  lines: number;
  ast: ts.SourceFile;
}

interface Span {
  file: string;
  name: string;
  lines: number;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => {
      const path = join(dir, name).split('\\').join('/');
      const text = readFileSync(join(root, path), 'utf8');
      const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      const ast = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
      return { path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), ast };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The name a function goes by: its own, or that of the variable, property or method it is assigned to. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

/** Every function, arrow and method with a body, with the lines it spans. */
function functionSpans(file: SourceFile): Span[] {
  const spans: Span[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = file.ast.getLineAndCharacterOfPosition(fn.getStart()).line;
      const end = file.ast.getLineAndCharacterOfPosition(fn.getEnd()).line;
      spans.push({ file: file.path, name: functionName(fn), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return spans;
}

/** Whether the file imports `linkdesk` from the renderer's api module (by alias or by relative path). */
function importsBridge(file: SourceFile): boolean {
  const api = 'src/renderer/api';
  return file.ast.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return false;
    const from = statement.moduleSpecifier.text;
    const target = from.startsWith('.')
      ? relative(root, resolve(root, dirname(file.path), from))
          .split('\\')
          .join('/')
      : from.replace(/^@renderer\//, 'src/renderer/');
    const named = statement.importClause?.namedBindings;
    return (
      target.replace(/\.tsx?$/, '') === api &&
      named !== undefined &&
      ts.isNamedImports(named) &&
      named.elements.some((element) => (element.propertyName ?? element.name).text === 'linkdesk')
    );
  });
}

/** For each audited write the contract declares (`'area.op': write(…)`), the src files that name it. */
function auditedWrites(files: SourceFile[]): { operation: string; files: number }[] {
  // The contract: one file per area under src/shared/contract/ (one file, src/shared/contract.ts, before the split).
  const contract = files.filter(
    (file) => file.path === 'src/shared/contract.ts' || file.path.startsWith('src/shared/contract/'),
  );
  const operations: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isStringLiteral(node.name) &&
      ts.isCallExpression(node.initializer) &&
      node.initializer.expression.getText() === 'write'
    ) {
      operations.push(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of contract) visit(file.ast);
  return operations.map((operation) => {
    const naming = new RegExp(`'${operation.replace('.', '\\.')}'|linkdesk\\.${operation.replace('.', '\\.')}\\b`);
    return { operation, files: files.filter((file) => naming.test(file.ast.text)).length };
  });
}

const files = sourceFiles('src');
const byLines = [...files].sort((a, b) => b.lines - a.lines);
const functions = files.flatMap(functionSpans).sort((a, b) => b.lines - a.lines);
const renderer = files.filter((file) => file.path.startsWith('src/renderer/'));
const bridgeUsers = renderer
  .filter((file) => file.path !== 'src/renderer/api.ts' && !file.path.startsWith('src/renderer/bridge/'))
  .filter(importsBridge)
  .map((file) => file.path);
const writes = auditedWrites(files);
const writeFileCounts = writes.map((write) => write.files).sort((a, b) => a - b);

const stats = {
  sourceFiles: files.length,
  sourceLines: files.reduce((sum, file) => sum + file.lines, 0),
  filesOverLimit: byLines.filter((file) => file.lines > longFileLines).map(({ path, lines }) => ({ path, lines })),
  largestFile: byLines[0] ? { path: byLines[0].path, lines: byLines[0].lines } : undefined,
  compositionLines: files.find((file) => file.path === 'src/main/composition.ts')?.lines,
  functionsOverLimit: functions.filter((span) => span.lines > longFunctionLines),
  componentsOverLimit: functions.filter(
    (span) => span.file.endsWith('.tsx') && /^[A-Z]/.test(span.name) && span.lines > longComponentLines,
  ),
  bridgeCallers: {
    components: bridgeUsers.filter((path) => path.endsWith('.tsx')),
    hooksAndStores: bridgeUsers.filter((path) => !path.endsWith('.tsx')),
  },
  auditedWrites: writes,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(stats, null, 2));
} else {
  const list = (items: string[]): string => (items.length ? `\n${items.map((item) => `    ${item}`).join('\n')}` : '');
  const spans = (items: Span[]): string[] => items.map((span) => `${span.file} ${span.name}: ${span.lines}`);
  const median = writeFileCounts[Math.floor(writeFileCounts.length / 2)];
  const rows: [string, string][] = [
    ['source files under src/ (ts, tsx)', `${stats.sourceFiles}, ${stats.sourceLines} lines`],
    [
      `files over ${longFileLines} lines`,
      `${stats.filesOverLimit.length}${list(stats.filesOverLimit.map((file) => `${file.path}: ${file.lines}`))}`,
    ],
    ['largest file', stats.largestFile ? `${stats.largestFile.path}: ${stats.largestFile.lines}` : '-'],
    ['src/main/composition.ts', `${stats.compositionLines ?? '-'} lines`],
    [
      `functions over ${longFunctionLines} lines`,
      `${stats.functionsOverLimit.length}${list(spans(stats.functionsOverLimit))}`,
    ],
    [
      `components over ${longComponentLines} lines`,
      `${stats.componentsOverLimit.length}${list(spans(stats.componentsOverLimit))}`,
    ],
    [
      'direct bridge calls in components (.tsx)',
      `${stats.bridgeCallers.components.length}${list(stats.bridgeCallers.components)}`,
    ],
    ['renderer hooks and stores calling the bridge', `${stats.bridgeCallers.hooksAndStores.length}`],
    [
      'src files naming each audited write',
      writes.length
        ? `${writeFileCounts[0]}–${writeFileCounts.at(-1)}, median ${median} (${writes.length} writes)`
        : '-',
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}
