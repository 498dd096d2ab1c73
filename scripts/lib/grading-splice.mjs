// The two lib trees a grading run builds from the teacher's lib/:
// - the CHECKS' copy, for the teacher's vitest: every exercise region's body becomes a
//   call into the grading bridge with the enclosing function's parameters, so the checks
//   run the teacher's code everywhere except inside the regions;
// - the SANDBOX's tree, compiled to JavaScript: the teacher's lib with each region's body
//   taken from the submission (the edition's stub where it has none), so the reference
//   solutions never enter the sandbox. Only the files the exercise files need are kept.
// A region must sit in the body of a top-level function (`function f(…) {…}` or
// `const f = (…) => {…}`) whose parameters are plain names: that function, called with
// plain data, is the exercise.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { findRegions, stubLines } from './exercises.mjs';

/** The TypeScript compiler of the course (the grader's, never a submission's). */
export function loadTypeScript(root) {
  return createRequire(join(root, 'package.json'))('typescript');
}

/** The exported name under which the sandbox's tree exposes an exercise's function. */
export const exportName = (id) => `__kitExercise_${id.replace('.', '_')}`;

function libFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return libFiles(path, base);
    return entry.isFile() ? [relative(base, path)] : [];
  });
}

/**
 * For each exercise in lib/, where it lives: `{ id, title, points, file, name, params,
 * indent }` with `file` relative to lib/ ('availability/availability.ts'). Throws, for the
 * teacher, when a region is not in a gradable place.
 */
export function locateExercises(ts, root, exercises) {
  const located = new Map();
  for (const exercise of exercises) {
    const file = exercise.files.find((f) => f.startsWith('lib/') && f.endsWith('.ts'));
    if (!file) throw new Error(`exercise ${exercise.id} is not in lib/ (${exercise.files.join(', ')}): the grader checks lib/ only`);
    const text = readFileSync(join(root, file), 'utf8');
    const region = findRegions(text, file).find((r) => r.id === exercise.id);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const line = (pos) => source.getLineAndCharacterOfPosition(pos).line;
    let found;
    for (const statement of source.statements) {
      if (line(statement.getStart()) > region.beginLine || line(statement.end) < region.endLine) continue;
      let name;
      let fn;
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        name = statement.name?.text;
        fn = statement;
      } else if (ts.isVariableStatement(statement)) {
        const declaration = statement.declarationList.declarations[0];
        const init = declaration?.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isBlock(init.body) && ts.isIdentifier(declaration.name)) {
          name = declaration.name.text;
          fn = init;
        }
      }
      if (!fn || !name) break;
      const nested = [];
      const visit = (node) => {
        if (node !== fn && ts.isFunctionLike(node) && line(node.getStart()) <= region.beginLine && line(node.end) >= region.endLine) nested.push(node);
        ts.forEachChild(node, visit);
      };
      visit(fn);
      if (nested.length > 0) break;
      const params = fn.parameters.map((p) => {
        if (!ts.isIdentifier(p.name)) throw new Error(`${file}: exercise ${exercise.id}: parameter ${p.name.getText()} of ${name} is destructured; give it a name so the grader can pass it as plain data`);
        return { name: p.name.text, rest: Boolean(p.dotDotDotToken) };
      });
      found = { ...exercise, file: relative('lib', file), name, params, indent: region.indent };
    }
    if (!found) throw new Error(`${file}: exercise ${exercise.id} must sit directly in the body of a top-level function (the convention of lib/exercises/README.md)`);
    located.set(exercise.id, found);
  }
  return located;
}

/** `text` with the body of every region in `bodies` (id → lines) replaced. */
function replaceBodies(text, where, bodies) {
  const lines = text.split('\n');
  const regions = findRegions(text, where).filter((r) => bodies.has(r.id));
  for (const region of [...regions].reverse()) lines.splice(region.beginLine + 1, region.endLine - region.beginLine - 1, ...bodies.get(region.id));
  return lines.join('\n');
}

const byFile = (located) => {
  const files = new Map();
  for (const e of located.values()) files.set(e.file, [...(files.get(e.file) ?? []), e]);
  return files;
};

/** Writes the checks' copy of lib/ into `out`: regions call `clientPath`'s callExercise. */
export function writeChecksLib(root, out, located, clientPath) {
  cpSync(join(root, 'lib'), out, { recursive: true });
  for (const [file, list] of byFile(located)) {
    const bodies = new Map(list.map((e) => {
      const args = e.params.map((p) => (p.rest ? `...${p.name}` : p.name)).join(', ');
      return [e.id, [`${e.indent}return __kitCallExercise(${JSON.stringify(e.id)}, [${args}]);`]];
    }));
    const text = replaceBodies(readFileSync(join(root, 'lib', file), 'utf8'), file, bodies);
    writeFileSync(join(out, file), `import { callExercise as __kitCallExercise } from ${JSON.stringify(clientPath)};\n${text}`);
  }
}

