#!/usr/bin/env node
import { runCli } from './run-cli.js';

/** The `idsync` command. */
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
