#!/usr/bin/env node
// The `scim-target` command. It runs src/cli/run-cli.ts straight from source (no build): the
// import below installs the resolve/load hooks before any TypeScript module loads.
import './register-ts-resolution.js';

const { runCli } = await import('../src/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
