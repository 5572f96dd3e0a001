// ESLint rule: the one direction of imports between the four layers of src/ (see docs/ARCHITECTURE.md).
//   core   pure domain code: imports only core, and zod (tests may also use vitest and fast-check)
//   server imports core and server
//   web    imports core, web, and type-only imports from server/api
//   cli    imports core, server and cli
import path from 'node:path';
import { builtinModules } from 'node:module';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const layers = ['core', 'server', 'web', 'cli'];

/** The layer (core, server, web, cli) a path in the project lies in, and the rest of its path. */
function layerOf(absolutePath) {
  const rel = path.relative(projectRoot, absolutePath).split(path.sep);
  if (rel[0] !== 'src' || !layers.includes(rel[1])) return null;
  return { layer: rel[1], rest: rel.slice(2).join('/') };
}

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const coreRuntimePackages = new Set(['zod']);
const coreTestPackages = new Set(['zod', 'vitest', 'fast-check']);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction between src/core, src/server, src/web and src/cli' },
    schema: [],
    messages: {
      wrongLayer: 'src/{{from}} must not import src/{{to}} ("{{specifier}}"): {{why}}',
      corePackage: 'src/core must stay pure: it may not import "{{specifier}}" (only {{allowed}})',
      webBuiltin: 'src/web runs in the browser: it may not import the Node module "{{specifier}}"',
      webServerValue: 'src/web may import only types from src/server/api ("{{specifier}}"): write `import type`',
    },
  },
  create(context) {
    const filename = context.physicalFilename ?? context.filename;
    const here = layerOf(path.resolve(filename));
    if (!here) return {};
    const isTest = /\.test\.tsx?$/.test(filename);

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = layerOf(path.resolve(path.dirname(path.resolve(filename)), specifier));
        if (!target || target.layer === here.layer) return;
        const report = (why) =>
          context.report({
            node,
            messageId: 'wrongLayer',
            data: { from: here.layer, to: target.layer, specifier, why },
          });
        if (here.layer === 'core') return report('core is pure domain code and imports nothing from the outer layers');
        if (target.layer === 'core') return;
        if (here.layer === 'web') {
          if (target.layer === 'server' && target.rest.startsWith('api/')) {
            if (!isTypeOnly(node)) context.report({ node, messageId: 'webServerValue', data: { specifier } });
            return;
          }
          return report('the web app talks to the server over HTTP and may import only the API types');
        }
        if (here.layer === 'server' && (target.layer === 'web' || target.layer === 'cli')) {
          return report('the server does not depend on the web app or the command line');
        }
        if (here.layer === 'cli' && target.layer === 'web')
          return report('the command line does not depend on the web app');
        return;
      }
      if (here.layer === 'core') {
        const allowed = isTest ? coreTestPackages : coreRuntimePackages;
        if (isTypeOnly(node) && !builtins.has(specifier)) return;
        if (!allowed.has(packageName(specifier))) {
          context.report({ node, messageId: 'corePackage', data: { specifier, allowed: [...allowed].join(', ') } });
        }
        return;
      }
      if (here.layer === 'web' && builtins.has(specifier)) {
        context.report({ node, messageId: 'webBuiltin', data: { specifier } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
