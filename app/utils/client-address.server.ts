import { isIPv4, isIPv6 } from "node:net";

/**
 * The address a per-address limit counts a request against. An IPv6 home or mobile connection is
 * usually given a whole /64 (2^64 addresses), so counting single IPv6 addresses would let one
 * person start afresh with every request: the /64 is the address. IPv4 stays as it is, and IPv4
 * reached over IPv6 ("::ffff:203.0.113.7") is the IPv4 address it carries. Anything else (an
 * unknown address) is returned unchanged.
 */
export function clientAddressKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  const [a, b, c, d, e, f, g, h] = groups as [number, number, number, number, number, number, number, number];
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return [g >> 8, g & 0xff, h >> 8, h & 0xff].join(".");
  }
  return `${[a, b, c, d].map((n) => n.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(ip: string): number[] | null {
  const address = ip.split("%")[0]!;
  if (!isIPv6(address)) return null;
  // A dotted IPv4 tail ("::ffff:1.2.3.4") is the last two groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, p, q, r, s) =>
    [(Number(p) << 8) | Number(q), (Number(r) << 8) | Number(s)].map((n) => n.toString(16)).join(":"),
  );
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}