function transpile(ts, text, fileName) {
  const output = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, removeComments: true },
  });
  const errors = (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  return { js: output.outputText, errors };
}

// Every module a TS file may need at run time: its imports and re-exports that are not
// type-only, and its require calls. A superset of what the compiled file requires, whatever
// the submission's regions use.
const imports = (text) => [
  ...[...text.matchAll(/^[ \t]*(?:import|export)\s+(?!type\b)[^;'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
  ...[...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
];

/**
 * The sandbox's base tree: the teacher's lib with every region stubbed, compiled to
 * JavaScript, keeping only the files the exercise files require (transitively). Returns
 * `{ files: Map(rel js path → text), packages: bare module names those files require }`.
 */
export function sandboxBase(ts, root, located) {
  const regionFiles = byFile(located);
  const sources = new Set(libFiles(join(root, 'lib')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')));
  const keep = new Map();
  const packages = new Set();
  const visit = (file) => {
    if (keep.has(file.replace(/\.ts$/, '.js')) || !sources.has(file)) return;
    let text = readFileSync(join(root, 'lib', file), 'utf8');
    const needs = imports(text);
    const list = regionFiles.get(file);
    if (list) text = withExports(replaceBodies(text, file, new Map(list.map((e) => [e.id, stubLines(e, e.indent, `lib/${file}`)]))), list);
    // Only the files reached are compiled: transpiling all of lib/ costs seconds.
    keep.set(file.replace(/\.ts$/, '.js'), transpile(ts, text, file).js);
    for (const spec of needs) {
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec);
        visit(sources.has(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts'));
      } else if (!spec.startsWith('node:')) packages.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  for (const file of regionFiles.keys()) visit(file);
  return { files: keep, packages: [...packages].sort() };
}

function withExports(text, list) {
  return `${text}\n;export { ${list.map((e) => `${e.name} as ${exportName(e.id)}`).join(', ')} };\n`;
}

/**
 * The sandbox's versions of the exercise files for one submission: `bodies` maps an
 * exercise id to the submission's region lines (missing: the edition's stub). A region
 * that does not compile becomes a stub saying so, so the student's other regions in the
 * same file still run. Returns Map(rel js path → text) and, per id, why a region was
 * replaced (`notes`).
 */
export function spliceSubmission(ts, root, located, bodies) {
  const files = new Map();
  const notes = new Map();
  for (const [file, list] of byFile(located)) {
    const teacher = readFileSync(join(root, 'lib', file), 'utf8');
    const stub = (e) => stubLines(e, e.indent, `lib/${file}`);
    const chosen = new Map(list.map((e) => [e.id, bodies.get(e.id) ?? stub(e)]));
    for (const e of list) {
      if (!bodies.has(e.id)) continue;
      const alone = new Map(list.map((x) => [x.id, x.id === e.id ? chosen.get(x.id) : stub(x)]));
      const { errors } = transpile(ts, withExports(replaceBodies(teacher, file, alone), list), file);
      if (errors.length > 0) {
        const message = `Tu solución del ejercicio ${e.id} no compila: ${errors[0].slice(0, 300)}`;
        chosen.set(e.id, [`${e.indent}throw new Error(${JSON.stringify(message)});`]);
        notes.set(e.id, message);
      }
    }
    const { js, errors } = transpile(ts, withExports(replaceBodies(teacher, file, chosen), list), file);
    if (errors.length > 0) {
      // Regions that compile alone but not together: stub them all, with the reason.
      const message = `Tus soluciones en lib/${file} no compilan juntas: ${errors[0].slice(0, 300)}`;
      const stubs = new Map(list.map((e) => [e.id, [`${e.indent}throw new Error(${JSON.stringify(message)});`]]));
      list.forEach((e) => notes.set(e.id, message));
      files.set(file.replace(/\.ts$/, '.js'), transpile(ts, withExports(replaceBodies(teacher, file, stubs), list), file).js);
    } else files.set(file.replace(/\.ts$/, '.js'), js);
  }
  return { files, notes };
}

/** Writes a Map(rel path → text) under `dir`. */
export function writeTree(dir, files) {
  for (const [file, text] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

