// `npm run audit:electron`: Doyensec's electronegativity on the built app (out/), judged by our
// rule — no finding above LOW — after the waivers below, each a reviewed false positive with its
// reason. Kept apart from the CLI (main/cli/audit_electron.ts) so the rule is tested on its own.

import { createRequire } from 'node:module';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
  manualReview: boolean;
}

export interface Waiver {
  id: string;
  /** The finding's file (relative to the audited directory). */
  file: RegExp;
  /** The flagged source text, when the waiver covers only one shape of code. */
  sample?: RegExp;
  reason: string;
}

/** The Electron major the app is built for (package.json's electron), told to the checks. */
export const ELECTRON_VERSION = '45.5.0';

/**
 * Checks not run. AvailableSecurityFixesGlobalCheck downloads Electron's release list from the
 * network, and this audit runs offline (as the app does); Electron's own advisories reach us
 * through `npm audit` on the pinned `electron` package instead.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export const WAIVERS: readonly Waiver[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: /^main\/(index\.js|window\.ts)$/, // the bundle, or the source it comes from
    reason:
      'A review flag for any preload. Ours (preload/index.ts) runs sandboxed with contextIsolation and exposes only plain ' +
      'functions through contextBridge (send, onEvent, onMenu, saveSession, openSession) — no ipcRenderer, no Electron ' +
      'object; main checks each message’s sender frame (security.ts) and content (validateCommand, session_files.ts).',
  },
  {
    id: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: /^renderer\/assets\/[\w-]+\.js$/,
    // setTimeout/setInterval handed a function by name — never a string of code.
    sample: /^[^'"`]*\b(setTimeout|setInterval)\(\s*[A-Za-z_$][\w$]*\s*[,)][^'"`]*$/,
    reason:
      'Bundled library code (xterm.js’s event emitter) calls setTimeout with a function variable; the check cannot tell ' +
      'a function from a string. Strings could not run anyway: the CSP’s script-src has no \'unsafe-eval\'.',
  },
];

/** Severity order, for "above LOW". */
const RANK: Record<Severity, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

export interface Verdict {
  /** Findings above LOW that no waiver covers: the audit fails if there is any. */
  failing: Finding[];
  waived: { finding: Finding; reason: string }[];
  /** LOW and informational findings: reported, allowed. */
  allowed: Finding[];
}

export function judge(findings: readonly Finding[], waivers: readonly Waiver[] = WAIVERS): Verdict {
  const verdict: Verdict = { failing: [], waived: [], allowed: [] };
  for (const f of findings) {
    if (RANK[f.severity] <= RANK.LOW) {
      verdict.allowed.push(f);
      continue;
    }
    const w = waivers.find((w) => w.id === f.id && w.file.test(f.file) && (!w.sample || w.sample.test(f.sample.trim())));
    if (w) verdict.waived.push({ finding: f, reason: w.reason });
    else verdict.failing.push(f);
  }
  return verdict;
}

/** What electronegativity's runner returns per issue (its programmatic API, dist/runner.js). */
interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  sample?: string;
  description: string;
  manualReview?: boolean;
}

type Runner = (options: Record<string, unknown>) => Promise<{ issues: RawIssue[]; errors: unknown[] }>;

/** Runs electronegativity's checks on `dir` (offline) and returns its findings. */
export async function runElectronegativity(dir: string): Promise<{ findings: Finding[]; errors: unknown[] }> {
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Runner;
  const result = await run({
    input: dir,
    isRelative: true,
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: ELECTRON_VERSION,
  });
  const findings = result.issues.map(
    (i): Finding => ({
      id: i.id,
      severity: (['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'].includes(i.severity.name) ? i.severity.name : 'HIGH') as Severity,
      confidence: i.confidence.name,
      file: i.file.split('\\').join('/').replace(/^\/+/, ''),
      line: i.location.line,
      column: i.location.column,
      sample: i.sample ?? '',
      description: i.description,
      manualReview: i.manualReview ?? false,
    }),
  );
  return { findings, errors: result.errors };
}
