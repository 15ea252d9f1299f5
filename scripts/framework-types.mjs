// Writes the framework typings (dist/frameworks/{react,vue,svelte,preact,solid}.d.ts) from
// custom-elements.json, so that they list exactly the manifest's settable
// properties, attributes and events and cannot drift from the elements. Types
// are not copied as text: each one is the element class's own property type
// (`AniapiLoginElement['clientId']`) or the event's entry in the DOM event map.
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
const HEADER = '// Generated from custom-elements.json by scripts/framework-types.mjs; do not edit.\n';

/** The module that registers each tag (dist/user.js for aniapi-user), by tag, as the manifest says. */
export function registeringModules(customElements) {
  return new Map(
    customElements.modules.flatMap((mod) =>
      (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, mod.path]),
    ),
  );
}

/** The registered elements, each with what a framework template may set and listen to. */
export function elementsOf(customElements) {
  // The entry point that registers each tag, as dist/frameworks/ imports it.
  const entries = registeringModules(customElements);
  const elements = [];
  for (const mod of customElements.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const fields = (declaration.members ?? []).filter(
        (m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public',
      );
      const settable = new Set(fields.map((f) => f.name));
      elements.push({
        tag: declaration.tagName,
        className: declaration.name,
        entry: entries.get(declaration.tagName).replace(/^dist\//, '../'),
        properties: fields.map((f) => ({ name: f.name, description: f.description ?? '' })),
        // Attributes the element only sets itself (signed-in) have no field to set.
        attributes: (declaration.attributes ?? [])
          .filter((a) => settable.has(a.fieldName))
          .map((a) => ({
            name: a.name,
            fieldName: a.fieldName,
            boolean: a.type?.text === 'boolean',
            description: a.description ?? '',
          })),
        events: (declaration.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
      });
    }
  }
  return elements;
}

const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '');
const eventType = (name) => `GlobalEventHandlersEventMap['${name}']`;
const camel = (name) => name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
// AniapiLoginElement → AniapiLogin, the stem of each framework's props interface.
const baseName = (element) => element.className.replace(/Element$/, '');
// Each class from its own entry point: the package entry leaves out the later elements.
function imports(elements) {
  const entries = [...new Set(elements.map((e) => e.entry))].sort();
  return entries
    .map(
      (entry) =>
        `import type { ${elements
          .filter((e) => e.entry === entry)
          .map((e) => e.className)
          .sort()
          .join(', ')} } from '${entry}';\n`,
    )
    .join('');
}

/** Members shared by every framework: camelCase properties typed from the class. */
function propertyLines(element, indent) {
  return element.properties
    .map((p) => `${doc(p.description, indent)}${indent}${p.name}?: ${element.className}['${p.name}'];\n`)
    .join('');
}

// A boolean attribute is on whenever it is present, even as auto-return="false", which is
// what Svelte and React write for {false}: so it takes only the values that mean "on".
function kebabAttributeLines(element, indent) {
  return element.attributes
    .filter((a) => a.name !== a.fieldName)
    .map((a) => {
      const type = a.boolean ? "true | ''" : `${element.className}['${a.fieldName}']`;
      const note = a.boolean ? ` Present means on; leave it out, or bind \`${a.fieldName}\`, for off.` : '';
      return `${doc(`Attribute form of \`${a.fieldName}\`.${note}`, indent)}${indent}'${a.name}'?: ${type};\n`;
    })
    .join('');
}

function onEventLines(element, indent) {
  return element.events
    .map((e) => `${doc(e.description, indent)}${indent}'on${e.name}'?: (event: ${eventType(e.name)}) => void;\n`)
    .join('');
}

function react(elements) {
  let out = `${HEADER}// The React components AniapiLogin, AniapiCallback and AniapiUser, and the JSX typings
// of the bare tags. React 19 sets a custom element's known properties as properties and
// adds a listener for an \`on<event-name>\` prop in a page it renders, not in one it
// hydrates from a server's markup: use the components there. Use: import { AniapiLogin }
// from 'aniapi-elements/react', or, for the tags alone, /// <reference types="aniapi-elements/react" />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${imports(elements)}\n`;
  for (const element of elements) {
    out += `/** Props of \`<${element.tag}>\` in React JSX. */\nexport interface ${baseName(element)}Props\n  extends DetailedHTMLProps<HTMLAttributes<${element.className}>, ${element.className}> {\n`;
    out += propertyLines(element, '  ') + kebabAttributeLines(element, '  ') + onEventLines(element, '  ');
    out += '}\n\n';
  }
  out += "declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n";
  for (const element of elements) out += `      '${element.tag}': ${baseName(element)}Props;\n`;
  // The same entry's JavaScript: the React components (AniapiLogin, …), typed by tsc.
  return `${out}    }\n  }\n}\n\nexport * from '../react.js';\n`;
}

function vue(elements) {
  let out = `${HEADER}// Vue templates bind \`client-id\` and \`:client-id\` to the \`clientId\` prop and
// \`@aniapi-token\` to \`onAniapiToken\`. Use: /// <reference types="aniapi-elements/vue" />
import type { DefineComponent } from 'vue';
${imports(elements)}\n`;
  for (const element of elements) {
    out += `/** Props and events of \`<${element.tag}>\` in Vue templates. */\nexport interface ${baseName(element)}VueProps {\n`;
    out += propertyLines(element, '  ');
    out += element.events
      .map((e) => `${doc(e.description, '  ')}  on${camel(e.name)}?: (event: ${eventType(e.name)}) => void;\n`)
      .join('');
    out += '}\n\n';
  }
  out += "declare module 'vue' {\n  interface GlobalComponents {\n";
  for (const element of elements) out += `    '${element.tag}': DefineComponent<${baseName(element)}VueProps>;\n`;
  return `${out}  }\n}\n`;
}

function svelte(elements) {
  let out = `${HEADER}// Svelte 5 sets a custom element's known properties as properties and adds a
// listener for an \`on<event-name>\` attribute. Use: /// <reference types="aniapi-elements/svelte" />
import type { HTMLAttributes } from 'svelte/elements';
${imports(elements)}\n`;
  for (const element of elements) {
    out += `/** Attributes, properties and events of \`<${element.tag}>\` in Svelte markup. */\nexport interface ${baseName(element)}SvelteProps extends HTMLAttributes<${element.className}> {\n`;
    out += propertyLines(element, '  ') + kebabAttributeLines(element, '  ') + onEventLines(element, '  ');
    out += '}\n\n';
  }
  out += "declare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n";
  for (const element of elements) out += `    '${element.tag}': ${baseName(element)}SvelteProps;\n`;
  return `${out}  }\n}\n`;
}

function preact(elements) {
  let out = `${HEADER}// Preact sets a prop as a property when the element has one (\`clientId\`, \`messages\`;
// register the element, by importing its entry point, before Preact renders it) and
// as an attribute otherwise (\`client-id\`). An \`on<event-name>\` prop listens for
// exactly that event (\`onaniapi-token\`): Preact lower-cases an event name only when
// its first letter is a capital, so \`onAniapiToken\` would listen for "aniapitoken".
// Use: /// <reference types="aniapi-elements/preact" />, or import type {} from 'aniapi-elements/preact';
import type { EventHandler, HTMLAttributes, TargetedEvent } from 'preact';
${imports(elements)}\n`;
  for (const element of elements) {
    out += `/** Props of \`<${element.tag}>\` in Preact JSX. */\nexport interface ${baseName(element)}PreactProps extends HTMLAttributes<${element.className}> {\n`;
    out += propertyLines(element, '  ') + kebabAttributeLines(element, '  ');
    out += element.events
      .map(
        (e) =>
          `${doc(e.description, '  ')}  'on${e.name}'?: EventHandler<TargetedEvent<${element.className}, ${eventType(e.name)}>>;\n`,
      )
      .join('');
    out += '}\n\n';
  }
  out += "declare module 'preact' {\n  namespace JSX {\n    interface IntrinsicElements {\n";
  for (const element of elements) out += `      '${element.tag}': ${baseName(element)}PreactProps;\n`;
  return `${out}    }\n  }\n}\n`;
}

// clientId → client-id: the name Solid turns back into clientId when it sets a custom element's prop.
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function solid(elements) {
  let out = `${HEADER}// Solid sets a plain prop on a custom element as the property its kebab-case name
// camel-cases to (\`client-id\` sets \`clientId\`; \`clientId\` would set "clientid"), so
// plain props are written kebab-case and typed as the property. Solid's namespaces are
// typed per element: \`prop:clientId\` sets the property, \`attr:client-id\` the attribute
// (a boolean one is on whenever present, so it takes \`true\` or \`''\`; \`bool:\` adds or
// removes it), and \`on:aniapi-token\` listens for the event. (Solid's global
// ExplicitProperties, ExplicitAttributes and CustomEvents would offer them on every tag.)
// Use: /// <reference types="aniapi-elements/solid" />, or import type {} from 'aniapi-elements/solid';
import type { JSX } from 'solid-js';
${imports(elements)}\n`;
  for (const element of elements) {
    const { className } = element;
    const attributes = new Map(element.attributes.map((a) => [a.fieldName, a]));
    out += `/** Props of \`<${element.tag}>\` in Solid JSX. */\nexport interface ${baseName(element)}SolidProps extends JSX.HTMLAttributes<${className}> {\n`;
    for (const p of element.properties) {
      const type = `${className}['${p.name}']`;
      out += `${doc(p.description, '  ')}  '${kebab(p.name)}'?: ${type};\n`;
      out += `${doc(`Sets the \`${p.name}\` property.`, '  ')}  'prop:${p.name}'?: ${type};\n`;
      const a = attributes.get(p.name);
      if (!a) continue;
      const note = a.boolean ? ' Present means on; `bool:` or the plain prop can turn it off.' : '';
      out += `${doc(`Sets the \`${a.name}\` attribute.${note}`, '  ')}  'attr:${a.name}'?: ${a.boolean ? "true | ''" : type};\n`;
      if (a.boolean)
        out += `${doc(`Adds the \`${a.name}\` attribute when true, removes it when false.`, '  ')}  'bool:${a.name}'?: boolean;\n`;
    }
    out += element.events
      .map(
        (e) =>
          `${doc(e.description, '  ')}  'on:${e.name}'?: JSX.EventHandlerWithOptionsUnion<${className}, ${eventType(e.name)}>;\n`,
      )
      .join('');
    out += '}\n\n';
  }
  out += "declare module 'solid-js' {\n  namespace JSX {\n    interface IntrinsicElements {\n";
  for (const element of elements) out += `      '${element.tag}': ${baseName(element)}SolidProps;\n`;
  return `${out}    }\n  }\n}\n`;
}

export const FRAMEWORKS = { react, vue, svelte, preact, solid };

if (import.meta.url === `file://${process.argv[1]}`) {
  const elements = elementsOf(manifest);
  const dir = new URL('dist/frameworks/', root);
  await mkdir(dir, { recursive: true });
  for (const [name, write] of Object.entries(FRAMEWORKS))
    await writeFile(new URL(`${name}.d.ts`, dir), write(elements));
}
