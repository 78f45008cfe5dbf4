// A guided lab: steps that teach, each with a command to type and a check that reads the machine's
// live state as the UI already holds it (the trace table, the process table, the console output).
// The labs themselves are data (assets/labs/*.json); parseLab checks one, so a bad file shows as an
// error in the pane instead of breaking it.

/** What makes a step green. Every check looks at what the machine really did. */
export type LabCheck =
  /** A syscall row: its name, optionally text in its decoded arguments, its comm, and its result. */
  | {
      kind: 'syscall';
      name: string;
      argsInclude?: string;
      comm?: string;
      /** ok: ≥ 0 · error: -errno · zero: exactly 0 · any: returned at all. */
      result?: 'ok' | 'error' | 'zero' | 'any';
      retAtLeast?: number;
    }
  /** A task in the process table with this comm (and, if given, a descriptor whose target has this text). */
  | { kind: 'process'; comm: string; fdTarget?: string }
  /** A process with this comm exited (the trace's exit event). */
  | { kind: 'exit'; comm: string }
  /** The console output (escape sequences removed) matches this regular expression. */
  | { kind: 'terminal'; pattern: string };

export interface LabStep {
  title: string;
  text: string;
  command?: string;
  check: LabCheck;
  /** Said once the check passes. */
  done?: string;
}

export interface Lab {
  id: string;
  title: string;
  summary: string;
  steps: LabStep[];
}

export interface LabIndexEntry {
  id: string;
  title: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseLab(x: unknown): Result<Lab> {
  if (!isObj(x)) return { ok: false, error: 'a lab must be an object' };
  if (!isStr(x.id) || !isStr(x.title) || !isStr(x.summary)) return { ok: false, error: 'a lab needs id, title and summary' };
  if (!Array.isArray(x.steps) || x.steps.length === 0) return { ok: false, error: `${x.id}: a lab needs steps` };
  for (const [i, s] of x.steps.entries()) {
    const problem = checkStep(s);
    if (problem) return { ok: false, error: `${x.id}: step ${i + 1}: ${problem}` };
  }
  return { ok: true, value: x as unknown as Lab };
}

function checkStep(s: unknown): string | null {
  if (!isObj(s) || !isStr(s.title) || !isStr(s.text)) return 'needs title and text';
  if (s.command !== undefined && !isStr(s.command)) return 'command must be text';
  const c = s.check;
  if (!isObj(c)) return 'needs a check';
  switch (c.kind) {
    case 'syscall':
      if (!isStr(c.name)) return 'a syscall check needs name';
      if (c.result !== undefined && !['ok', 'error', 'zero', 'any'].includes(c.result as string)) return 'bad result';
      return null;
    case 'process':
    case 'exit':
      return isStr(c.comm) ? null : `a ${c.kind} check needs comm`;
    case 'terminal':
      if (!isStr(c.pattern)) return 'a terminal check needs pattern';
      try {
        new RegExp(c.pattern);
      } catch {
        return 'the pattern is not a regular expression';
      }
      return null;
    default:
      return `unknown check kind ${JSON.stringify(c.kind)}`;
  }
}
