// file(1): the descriptions of ELF files and text, checked against the reference and, where the
// host has `file`, against it for the same bytes.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReference } from '../../../../reference';
import { describeElf } from '../../../../../emulator/userland/bin/file/elf';
import { describeText } from '../../../../../emulator/userland/bin/file/text';
import { elfStub } from '../../../../../emulator/userland/initramfs/elf_stub';
import { isElf } from '../../../../../emulator/userland/lib/elf/read';
import { hostHas, ourLink, ourObject } from '../binutils/helpers';

const describeBytes = (b: Uint8Array) => (b.length === 0 ? 'empty' : isElf(b) ? describeElf(b) : describeText(b));
const enc = (s: string) => new TextEncoder().encode(s);
const OPEN = { name: 'open.asm', text: readReference('raw/open.asm') };

describe('file', () => {
  it('describes the linked open program as the reference does', () => {
    expect(describeElf(ourLink([OPEN]).output!)).toBe('ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, not stripped');
  });

  it('describes objects, our TypeScript program stubs and text', () => {
    expect(describeElf(ourObject(OPEN.text, 'open.asm'))).toBe('ELF 64-bit LSB relocatable, x86-64, version 1 (SYSV), not stripped');
    expect(describeElf(elfStub('ls'))).toBe('ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, no section header');
    expect(describeText(enc('#!/bin/sh\necho hi\n'))).toBe('POSIX shell script, ASCII text executable');
    expect(describeText(enc('a\r\nb\r\n'))).toBe('ASCII text, with CRLF line terminators');
    expect(describeText(Uint8Array.from([0, 1, 2]))).toBe('data');
  });

  const SAMPLES: Record<string, Uint8Array> = {
    'open (executable)': ourLink([OPEN]).output!,
    'open.o': ourObject(OPEN.text, 'open.asm'),
    'a program stub': elfStub('cat'),
    'NASM source': enc(OPEN.text),
    'a shell script': enc('#!/bin/sh\necho hi\n'),
    'a bash script': enc('#!/bin/bash\n'),
    'an env python script': enc('#!/usr/bin/env python3\nprint(1)\n'),
    'another interpreter': enc('#!/opt/x/run arg\n'),
    'UTF-8': enc('café\n'),
    'ISO-8859': Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 10]),
    'CR line ends': enc('a\rb\r'),
    'no newline': enc('no newline'),
    'a very long line': enc('a'.repeat(400)),
    'escape sequences': enc('x\x1b[0m\n'),
    'binary data': Uint8Array.from([0, 1, 2]),
    empty: new Uint8Array(0),
  };

  it.skipIf(!hostHas('file', '--version'))('agrees with the host file for each sample', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-file-'));
    for (const [what, bytes] of Object.entries(SAMPLES)) {
      writeFileSync(join(dir, 'f'), bytes);
      const host = spawnSync('file', ['-b', 'f'], { cwd: dir, encoding: 'utf8' }).stdout.trimEnd();
      expect([what, describeBytes(bytes)]).toEqual([what, host]);
    }
  });
});
