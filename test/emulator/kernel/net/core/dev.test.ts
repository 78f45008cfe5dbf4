// Network devices and their addresses: lo at boot, registering and removing interfaces, the
// address lists, and the receive backlog's ordering.

import { describe, expect, it } from 'vitest';
import { bareKernel } from '../../fixture';
import { net_dev_init } from '../../../../../emulator/kernel/net/core/net_init';
import { init_net, register_netdevice_notifier } from '../../../../../emulator/kernel/net/core/net_namespace';
import {
  dev_add_pack, dev_add_tap, dev_get_by_name, dev_open, dev_queue_xmit, NetDevice, register_netdevice, unregister_netdevice,
  type SkBuff,
} from '../../../../../emulator/kernel/net/core/dev';
import { in_dev_addrs, inet_addr_local, inet_insert_ifa } from '../../../../../emulator/kernel/net/ipv4/devinet';
import { IN6ADDR_LOOPBACK, ipv6_chk_addr } from '../../../../../emulator/kernel/net/ipv6/addrconf';
import { ARPHRD_ETHER, IFF_LOOPBACK, IFF_LOWER_UP, IFF_RUNNING, IFF_UP, RT_SCOPE_HOST } from '../../../../../emulator/uapi/if';
import { EEXIST, EINVAL } from '../../../../../emulator/uapi/errno';

function boot() {
  const k = bareKernel();
  net_dev_init(k);
  return init_net(k);
}

describe('net devices', () => {
  it('brings up lo as ifindex 1 with 127.0.0.1/8 and ::1', () => {
    const net = boot();
    const lo = dev_get_by_name(net, 'lo')!;
    expect(lo.ifindex).toBe(1);
    // /sys/class/net/lo/flags on Linux reads 0x9 (UP|LOOPBACK); RUNNING and LOWER_UP are the link state ip shows.
    expect(lo.flags).toBe(IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP);
    expect(lo.mtu).toBe(65536);
    expect(in_dev_addrs(lo).map((a) => [a.local, a.prefixlen, a.scope])).toEqual([[0x7f000001, 8, RT_SCOPE_HOST]]);
    expect(inet_addr_local(net, 0x7f050505)).toBe(true);
    expect(inet_addr_local(net, 0x0a000001)).toBe(false);
    expect(ipv6_chk_addr(net, IN6ADDR_LOOPBACK)).toBe(true);
  });

  it('numbers new interfaces, refuses bad and duplicate names, and drops addresses with the device', () => {
    const net = boot();
    const events: string[] = [];
    register_netdevice_notifier(net, (ev, d) => events.push(`${ev} ${d.name}`));
    const mk = (name: string) => new NetDevice(net, name, ARPHRD_ETHER, { start_xmit: () => {} });
    const d = mk('dummy0');
    expect(register_netdevice(d)).toBe(0);
    expect(d.ifindex).toBe(2);
    expect(register_netdevice(mk('dummy0'))).toBe(-EEXIST);
    expect(register_netdevice(mk('a/b'))).toBe(-EINVAL);
    expect(register_netdevice(mk('x'.repeat(16)))).toBe(-EINVAL);
    dev_open(d);
    inet_insert_ifa({ dev: d, local: 0x0a000001, address: 0x0a000001, prefixlen: 24, broadcast: 0x0a0000ff, scope: 0, flags: 0, label: 'dummy0' });
    expect(inet_addr_local(net, 0x0a000001)).toBe(true);
    expect(inet_addr_local(net, 0x0a000002)).toBe(false); // only lo owns a whole block
    unregister_netdevice(d);
    expect(inet_addr_local(net, 0x0a000001)).toBe(false);
    expect(events).toEqual(['register dummy0', 'up dummy0', 'down dummy0', 'unregister dummy0']);
  });

  it('delivers a packet sent while receiving after the one being received (the backlog does not nest)', () => {
    const net = boot();
    const lo = dev_get_by_name(net, 'lo')!;
    const order: string[] = [];
    const taps: boolean[] = [];
    dev_add_tap(net, (_skb, out) => taps.push(out));
    dev_add_pack(net, 0x0800, (skb: SkBuff) => {
      order.push(`rx ${skb.data[0]} start`);
      if (skb.data[0] === 1) dev_queue_xmit({ data: Uint8Array.of(2), protocol: 0x0800, dev: lo });
      order.push(`rx ${skb.data[0]} end`);
    });
    dev_queue_xmit({ data: Uint8Array.of(1), protocol: 0x0800, dev: lo });
    expect(order).toEqual(['rx 1 start', 'rx 1 end', 'rx 2 start', 'rx 2 end']);
    expect(taps).toEqual([true, false, true, false]);
    expect(lo.stats.tx_packets).toBe(2);
    expect(lo.stats.rx_bytes).toBe(2);
  });
});
