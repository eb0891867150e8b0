// Lets Node run the TypeScript sources of this package (and of the workspace packages it uses)
// without a build step. Node strips types on its own but neither rewrites the `./x.js`
// specifiers the sources use (the NodeNext convention for tsc and Jest) nor resolves workspace
// packages to their sources. These hooks do both: a relative `.js` import from a `.ts` module
// falls back to the `.ts` file, and the `@idsync/source` export condition picks the sources of
// workspace packages. `.ts` files are loaded in transform mode because workspace code uses
// TypeScript-only syntax (constructor parameter properties) that plain type stripping refuses.
import nodeModule from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { registerHooks, stripTypeScriptTypes } = nodeModule;

if (
  !process.features.typescript ||
  typeof registerHooks !== 'function' ||
  typeof stripTypeScriptTypes !== 'function'
) {
  console.error(
    `@idsync/scim-target runs from TypeScript source and needs Node.js 22.18+ or 24+ (type stripping and ` +
      `module.registerHooks); this is ${process.version}. In this repository use the pinned Node: \`npx node …\`.`,
  );
  process.exit(1);
}

// stripTypeScriptTypes is marked experimental; its one-time warning is noise for a CLI.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('stripTypeScriptTypes')) return;
  return emitWarning.call(process, warning, ...rest);
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    const withSources = { ...context, conditions: [...(context.conditions ?? []), '@idsync/source'] };
    const fromTypeScript = context.parentURL?.startsWith('file:') && context.parentURL.endsWith('.ts');
    const relativeJs = /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js');
    if (!fromTypeScript || !relativeJs) return nextResolve(specifier, withSources);
    try {
      return nextResolve(specifier, withSources);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, withSources);
    }
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const source = stripTypeScriptTypes(readFileSync(fileURLToPath(url), 'utf8'), {
      mode: 'transform',
      sourceUrl: url,
    });
    return { format: 'module', source, shortCircuit: true };
  },
});
