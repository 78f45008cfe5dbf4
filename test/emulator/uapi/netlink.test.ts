// The Netlink codec the kernel and the libc share: message and attribute layouts as
// include/uapi/linux/netlink.h defines them (lengths unpadded, everything aligned to 4 bytes),
// bytes written out by hand from those layouts.

import { describe, expect, it } from 'vitest';
import { NLA_F_NESTED, NlBuilder, nla_get_string, nla_get_u16, nla_get_u32, nla_list, nla_parse, nlmsg_parse_all } from '../../../emulator/uapi/netlink';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('NlBuilder', () => {
  it('writes a header, a padded string attribute and a nest, and the aligned length', () => {
    const b = new NlBuilder();
    b.nlmsg_put(18, 0x301, 7, 42);
    b.put(new Uint8Array(16));
    b.nla_put_string(3, 'lo');
    const n = b.nest_start(18);
    b.nla_put_u16(1, 0x1234);
    b.nest_end(n);
    b.nlmsg_end();
    // nlmsghdr {len 52, type 18, flags 0x301, seq 7, pid 42}, ifinfomsg zeros,
    // nla {len 7, type 3} "lo\0" + 1 pad, nla {len 12, type 18} { nla {len 6, type 1} 34 12 + 2 pad }.
    expect(hex(b.bytes())).toBe(
      '34000000' + '1200' + '0103' + '07000000' + '2a000000' + '00'.repeat(16) + '0700' + '0300' + '6c6f0000' + '0c00' + '1200' + '0600' + '0100' + '34120000',
    );
  });

  it('marks a nest NLA_F_NESTED only when asked (nla_nest_start vs _noflag)', () => {
    const b = new NlBuilder();
    b.nest_end(b.nest_start(7, true));
    expect(hex(b.bytes())).toBe('0400' + (7 | NLA_F_NESTED).toString(16).padStart(4, '0').replace(/(..)(..)/, '$2$1'));
  });
});

describe('parsing', () => {
  it('walks messages until a header that does not fit, and attributes by type with NLA_F_* masked', () => {
    const b = new NlBuilder();
    b.nlmsg_put(16, 0, 1, 0);
    b.nla_put_u32(2, 5);
    b.nest_end(b.nest_start(6, true));
    b.nlmsg_end();
    b.nlmsg_put(3, 2, 1, 0);
    b.put(new Uint8Array(4));
    b.nlmsg_end();
    const bytes = new Uint8Array([...b.bytes(), 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const msgs = nlmsg_parse_all(bytes);
    expect(msgs.map((m) => [m.type, m.len])).toEqual([[16, 28], [3, 20]]);
    const tb = nla_parse(msgs[0]!.payload);
    expect(nla_get_u32(tb.get(2)!)).toBe(5);
    expect(tb.has(6)).toBe(true);
  });

  it('keeps repeated attributes in order with nla_list, and stops at a truncated one', () => {
    const b = new NlBuilder();
    b.nla_put_string(1, 'a');
    b.nla_put_string(1, 'bc');
    b.nla_put_u16(2, 9);
    const bytes = b.bytes();
    expect(nla_list(bytes).map((a) => a.type)).toEqual([1, 1, 2]);
    expect(nla_get_string(nla_parse(bytes).get(1)!)).toBe('bc');
    expect(nla_get_u16(nla_parse(bytes).get(2)!)).toBe(9);
    expect(nla_list(bytes.subarray(0, bytes.length - 4)).length).toBe(2);
  });
});
