// Generates custom-elements.json from the elements' JSDoc; never edited by hand.
// The manifest is for users, so it keeps the public API only: private members
// and Lit's static plumbing (styles, shadowRootOptions) are left out, and it
// names the modules the package ships (dist/*.js), not the sources it is read from.
import { posix } from 'node:path';
import ts from 'typescript';

const LIT_STATICS = new Set(['styles', 'shadowRootOptions', 'properties']);

function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const hidden = new Set(
            (declaration.members ?? [])
              .filter((m) => m.privacy === 'private' || m.privacy === 'protected')
              .map((m) => m.name),
          );
          declaration.members &&= declaration.members.filter(
            (member) => !hidden.has(member.name) && !LIT_STATICS.has(member.name),
          );
          // Internal reactive state ({ state: true } in static properties) is no attribute. An attribute that the
          // class documents (@attr) is, even where a private field holds it (defer-hydration): the field is left out.
          declaration.attributes &&= declaration.attributes
            .filter((attribute) => !hidden.has(attribute.fieldName) || attribute.description)
            .map(({ fieldName, ...attribute }) => (hidden.has(fieldName) ? attribute : { fieldName, ...attribute }));
        }
      }
    },
  };
}

// Our registering modules call define('tag', Class) rather than customElements.define,
// so record which module defines which tag, as the analyzer does for the standard call.
function tagDefinitions() {
  return {
    name: 'tag-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !ts.isStringLiteral(tag) || !element) return;
      const name = element.getText();
      const source = node
        .getSourceFile()
        .statements.find(
          (statement) =>
            ts.isImportDeclaration(statement) &&
            statement.importClause?.namedBindings?.elements?.some((e) => e.name.text === name),
        );
      const module = posix.join(posix.dirname(moduleDoc.path), source.moduleSpecifier.text.replace(/\.js$/, '.ts'));
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name, module } },
      ];
    },
  };
}

// A field typed with an alias (store: TokenStore) says only the alias's name, which tells an
// editor nothing about the values it takes. TypeScript's checker resolves each attribute's and
// field's type, and where it is a union of literals that its text does not already spell out,
// the member gets `expandedType: { text: "'session' | 'local' | 'memory'" }` beside its `type`
// (the field cem-plugin-expanded-types writes, which editor-data generators read); `type` stays
// as written. Runs on the src/ paths, before shippedPaths.
function expandedTypes() {
  const LITERAL = ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral;
  const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Null;
  return {
    name: 'expanded-types',
    packageLinkPhase({ customElementsManifest }) {
      const config = ts.getParsedCommandLineOfConfigFile(
        'tsconfig.build.json',
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
      );
      const program = ts.createProgram(
        customElementsManifest.modules.map((mod) => mod.path),
        config.options,
      );
      const checker = program.getTypeChecker();
      const expand = (type) => {
        const parts = type.isUnion() ? type.types : [type];
        if (!parts.every((part) => part.flags & (LITERAL | NOTHING))) return null;
        if (!parts.some((part) => part.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral))) return null;
        return checker.typeToString(
          type,
          undefined,
          ts.TypeFormatFlags.InTypeAlias |
            ts.TypeFormatFlags.NoTruncation |
            ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType,
        );
      };
      for (const mod of customElementsManifest.modules) {
        const source = program.getSourceFile(mod.path);
        for (const declaration of mod.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const node = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === declaration.name);
          const instance = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name));
          const items = [
            ...(declaration.members ?? []).filter((m) => m.kind === 'field').map((m) => [m, m.name]),
            ...(declaration.attributes ?? []).filter((a) => a.fieldName).map((a) => [a, a.fieldName]),
          ];
          for (const [item, field] of items) {
            const property = instance.getProperty(field);
            const text = property && expand(checker.getTypeOfSymbol(property));
            if (text && text !== item.type?.text) item.expandedType = { text };
          }
        }
      }
    },
  };
}

// The analyzer reads src/*.ts, which the package does not ship: a tool that follows a
// module path (to import the element, or open its declarations) must find dist/*.js.
// Each module's path and every reference to a module of this package (an export's
// declaration, a superclass, a type reference), whether written from the package root
// (src/elements/login-element.ts) or relative to its module (./elements/login-element.js),
// becomes the built file's path from the package root. A reference into another package
// (`package` set) is left as it is. Runs last, after every other plugin has used src/ paths.
const shipped = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

function shippedPaths() {
  const rewrite = (node, from) => {
    if (Array.isArray(node)) return node.forEach((item) => rewrite(item, from));
    if (!node || typeof node !== 'object') return;
    if (typeof node.module === 'string' && !node.package) {
      const path = node.module.startsWith('.') ? posix.join(posix.dirname(from), node.module) : node.module;
      node.module = shipped(path);
    }
    for (const value of Object.values(node)) rewrite(value, from);
  };
  return {
    name: 'shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        rewrite(mod, mod.path);
        mod.path = shipped(mod.path);
      }
    },
  };
}

export default {
  globs: [
    'src/elements/login-element.ts',
    'src/elements/callback-element.ts',
    'src/elements/user-element.ts',
    'src/login.ts',
    'src/callback.ts',
    'src/user.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [tagDefinitions(), publicApiOnly(), expandedTypes(), shippedPaths()],
};
