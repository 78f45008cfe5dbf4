// npm run audit:electron — electronegativity on the built app; exit 1 if a finding above LOW is
// not covered by a reviewed waiver (main/audit/electron_audit.ts). Usage: audit_electron.ts [DIR]
// (default out/, which `electron-vite build` writes).

import { existsSync } from 'node:fs';
import { judge, runElectronegativity } from '../audit/electron_audit';
import type { Finding } from '../audit/electron_audit';

const line = (f: Finding) => `${f.severity.padEnd(7)} ${f.id} ${f.file}:${f.line}:${f.column} — ${f.description}`;

async function main(argv: string[]): Promise<number> {
  const dir = argv[0] ?? 'out';
  if (argv.length > 1 || dir.startsWith('-')) {
    process.stderr.write('usage: audit_electron.ts [BUILT-APP-DIR]\n');
    return 2;
  }
  if (!existsSync(dir)) {
    process.stderr.write(`audit:electron: ${dir} does not exist; build the app first (electron-vite build)\n`);
    return 2;
  }
  const { findings, errors } = await runElectronegativity(dir);
  const verdict = judge(findings);
  for (const f of verdict.allowed) process.stdout.write(`allowed ${line(f)}\n`);
  for (const { finding, reason } of verdict.waived) process.stdout.write(`waived  ${line(finding)}\n        because: ${reason}\n`);
  for (const f of verdict.failing) process.stdout.write(`FAIL    ${line(f)}\n`);
  if (errors.length) process.stdout.write(`(${errors.length} file(s) electronegativity could not parse)\n`);
  process.stdout.write(
    verdict.failing.length === 0
      ? `audit:electron: no finding above LOW (${findings.length} finding(s), ${verdict.waived.length} waived with a reason)\n`
      : `audit:electron: ${verdict.failing.length} finding(s) above LOW\n`,
  );
  return verdict.failing.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`audit:electron: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
