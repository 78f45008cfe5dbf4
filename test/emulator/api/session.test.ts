// The session file format: what the writer makes, the parser reads back; bad files get a message.

import { describe, expect, it } from 'vitest';
import { parseSession, SESSION_VERSION, sessionFileName } from '../../../emulator/api/session';
import { chunkText, Transcript, writeSession } from '../../../emulator/host/session_writer';
import type { SessionContents } from '../../../emulator/host/session_writer';
import type { TraceEvent } from '../../../emulator/trace/events';
import { traceToJsonLines } from '../../../emulator/trace/export_jsonl';

const events: TraceEvent[] = [
  { kind: 'sys_enter', seq: 3, ts: 100, pid: 7, tid: 7, cpu: 0, nr: 257, args: [-100, 0x1000, 0, 0, 0, 0], strings: [null, '/etc/hostname'], text: 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY' },
  { kind: 'switch', seq: 4, ts: 120, pid: 1, tid: 1, cpu: 0, prev: 7 },
  { kind: 'sys_exit', seq: 5, ts: 150, pid: 7, tid: 7, cpu: 0, nr: 257, ret: 3, text: ')', retText: '= 3' },
  { kind: 'exit', seq: 6, ts: 200, pid: 7, tid: 7, cpu: 0, status: 0 },
];

function contents(over: Partial<SessionContents> = {}): SessionContents {
  return {
    created: new Date('2026-11-28T13:45:00Z'),
    seed: 1,
    boot: 1,
    init: ['/sbin/init'],
    virtualNs: 5_000_000,
    state: 'idle',
    exitStatus: null,
    transcript: '# cat /etc/hostname\r\nringside\r\n\xe9',
    transcriptDropped: 0,
    processes: [],
    events,
    lost: 3,
    ...over,
  };
}

describe('session files', () => {
  it('round-trips: the parser gives back the header, transcript and every non-switch event', () => {
    const text = writeSession(contents());
    const r = parseSession(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.session.header.version).toBe(SESSION_VERSION);
    expect(r.session.header.machine).toMatchObject({ seed: 1, boot: 1, state: 'idle', virtualNs: 5_000_000 });
    expect(r.session.header.counts).toEqual({ events: 3, lost: 3, transcriptDropped: 0 });
    expect(r.session.transcript).toBe(contents().transcript);
    expect(r.session.events.map((e) => e.seq)).toEqual([3, 5, 6]);
    expect(r.session.events[0]).toMatchObject({ name: 'openat', strings: [null, '/etc/hostname'], args: [-100, 4096, 0, 0, 0, 0] });
    expect(r.session.events[1]).toMatchObject({ name: 'openat', ret: 3, retText: '= 3' });
  });

  it('holds the trace lines exactly as the CLI jsonl export writes them', () => {
    const text = writeSession(contents());
    const lines = text.split('\n');
    expect(lines.slice(3).join('\n')).toBe(traceToJsonLines(events.filter((e) => e.kind !== 'switch')));
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'ringside-session', version: 1, app: 'ringside 0.1.0', created: '2026-11-28T13:45:00.000Z' });
  });

  it('rejects bad files with a message naming the problem, never throwing', () => {
    const good = writeSession(contents());
    const lines = good.split('\n');
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['hello world\n', /not a Ringside session/],
      ['{"format":"pcapng"}\n', /not a Ringside session/],
      [good.replace('"version":1', '"version":9'), /version 9 by a newer Ringside/],
      [good.replace('"state":"idle"', '"state":"dancing"'), /line 1 \(header\).*machine\.state/],
      [lines.slice(0, 1).join('\n'), /truncated/],
      [[lines[0], '{"transcript":5}', ...lines.slice(2)].join('\n'), /line 2/],
      [[lines[0], lines[1], '{"processes":[{"pid":"x"}]}', ...lines.slice(3)].join('\n'), /line 3: process 0/],
      // A record the views would stumble on (ProcessDetails reads groups, fds, maps, handlers).
      [[lines[0], lines[1], '{"processes":[{"pid":1,"comm":"a","state":"R","cmdline":[]}]}', ...lines.slice(3)].join('\n'), /line 3: process 0 .*"tgid"/],
      [[...lines.slice(0, 4), '{"kind":"sys_exit"', ...lines.slice(5)].join('\n'), /line 5: not a JSON object/],
      [[...lines.slice(0, 4), lines[3]!, ...lines.slice(5)].join('\n'), /line 5: seq 3 is not after/],
      [lines.slice(0, 5).join('\n'), /announces 3 trace events, the file holds 2/],
      [good.replace('"kind":"exit"', '"kind":"Boom!"'), /unknown trace event kind "Boom!"/],
      // The trace table formats these fields (flags.toString(16), argv.map…): missing, they would throw there.
      [[...lines.slice(0, 4), '{"seq":1,"ts":0,"pid":1,"tid":1,"cpu":0,"kind":"fork","child":2}', ...lines.slice(5)].join('\n'), /line 5: a fork needs a valid "flags"/],
      [[...lines.slice(0, 4), '{"seq":1,"ts":0,"pid":1,"tid":1,"cpu":0,"kind":"exec","path":"/bin/sh","argv":[1]}', ...lines.slice(5)].join('\n'), /line 5: a exec needs a valid "argv"/],
    ];
    for (const [text, message] of cases) {
      const r = parseSession(text);
      expect(r.ok, text.slice(0, 60)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    expect(parseSession(42 as unknown as string)).toEqual({ ok: false, error: expect.stringMatching(/not text/) });
  });

  it('keeps the end of a long transcript and counts what it dropped', () => {
    const t = new Transcript(10);
    for (let i = 0; i < 10; i++) t.append('0123456789'.slice(i, i + 1).repeat(3));
    // 000111…999: 30 chars, of which the last 10 are kept.
    expect(t.text()).toBe('6777888999');
    expect(t.dropped).toBe(20);
  });

  it('splits a large session into chunks that join back', () => {
    expect(chunkText('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(chunkText('', 3)).toEqual(['']);
    expect(sessionFileName(new Date('2026-11-28T13:45:07Z'))).toBe('ringside-2026-11-28T13-45-07.ringside');
  });
});
