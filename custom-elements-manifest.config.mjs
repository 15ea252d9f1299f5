// Generates custom-elements.json from the elements' JSDoc; never edited by hand.
// The manifest is for users, so it keeps the public API only: private members
// and Lit's static plumbing (styles, shadowRootOptions) are left out, and it
// names the modules the package ships (dist/*.js), not the sources it is read from.
import { posix } from 'node:path';
import { expandTypesPlugin, getTsProgram } from 'cem-plugin-expanded-types';
import { editorData } from './scripts/editor-data.mjs';

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

// The modules the manifest describes: the elements and the entry points that register them.
const GLOBS = [
  'src/elements/login-element.ts',
  'src/elements/callback-element.ts',
  'src/elements/user-element.ts',
  'src/login.ts',
  'src/callback.ts',
  'src/user.ts',
];

// Only the globs' modules, though the analyzer reads all of src/ (for the expanded types).
function globsOnly() {
  return {
    name: 'globs-only',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) => GLOBS.includes(mod.path));
    },
  };
}

// cem-plugin-expanded-types cannot expand an alias of object types (CallbackResult) and
// leaves empty parts (" |  | null"): such an expansion says less than the type, so it goes.
function completeExpansionsOnly() {
  return {
    name: 'complete-expansions-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((mod) => mod.declarations ?? [])) {
        for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
          if (item.expandedType?.text.split('|').some((part) => !part.trim())) delete item.expandedType;
        }
      }
    },
  };
}

export default {
  globs: GLOBS,
  outdir: '.',
  litelement: true,
  // cem-plugin-expanded-types gives a member typed with an alias (store: TokenStore) the union
  // it stands for, `expandedType: { text: "'session' | 'local' | 'memory'" }` beside its `type`,
  // which the editor-data plugins read. It collects the aliases from the modules the analyzer
  // reads, so it is handed all of src/; the manifest keeps the globs' modules (globsOnly).
  overrideModuleCreation: ({ ts, globs }) =>
    getTsProgram(ts, globs, 'tsconfig.build.json')
      .getSourceFiles()
      .filter((file) => !file.isDeclarationFile),
  plugins: [
    globsOnly(),
    tagDefinitions(),
    publicApiOnly(),
    expandTypesPlugin({ hideLogs: true }),
    completeExpansionsOnly(),
    shippedPaths(),
    editorData(),
  ],
};
