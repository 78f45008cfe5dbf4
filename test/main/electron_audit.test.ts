// npm run audit:electron's rule (no finding above LOW unless a reviewed waiver covers it), and the
// real electronegativity checks on main/ and preload/ with the page's CSP, offline.

import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, runElectronegativity } from '../../main/audit/electron_audit';
import type { Finding } from '../../main/audit/electron_audit';
import { META_CONTENT_SECURITY_POLICY } from '../../main/static_files.mjs';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'X', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/index.js', line: 1, column: 0, sample: '', description: '', manualReview: false,
  ...over,
});

describe('the audit rule', () => {
  it('fails on anything above LOW that no waiver covers, and allows LOW', () => {
    const v = judge([
      finding({ id: 'SANDBOX_JS_CHECK', severity: 'HIGH' }),
      finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'renderer/index.html' }),
      finding({ id: 'PRELOAD_JS_CHECK' }),
    ]);
    expect(v.failing.map((f) => f.id)).toEqual(['SANDBOX_JS_CHECK']);
    expect(v.allowed.map((f) => f.id)).toEqual(['CSP_GLOBAL_CHECK']);
    expect(v.waived.map((w) => w.finding.id)).toEqual(['PRELOAD_JS_CHECK']);
    expect(v.waived[0]!.reason).toMatch(/contextBridge/);
  });

  it('waives setTimeout only when it is handed a function by name, in the bundle', () => {
    const dangerous = (sample: string, file = 'renderer/assets/index-abc.js') => finding({ id: 'DANGEROUS_FUNCTIONS_JS_CHECK', sample, file });
    const v = judge([
      dangerous('E && (T ? setTimeout(N) : N());'),
      dangerous('setTimeout("alert(1)", 10)'),
      dangerous('eval(x)'),
      dangerous('setTimeout(N)', 'main/index.js'),
    ]);
    expect(v.waived).toHaveLength(1);
    expect(v.failing.map((f) => f.sample)).toEqual(['setTimeout("alert(1)", 10)', 'eval(x)', 'setTimeout(N)']);
  });
});

describe('electronegativity on our sources', () => {
  it('finds nothing above LOW in main/ and preload/ with the page’s CSP, once reviewed waivers apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-audit-'));
    cpSync('main', join(dir, 'main'), { recursive: true });
    cpSync('preload', join(dir, 'preload'), { recursive: true });
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(
      join(dir, 'renderer', 'index.html'),
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}"><title>t</title></head><body></body></html>`,
    );
    const { findings } = await runElectronegativity(dir);
    const v = judge(findings);
    expect(v.failing).toEqual([]);
    // The checks did look: the preload was seen (and waived) and the CSP was read (at most LOW).
    expect(v.waived.map((w) => w.finding.id)).toContain('PRELOAD_JS_CHECK');
    expect(findings.filter((f) => f.id === 'CSP_GLOBAL_CHECK').every((f) => f.severity === 'LOW')).toBe(true);
  }, 30_000);
});
