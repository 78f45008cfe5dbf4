#!/usr/bin/env node
// The `ringside` command (package.json "bin"): runs the TypeScript CLI through tsx's loader, so a
// checkout works right after `npm install` with no build step.

import { register } from 'tsx/esm/api';

register();
const { main } = await import('./ringside_cli.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
