// jobs, fg, bg and wait.

import type { Sys } from '../../../libc/process';
import { checkInterrupt, continueJob, reapOne, reportDeath } from '../jobs';
import { exitCode, JobTable, type Job } from '../jobs_table';
import type { Shell } from '../shell';
import { out } from './util';

/** The job a spec names (default: the current job); prints the error and gives null otherwise. */
function* findJob(sh: Shell, builtin: string, spec: string | undefined): Sys<Job | null> {
  const r = sh.jobs.find(spec ?? '%+');
  if (typeof r !== 'string') return r;
  yield* sh.warn(`${builtin}: ${r}`);
  return null;
}

export function* jobs(sh: Shell, argv: string[]): Sys<number> {
  const pidsOnly = argv.includes('-p');
  const long = argv.includes('-l');
  while (yield* reapOne(sh, false));
  let text = '';
  for (const job of [...sh.jobs.jobs]) {
    if (pidsOnly) {
      text += `${job.pgid || job.procs[0]!.pid}\n`;
      continue;
    }
    const line = sh.jobs.describe(job);
    text += long ? line.replace(/^(\[\d+\].)/, `$1 ${job.procs[0]!.pid}`) + '\n' : line + '\n';
    job.changed = false;
    if (JobTable.state(job) === 'done') sh.jobs.remove(job);
  }
  yield* out(text);
  return 0;
}

export function* fg(sh: Shell, argv: string[]): Sys<number> {
  const job = yield* findJob(sh, 'fg', argv[1]);
  return job ? yield* continueJob(sh, job, true) : 2;
}

export function* bg(sh: Shell, argv: string[]): Sys<number> {
  let status = 0;
  for (const spec of argv.length > 1 ? argv.slice(1) : [undefined]) {
    const job = yield* findJob(sh, 'bg', spec);
    if (job) yield* continueJob(sh, job, false);
    else status = 2;
  }
  return status;
}

/**
 * wait [pid | %job …]: wait for them (or every job) to finish. A trapped signal interrupts the
 * wait: the status is then 128 + the signal, and the trap runs right after.
 */
export function* wait(sh: Shell, argv: string[]): Sys<number> {
  const specs = argv.slice(1);
  if (specs.length === 0) {
    while (sh.jobs.jobs.some((j) => JobTable.state(j) === 'running')) {
      const interrupted = yield* waitStep(sh);
      if (interrupted) return interrupted;
    }
    for (const job of [...sh.jobs.jobs]) if (JobTable.state(job) === 'done') sh.jobs.remove(job);
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    let job: Job | null | undefined;
    if (spec.startsWith('%')) {
      job = yield* findJob(sh, 'wait', spec);
      if (!job) return 2;
    } else {
      if (!/^[0-9]+$/.test(spec)) {
        yield* sh.warn(`wait: Illegal number: ${spec}`);
        return 2;
      }
      job = sh.jobs.byPid(parseInt(spec, 10));
      if (!job) {
        status = 127;
        continue;
      }
    }
    const proc = spec.startsWith('%') ? null : job.procs.find((p) => p.pid === parseInt(spec, 10))!;
    while (proc ? proc.state === 'running' : JobTable.state(job) === 'running') {
      const interrupted = yield* waitStep(sh);
      if (interrupted) return interrupted;
    }
    status = proc ? exitCode(proc.status) : JobTable.status(job);
    if (JobTable.state(job) === 'done') {
      // Like dash, waiting for a particular job tells how a signal ended it.
      if (!sh.has('interactive')) yield* reportDeath(job);
      sh.jobs.remove(job);
    }
  }
  return status;
}

/** One blocking wait; a nonzero result is the status to return because a trap interrupted it. */
function* waitStep(sh: Shell): Sys<number> {
  if (!(yield* reapOne(sh, true))) {
    // No children at all: whatever is still marked running will never report.
    for (const job of sh.jobs.jobs) for (const p of job.procs) if (p.state === 'running') p.state = 'done';
  }
  const sig = [...sh.pendingSignals][0];
  if (sig !== undefined) return 128 + sig;
  checkInterrupt(sh);
  return 0;
}
