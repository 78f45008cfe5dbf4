// ip, genl and udevadm monitor over Netlink. The veth transcript (links, carrier, addresses with
// a secondary, the kernel's local/broadcast/prefix routes, user routes, linkdown, every error
// message and exit status), `ip route get` answers, /sys/class/net's attribute files, IPv6
// addresses, `ip -4 monitor` and systemd 252's `udevadm monitor -s net` (add, move, remove) is compared with iproute2 6.1 run natively in a fresh network
// namespace when the host allows it, and with a golden copy of that native run otherwise.
// Hardware addresses are random on both sides and are masked; so are uevent times and numbers.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

const GOLDEN = join(__dirname, 'golden', 'iproute2');
const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

const maskMacs = (s: string) => s.replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');
const maskEvents = (s: string) => s.replace(/KERNEL\[\d+\.\d{6}\]/g, 'KERNEL[T]').replace(/^SEQNUM=\d+$/gm, 'SEQNUM=N');

const canNetns = spawnSync('unshare', ['-n', '-m', 'true']).status === 0 && spawnSync('ip', ['-V'], { encoding: 'utf8' }).stdout?.includes('iproute2-6.1');

/**
 * What the host's newer kernel adds that Linux 6.1 (the kernel this machine follows) did not send:
 * IFLA_ALLMULTI, the IPv6 addrgenmode in IFLA_AF_SPEC, and a veth queue per host CPU.
 */
const NATIVE_FIX: Record<string, (s: string) => string> = {
  details: (s) => s.replace(/ {2}allmulti 0 /g, ' ').replace(/addrgenmode \w+ /g, '').replace(/numtxqueues \d+ numrxqueues \d+/g, 'numtxqueues 1 numrxqueues 1'),
};

for (const name of ['veth', 'route_get', 'sysfs_net', 'link_set', 'monitor4', 'ipv6', 'udev_net', 'addr_flush', 'details', 'route_flush', 'help']) {
  describe(`ip over NETLINK_ROUTE: ${name}.sh`, () => {
    const script = golden(`${name}.sh`);
    const r = runInMachine(script, {}, 60_000);

    it('runs without kernel bugs and exits 0', () => {
      expect(kernelBugs(r.machine)).toEqual([]);
      expect(r.status).toBe(0);
    });

    it('prints what iproute2 6.1 prints on Linux for the same session (golden copy of the native run)', () => {
      expect(maskEvents(maskMacs(r.output))).toBe(golden(`${name}.txt`));
    });

    it.skipIf(!canNetns)('matches a native run in a new network namespace now', () => {
      // A new mount namespace too, so that a fresh sysfs shows this network namespace's interfaces;
      // no IPv6 link-local addresses (addr_gen_mode 1), as this machine makes none.
      const setup = 'mount -t sysfs sysfs /sys && echo 1 > /proc/sys/net/ipv6/conf/default/addr_gen_mode && ip link set lo up';
      const native = spawnSync('unshare', ['-n', '-m', 'sh', '-c', `${setup}; ${script}`], { encoding: 'utf8' });
      const fix = NATIVE_FIX[name] ?? ((x: string) => x);
      expect(maskEvents(maskMacs(r.output))).toBe(maskEvents(maskMacs(fix(native.stdout))));
    });
  });
}

describe('notifications: ip monitor, udevadm monitor; dummy, IPv6 addresses, genl, /sys/class/net', () => {
  const r = runInMachine(golden('monitor.sh'), {}, 60_000);

  it('matches the transcript', () => {
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(maskEvents(maskMacs(r.output))).toBe(golden('monitor.txt'));
  });

  it('udevadm saw the dummy interfaces (one renamed) and the loop device, in kernel order', () => {
    const udev = r.output.slice(r.output.indexOf('## udev\n'), r.output.indexOf('## udev -p'));
    expect(udev.match(/^KERNEL\S+ +\S+ +\S+/gm)!.map((l) => l.replace(/\[.*\]/, ''))).toEqual([
      'KERNEL add      /devices/virtual/net/d0',
      'KERNEL add      /devices/virtual/net/dummy5',
      'KERNEL add      /devices/virtual/net/r0',
      'KERNEL move     /devices/virtual/net/r1',
      'KERNEL change   /devices/virtual/block/loop0',
      'KERNEL change   /devices/virtual/block/loop0',
      'KERNEL remove   /devices/virtual/net/d0',
    ]);
  });
});

describe('genl-demo: the ringside_demo Generic Netlink family', () => {
  const r = runInMachine(
    'D=/usr/libexec/ringside/genl-demo; $D listen 3 & sleep 0.2; $D echo hello world; $D stats; sleep 0.1; wait; ' +
      '$D echo; echo "rc=$?"; /usr/libexec/ringside/netlink-bench getlink 100; echo "bench rc=$?"',
    {},
    60_000,
  );

  it('resolves the family through nlctrl, echoes, counts, and multicasts echoes and exits to "events"', () => {
    expect(kernelBugs(r.machine)).toEqual([]);
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('listening on ringside_demo (id 0x13) group "events" (2)');
    expect(r.output).toContain('hello world (echo #1)\n');
    expect(r.output).toMatch(/^event: msg "hello world" pid \d+$/m);
    expect(r.output).toMatch(/^event: msg "exit genl-demo" pid \d+ status 0$/m);
    expect(r.output).toContain('echoes 1\n');
    expect(r.output).toContain('usage: genl-demo echo TEXT | stats | listen [COUNT]\nrc=2\n');
    expect(r.output).toContain('bench rc=0\n');
  });
});
