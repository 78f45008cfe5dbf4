// The files-* commands and their answer as the protocol checks them, and the pure helpers the
// browsers use to show entries (ls -l's mode column, hex dumps, paths).

import { describe, expect, it } from 'vitest';
import {
  fileTypeOf, hexDump, joinPath, looksBinary, MAX_PATH, modeString, parentPath, utf8Text,
} from '../../../emulator/api/files';
import { PROTOCOL_VERSION, validateCommand, validateEvent } from '../../../emulator/api/protocol';

describe('files commands', () => {
  it.each([
    { type: 'files-list', id: 0, path: '/' },
    { type: 'files-read', id: 5, path: '/proc/1/status' },
    { type: 'files-stat', id: 9, path: '/dev/null' },
    { type: 'files-read', id: 1, path: '/tmp/caf\u00e9' },
  ])('accepts %j', (cmd) => expect(validateCommand(cmd)).toBeNull());

  it.each([
    [{ type: 'files-list', id: 0, path: 'dev' }, 'path must be an absolute path'],
    [{ type: 'files-list', id: -1, path: '/' }, 'id must be a non-negative integer'],
    [{ type: 'files-read', id: 1.5, path: '/' }, 'id must be a non-negative integer'],
    [{ type: 'files-read', path: '/' }, 'id must be a non-negative integer'],
    [{ type: 'files-read', id: 1, path: 7 }, 'path must be a string'],
    [{ type: 'files-read', id: 1, path: '/a\0b' }, 'must not contain a NUL'],
    [{ type: 'files-read', id: 1, path: '/\u20ac' }, 'must be latin1'],
    [{ type: 'files-read', id: 1, path: '/' + 'a'.repeat(MAX_PATH) }, 'is longer than'],
    [{ type: 'files-stat', id: 1, path: '/', offset: 3 }, 'unexpected field "offset"'],
  ])('rejects %j', (cmd, problem) => expect(validateCommand(cmd)).toContain(problem));

  it('checks the answer event', () => {
    const ok = { type: 'files-result', protocol: PROTOCOL_VERSION, boot: 1, id: 3, op: 'read', path: '/x', error: null };
    expect(validateEvent(ok)).toBeNull();
    expect(validateEvent({ ...ok, error: 'No such file or directory (ENOENT)' })).toBeNull();
    expect(validateEvent({ ...ok, error: 2 })).toContain('"error"');
    expect(validateEvent({ ...ok, id: undefined })).toContain('"id"');
    expect(validateEvent({ ...ok, protocol: 1 })).toContain('protocol v1');
  });
});

describe('helpers', () => {
  it('modeString prints ls -l mode columns', () => {
    expect(modeString(0o020666)).toBe('crw-rw-rw-');
    expect(modeString(0o041777)).toBe('drwxrwxrwt');
    expect(modeString(0o104755)).toBe('-rwsr-xr-x');
    expect(modeString(0o102644)).toBe('-rw-r-Sr--');
    expect(modeString(0o120777)).toBe('lrwxrwxrwx');
    expect(modeString(0o060660)).toBe('brw-rw----');
    expect(modeString(0o010600)).toBe('prw-------');
    expect(modeString(0o140755)).toBe('srwxr-xr-x');
    expect(fileTypeOf(0o040755)).toBe('d');
  });

  it('looksBinary: NULs and control bytes, not tabs or newlines', () => {
    expect(looksBinary('Name:\tinit\n')).toBe(false);
    expect(looksBinary('sleep\u0000100\u0000')).toBe(true);
    expect(looksBinary('\u0001')).toBe(true);
    expect(looksBinary('caf\u00c3\u00a9')).toBe(false);
  });

  it('hexDump prints xxd lines', () => {
    expect(hexDump('vm\n')).toBe('00000000: 766d 0a                                  vm.');
    expect(hexDump('a'.repeat(17)).split('\n')).toHaveLength(2);
  });

  it('utf8Text decodes the kernel byte strings', () => {
    expect(utf8Text('caf\u00c3\u00a9')).toBe('café');
  });

  it('joins and splits paths', () => {
    expect(joinPath('/', 'dev')).toBe('/dev');
    expect(joinPath('/dev', 'null')).toBe('/dev/null');
    expect(parentPath('/dev/null')).toBe('/dev');
    expect(parentPath('/dev')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });
});
