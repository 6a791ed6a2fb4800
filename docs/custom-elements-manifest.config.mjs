// The Custom Elements Manifest analyzer's configuration (`cem analyze --config docs/custom-elements-manifest.config.mjs`).
// Components declare their options in a table (`defineOptions`, src/schema/options.ts) and take their reactive
// properties from it (`static properties = { ...optionProperties(TABLE) }`), which the analyzer cannot follow.
// The plugin below reads the table where it is declared and adds its attributes and properties to the
// manifest, with each row's doc comment, so dist/custom-elements.json lists them as the decorators did. A
// second plugin keeps the public modules only, at their paths in the package.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/**
 * The option tables declared in a TypeScript source file (`const NAME = defineOptions({ … })`): for each, its
 * rows in order, with the property, the attribute, the type and the default as written, and the row's doc
 * comment as one line. Shared with test/node/options.test.ts, which checks docs/component.md against it.
 */
export function readOptionTables(ts, fileName, text = readFileSync(fileName, 'utf8')) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const tables = new Map();
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isCallExpression(node.initializer) &&
      node.initializer.expression.getText(source) === 'defineOptions' &&
      node.initializer.arguments[0] &&
      ts.isObjectLiteralExpression(node.initializer.arguments[0])
    ) {
      tables.set(node.name.text, node.initializer.arguments[0].properties.filter(ts.isPropertyAssignment).map((row) => readRow(ts, source, row)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return tables;
}

function readRow(ts, source, row) {
  const fields = Object.fromEntries(
    ts.isObjectLiteralExpression(row.initializer)
      ? row.initializer.properties.filter(ts.isPropertyAssignment).map((field) => [field.name.getText(source), field.initializer])
      : [],
  );
  const literal = (node) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);
  const doc = ts
    .getJSDocCommentsAndTags(row)
    .map((comment) => (typeof comment.comment === 'string' ? comment.comment : ts.getTextOfJSDocComment(comment.comment) ?? ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    property: row.name.getText(source),
    attribute: literal(fields.attribute),
    type: literal(fields.type),
    defaultText: fields.default?.getText(source),
    doc,
  };
}

/**
 * A default as the manifest shows it: a literal as written, or the literal a named constant has (in the
 * table's file, or in the module it imports the constant from).
 */
function defaultText(ts, file, text) {
  if (text === undefined || !/^[A-Za-z_$][\w$]*$/.test(text) || ['true', 'false', 'undefined', 'null'].includes(text)) return text;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((item) => item.name.getText(source) === text);
      if (declaration?.initializer) return declaration.initializer.getText(source);
    }
    if (ts.isImportDeclaration(statement)) {
      const names = statement.importClause?.namedBindings;
      if (names && ts.isNamedImports(names) && names.elements.some((element) => element.name.text === text)) {
        const imported = join(dirname(file), statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
        return defaultText(ts, imported, text);
      }
    }
  }
  return text;
}

/** Adds the options of each class whose `static properties` spread `optionProperties(TABLE)`. */
function optionTablesPlugin() {
  const found = [];
  return {
    name: 'ak1-option-tables',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find(
        (member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties' && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword),
      );
      let tableName;
      const findCall = (child) => {
        if (ts.isCallExpression(child) && child.expression.getText() === 'optionProperties' && child.arguments[0] && ts.isIdentifier(child.arguments[0])) {
          tableName = child.arguments[0].text;
        }
        ts.forEachChild(child, findCall);
      };
      if (properties?.initializer) findCall(properties.initializer);
      if (!tableName) return;
      // Where the table comes from: this module, or the module it is imported from.
      const source = node.getSourceFile();
      let file = source.fileName;
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement)) continue;
        const names = statement.importClause?.namedBindings;
        if (names && ts.isNamedImports(names) && names.elements.some((element) => element.name.text === tableName)) {
          file = join(dirname(source.fileName), statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
        }
      }
      found.push({ ts, moduleDoc, className: node.name.text, tableName, file });
    },
    packageLinkPhase() {
      for (const { ts, moduleDoc, className, tableName, file } of found) {
        const rows = readOptionTables(ts, file).get(tableName) ?? [];
        const declaration = moduleDoc.declarations?.find((item) => item.name === className);
        if (!declaration) continue;
        declaration.members ??= [];
        declaration.attributes ??= [];
        for (const row of rows) {
          const type = { text: row.type === 'boolean' ? 'boolean' : 'string | undefined' };
          const defaultValue = defaultText(ts, file, row.defaultText);
          const member = declaration.members.find((item) => item.name === row.property);
          const described = { type, description: row.doc, ...(defaultValue === undefined ? {} : { default: defaultValue }) };
          if (member) Object.assign(member, described, { attribute: row.attribute, privacy: 'public' });
          else declaration.members.push({ kind: 'field', name: row.property, privacy: 'public', attribute: row.attribute, ...described });
          const attribute = declaration.attributes.find((item) => item.name === row.attribute);
          if (attribute) Object.assign(attribute, described, { fieldName: row.property });
          else declaration.attributes.push({ name: row.attribute, fieldName: row.property, ...described });
        }
      }
    },
  };
}

