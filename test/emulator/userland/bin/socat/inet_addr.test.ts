// socat's TCP and UDP addresses resolve their host through getaddrinfo (so /etc/hosts names work and
// "1..2.3" or "1e2.0.0.1" do not), with socat 1.7.4's messages for a bad host or service.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('socat TCP/UDP addresses', () => {
  const r = runInMachine(
    [
      'for c in "TCP4:1..2.3:9" "TCP4:1e2.0.0.1:9" "UDP4:127.0.0.1:abc" "UDP4-LISTEN:abc" "TCP-LISTEN:abc"; do socat - $c </dev/null 2>&1 | cut -d" " -f4-; done',
      '(socat TCP-LISTEN:7000,reuseaddr - > /tmp/o &)',
      'sleep 1; echo hey | socat - TCP:localhost:7000; sleep 1; cat /tmp/o',
    ].join('\n'),
  );

  it('prints what socat prints and connects to a name from /etc/hosts', () => {
    expect(r.output).toBe(
      'E getaddrinfo("1..2.3", "NULL", {1,2,1,6}, {}): Name or service not known\n' +
        'E getaddrinfo("1e2.0.0.1", "NULL", {1,2,1,6}, {}): Name or service not known\n' +
        'E getaddrinfo"127.0.0.1", "abc", {1,2,2,0}, {}): Servname not supported for ai_socktype\n' +
        'E cannot resolve service "abc/17"\n' +
        'E getaddrinfo"NULL", "abc", {1,2,1,0}, {}): Servname not supported for ai_socktype\n' +
        'hey\n',
    );
  });
});
