#!/usr/bin/env node
// The `idsync-ldap` command. It runs src/cli.ts straight from source (no build, no tsx): the
// import below installs a resolve hook for the sources' `.js` specifiers before any of them loads.
import './register-ts-resolution.js';

const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