/**
 * Where a module the analyzer names is in the package, however it names it (`src/components/ak1-form.ts`,
 * `/src/components/ak1-form.js`, or `./components/events.js` from src/element.ts): dist/components/ak1-form.js.
 */
function inPackage(reference, from) {
  const path = reference.startsWith('.') ? posix.join(posix.dirname(from), reference) : reference.replace(/^\//, '');
  return path.replace(/^src\/(.*)\.[jt]s$/, 'dist/$1.js');
}

/**
 * The manifest as a package user meets it: the modules the package ships and exports elements from, with
 * their dist/ paths, and nothing of the element's internals (controllers, step templates, styles), which are
 * not API and would only mislead editors and docs tools.
 */
function publicModulesPlugin() {
  return {
    name: 'ak1-public-modules',
    packageLinkPhase({ customElementsManifest }) {
      const relocate = (value, from) => {
        if (Array.isArray(value)) return value.forEach((item) => relocate(item, from));
        if (!value || typeof value !== 'object') return;
        for (const [key, item] of Object.entries(value)) {
          if (key === 'module' && typeof item === 'string') value[key] = inPackage(item, from);
          else relocate(item, from);
        }
      };
      for (const mod of customElementsManifest.modules) {
        relocate(mod.declarations, mod.path);
        relocate(mod.exports, mod.path);
        mod.path = inPackage(mod.path, mod.path);
      }
      const isDefinition = (item) => item.kind === 'custom-element-definition';
      const entries = customElementsManifest.modules.filter((mod) => (mod.exports ?? []).some(isDefinition));
      // Names the entry modules export (Ak1Form, setDefaultRegionsUrl, …), by the module that declares them.
      const exported = new Set(
        entries.flatMap((mod) => (mod.exports ?? []).map((item) => `${item.declaration?.module ?? mod.path}#${item.declaration?.name ?? item.name}`)),
      );
      const isPublic = (mod, declaration) => declaration.customElement || exported.has(`${mod.path}#${declaration.name}`);
      customElementsManifest.modules = customElementsManifest.modules
        .filter((mod) => entries.includes(mod) || (mod.declarations ?? []).some((declaration) => declaration.customElement))
        .map((mod) => {
          const declarations = (mod.declarations ?? []).filter((declaration) => isPublic(mod, declaration));
          const names = new Set(declarations.map((declaration) => declaration.name));
          const exports = entries.includes(mod) ? mod.exports : (mod.exports ?? []).filter((item) => isDefinition(item) || names.has(item.name));
          return { ...mod, declarations, exports };
        });
    },
  };
}

export default {
  plugins: [optionTablesPlugin(), publicModulesPlugin()],
};
