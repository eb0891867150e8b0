// Lets Node run this package's TypeScript sources directly with its built-in type stripping.
// Node strips types but does not rewrite import specifiers: the sources import `./x.js` (the
// NodeNext convention that tsc and Jest understand) while only `./x.ts` exists on disk. This
// resolve hook bridges the gap: when a `.ts` module imports a relative `.js` file that does not
// exist, the `.ts` file of the same name is loaded instead. Use it with `node --import`.
// A default import, so that an older Node reaches the version check instead of a link error.
import nodeModule from 'node:module';

const { registerHooks } = nodeModule;

if (!process.features.typescript || typeof registerHooks !== 'function') {
  console.error(
    `@idsync/ldap runs from TypeScript source and needs Node.js 22.18+ or 24+ (type stripping and ` +
      `module.registerHooks); this is ${process.version}. In this repository use the pinned Node: \`npx node …\`.`,
  );
  process.exit(1);
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromTypeScript = context.parentURL?.startsWith('file:') && context.parentURL.endsWith('.ts');
    const relativeJs = /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js');
    if (!fromTypeScript || !relativeJs) return nextResolve(specifier, context);
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
    }
  },
});
