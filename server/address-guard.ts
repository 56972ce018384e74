/**
 * Where the upload relay may connect. A ticket's URL is whatever the API signed, and the ticket
 * secret can be known to whoever holds the key, so without this the console server could be made
 * to PUT into its own network (a metadata service, an admin port on loopback). Like the Aurous API
 * pins its own fetches: resolve the host once, refuse loopback, private, link-local, CGNAT,
 * multicast and unspecified addresses, and connect to exactly the address that was checked, so a
 * second DNS answer (rebinding) cannot swap it between the check and the connection.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (an IP literal resolves to itself). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, 169.254.169.254 (cloud metadata) included
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255 included
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local, fd00:ec2::254 (AWS metadata) included
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  // Addresses that carry an IPv4 address inside (which may be private): IPv4-compatible (::a.b.c.d),
  // SIIT (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 and Teredo.
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['2001::', 32],
  ['100::', 64], // discard-only
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, metadata, CGNAT, multicast or unspecified (IPv4-mapped IPv6 too). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export type PinResult =
  { ok: true; pinned: ResolvedAddress } | { ok: false; reason: 'non_public'; address: string } | { ok: false; reason: 'unresolvable' };

/** Resolves `hostname` once; refuses it when any of its addresses is not public. */
export async function pinPublicAddress(hostname: string, resolve: Resolver): Promise<PinResult> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const family = isIP(bare);
  let answers: ResolvedAddress[];
  if (family !== 0) {
    answers = [{ address: bare, family: family === 6 ? 6 : 4 }];
  } else {
    try {
      answers = await resolve(bare);
    } catch {
      return { ok: false, reason: 'unresolvable' };
    }
  }
  const first = answers[0];
  if (!first) return { ok: false, reason: 'unresolvable' };
  // One bad answer is enough: a name that resolves both ways is a rebinding attempt.
  const bad = answers.find(({ address }) => isNonPublicAddress(address));
  if (bad) return { ok: false, reason: 'non_public', address: bad.address };
  return { ok: true, pinned: first };
}
