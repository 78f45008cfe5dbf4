#!/usr/bin/env node
// `npm test`: the whole suite — static checks, Vitest (unit and scenario tests), Playwright
// (end-to-end tests of the renderer) — and one closing line: `tests: N passed, M failed[, K skipped]`.
// Exits non-zero if anything failed or a runner could not report.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const out = '.test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(cmd, args, env = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** A static check counts as one test. */
function check(name, cmd, args) {
  const ok = run(cmd, args) === 0;
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) console.log(`FAILED: ${name}`);
}

// vue-tsc is tsc that also reads the Vue components' <script setup> and templates.
check('typecheck', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);

const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // A suite that failed to load has no tests but is a failure.
  if (vitestStatus !== 0 && v.numFailedTests === 0) totals.failed += Math.max(1, v.numFailedTestSuites ?? 1);
} else {
  totals.failed++;
}

const pwJson = join(out, 'playwright.json');
const pwStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if (pwStatus !== 0 && !s.unexpected) totals.failed++;
} else {
  totals.failed++;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
