// <arpa/inet.h> and <netdb.h>: byte order, the text forms of addresses (inet_pton, inet_ntop),
// sockaddr_in/sockaddr_in6 built and taken apart, and name lookup as far as a machine without DNS
// goes — numeric hosts, and names from /etc/hosts (getaddrinfo, getnameinfo), as glibc's "files"
// source does.

import { AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM } from '../../uapi/socket';
import type { Sys } from '../runtime/context';
import { readTextFile } from './read_file';
import { in6_ntop } from '../../uapi/in';

export const htons = (v: number): number => ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
export const ntohs = htons;
export const htonl = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
export const ntohl = htonl;

/** inet_pton: 4 bytes for AF_INET (strict dotted quad), 16 for AF_INET6, or null. */
export function inet_pton(af: number, s: string): Uint8Array | null {
  if (af === AF_INET) {
    const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(s);
    if (!m) return null;
    const b = m.slice(1).map(Number);
    return b.every((x) => x <= 255) ? Uint8Array.from(b) : null;
  }
  if (af !== AF_INET6) return null;
  let tail: Uint8Array | null = null;
  let text = s;
  // A trailing dotted quad (::ffff:127.0.0.1).
  const q = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (q) {
    tail = inet_pton(AF_INET, q[2]!);
    if (!tail) return null;
    text = q[1]!.endsWith('::') ? q[1]! : q[1]!.slice(0, -1);
  }
  const words = tail ? 6 : 8;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parse(halves[0]!), rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (halves.length === 1 && head.length !== words) return null;
  if (halves.length === 2 && head.length + rest.length > words - 1) return null;
  const all = [...head, ...Array(words - head.length - rest.length).fill('0'), ...rest];
  const out = new Uint8Array(16);
  for (let i = 0; i < words; i++) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(all[i]!)) return null;
    const v = parseInt(all[i]!, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

/** inet_ntop: dotted quad, or RFC 5952 text (v4-mapped addresses end in a dotted quad, as glibc writes them). */
export function inet_ntop(af: number, b: Uint8Array): string {
  if (af === AF_INET) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  return in6_ntop(b);
}

/** struct sockaddr_in / sockaddr_in6 for an address (4 or 16 bytes) and a port. */
export function sockaddr_inet(addr: Uint8Array, port: number): Uint8Array {
  if (addr.length === 4) {
    const s = new Uint8Array(16);
    s[0] = AF_INET;
    s[2] = port >>> 8;
    s[3] = port & 0xff;
    s.set(addr, 4);
    return s;
  }
  const s = new Uint8Array(28);
  s[0] = AF_INET6;
  s[2] = port >>> 8;
  s[3] = port & 0xff;
  s.set(addr, 8);
  return s;
}

/** The family, address bytes and port of a sockaddr_in/in6, or null for another family. */
export function sockaddr_parse(s: Uint8Array): { family: number; addr: Uint8Array; port: number } | null {
  if (s.length < 4) return null;
  const family = s[0]! | (s[1]! << 8);
  const port = (s[2]! << 8) | s[3]!;
  if (family === AF_INET && s.length >= 8) return { family, addr: s.slice(4, 8), port };
  if (family === AF_INET6 && s.length >= 24) return { family, addr: s.slice(8, 24), port };
  return null;
}

/** getaddrinfo's error codes (glibc's negative EAI_* values) and gai_strerror. */
export const EAI_NONAME = -2, EAI_SERVICE = -8, EAI_FAMILY = -6;
export function gai_strerror(e: number): string {
  switch (e) {
    case EAI_NONAME: return 'Name or service not known';
    case EAI_SERVICE: return 'Servname not supported for ai_socktype';
    case EAI_FAMILY: return 'ai_family not supported';
    default: return 'Unknown error';
  }
}

export const AI_PASSIVE = 1, AI_NUMERICHOST = 4;
export const NI_NUMERICHOST = 1;

export interface AddrInfo {
  family: number;
  socktype: number;
  /** The sockaddr to bind or connect. */
  addr: Uint8Array;
}

/** /etc/hosts as [address text, names] lines. */
function* hosts(): Sys<[string, string[]][]> {
  const text = (yield* readTextFile('/etc/hosts')) ?? '';
  const out: [string, string[]][] = [];
  for (const line of text.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2) out.push([f[0]!, f.slice(1)]);
  }
  return out;
}

/**
 * getaddrinfo for numeric hosts and /etc/hosts names (no DNS). A null host gives the wildcard
 * with AI_PASSIVE (0.0.0.0, then ::) and the loopback without. The service must be a number.
 */
export function* getaddrinfo(
  host: string | null, service: string, hints: { family?: number; socktype?: number; flags?: number } = {},
): Sys<AddrInfo[] | number> {
  const family = hints.family ?? AF_UNSPEC;
  const socktype = hints.socktype ?? SOCK_STREAM;
  if (family !== AF_UNSPEC && family !== AF_INET && family !== AF_INET6) return EAI_FAMILY;
  if (!/^\d+$/.test(service) || Number(service) > 65535) return EAI_SERVICE;
  const port = Number(service);
  const want = (af: number) => family === AF_UNSPEC || family === af;
  const out: AddrInfo[] = [];
  const add = (a: Uint8Array) => {
    const af = a.length === 4 ? AF_INET : AF_INET6;
    if (want(af)) out.push({ family: af, socktype, addr: sockaddr_inet(a, port) });
  };
  if (host === null) {
    const passive = ((hints.flags ?? 0) & AI_PASSIVE) !== 0;
    add(passive ? new Uint8Array(4) : Uint8Array.of(127, 0, 0, 1));
    add(passive ? new Uint8Array(16) : inet_pton(AF_INET6, '::1')!);
    return out;
  }
  const v4 = inet_pton(AF_INET, host), v6 = inet_pton(AF_INET6, host);
  if (v4 || v6) {
    add((v4 ?? v6)!);
    return out.length ? out : EAI_FAMILY;
  }
  if ((hints.flags ?? 0) & AI_NUMERICHOST) return EAI_NONAME;
  for (const [a, names] of yield* hosts()) {
    if (!names.includes(host)) continue;
    const b = inet_pton(AF_INET, a) ?? inet_pton(AF_INET6, a);
    if (b) add(b);
  }
  return out.length ? out : EAI_NONAME;
}

/** getnameinfo's host part: the first /etc/hosts name of the address, else its text (always text with NI_NUMERICHOST). */
export function* getnameinfo_host(family: number, addr: Uint8Array, flags = 0): Sys<string> {
  const text = inet_ntop(family, addr);
  if (flags & NI_NUMERICHOST) return text;
  for (const [a, names] of yield* hosts()) {
    const b = inet_pton(AF_INET, a) ?? inet_pton(AF_INET6, a);
    if (b && b.length === addr.length && b.every((x, i) => x === addr[i])) return names[0]!;
  }
  return text;
}
