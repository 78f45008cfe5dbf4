import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { status } from '../fixtures';
import { answer, connectFakeHost } from '../files/fake_host';
import type { FilesCommand } from '../../../emulator/api/files';

describe('files store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the roots at boot, and opens directories on demand (each once)', () => {
    const machine = useMachineStore();
    const { sent } = connectFakeHost(machine);
    const files = useFilesStore();
    const lists = () => sent.filter((c) => c.type === 'files-list').map((c) => (c as FilesCommand).path);
    expect(lists()).toEqual(['/dev', '/proc', '/sys']);
    expect(files.devices.rows.value.map((r) => r.path)).toEqual(['/dev', '/dev/fd', '/dev/null', '/dev/pts', '/dev/sda']);
    files.devices.expand('/dev/pts');
    files.devices.collapse('/dev/pts');
    files.devices.expand('/dev/pts');
    expect(lists()).toEqual(['/dev', '/proc', '/sys', '/dev/pts']);
    const pts = files.devices.rows.value.find((r) => r.path === '/dev/pts/ptmx')!;
    expect(pts.depth).toBe(2);
    expect(pts.entry?.device?.minor).toBe(2);
  });

  it('names owners from the machine\'s /etc/passwd and /etc/group', () => {
    const machine = useMachineStore();
    connectFakeHost(machine);
    const files = useFilesStore();
    expect(files.userName(0)).toBe('root');
    expect(files.groupName(6)).toBe('disk');
    expect(files.userName(1000)).toBe('1000');
  });

  it('selects: a file is read, a device described; errors are kept as words', () => {
    const machine = useMachineStore();
    const { sent } = connectFakeHost(machine);
    const files = useFilesStore();
    files.files.expand('/proc/1');
    files.files.select('/proc/1/status', files.dirs.get('/proc/1')!.entries[1]!);
    expect(files.files.selection.value).toMatchObject({ loading: false, error: null, content: 'Name:\tinit\nPid:\t1\n', binary: false });
    files.files.select('/proc/1/cmdline', files.dirs.get('/proc/1')!.entries[0]!);
    expect(files.files.selection.value?.binary).toBe(true);
    files.files.select('/proc/kmsg', files.dirs.get('/proc')!.entries[1]!);
    expect(files.files.selection.value?.error).toMatch(/^Not read/);
    const nul = files.dirs.get('/dev')!.entries[1]!;
    files.devices.select('/dev/null', nul);
    expect(sent.at(-1)).toMatchObject({ type: 'files-stat', path: '/dev/null' });
    expect(files.devices.selection.value?.entry?.device?.driver).toBe('mem');
  });

  it('ignores a late answer for an older selection, and answers of an older boot', () => {
    const machine = useMachineStore();
    const { held, deliver } = connectFakeHost(machine, { hold: true });
    const files = useFilesStore();
    files.files.select('/proc/1/status', null);
    files.files.select('/proc/1/cmdline', null);
    const [first, second] = held.filter((c) => c.type === 'files-stat' || c.type === 'files-read').slice(-2);
    deliver(answer(second!));
    deliver(answer(first!));
    expect(files.files.selection.value?.path).toBe('/proc/1/cmdline');
    // A reset: what is open is listed again from the new machine; the old answers do not count.
    const before = held.length;
    machine.receive(status('running', 2));
    expect(held.slice(before).map((c) => `${c.type} ${c.path}`)).toEqual(
      expect.arrayContaining(['files-list /dev', 'files-list /proc', 'files-list /sys', 'files-read /etc/passwd']),
    );
    expect(files.files.selection.value).toBeNull();
    deliver(answer(held.find((c) => c.type === 'files-list' && c.path === '/dev')!, 1));
    expect(files.dirs.get('/dev')?.loading).toBe(true);
  });

  it('reveals /proc/<pid>: opens the way there and selects it', () => {
    const machine = useMachineStore();
    connectFakeHost(machine);
    const files = useFilesStore();
    files.files.reveal('/proc/1/status');
    expect(files.files.expanded.value.has('/proc/1')).toBe(true);
    expect(files.files.selection.value?.content).toContain('Name:');
    files.files.reveal('/etc/passwd'); // not under a root: nothing happens
    expect(files.files.selection.value?.path).toBe('/proc/1/status');
  });
});
