// Which network a client address belongs to, for the per-network rate limit. One IPv6 host
// usually holds a whole /64 and can take a new address from it for every request: limiting by
// address would not limit it at all, so an IPv6 address counts by its /64.

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const parse = (part: string) => (part ? part.split(':') : []);
  const left = parse(head);
  const right = parse(tail ?? '');
  // An IPv4 tail (::ffff:192.0.2.1) takes the last two groups.
  const last = (tail === undefined ? left : right).at(-1);
  const v4 = last?.includes('.') ? ipv4Groups(last) : undefined;
  if (last?.includes('.') && !v4) return undefined;
  if (v4) (tail === undefined ? left : right).splice(-1, 1, ...v4.map((n) => n.toString(16)));
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

function ipv4Groups(address: string): [number, number] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) < 256))
    return undefined;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}

/**
 * The rate-limit key of a client address: an IPv4 address as it is, an IPv6 address by its /64
 * (an IPv4-mapped one as the IPv4 address), and undefined for no address.
 */
export function rateLimitKey(ip: string | undefined): string | undefined {
  const address = ip?.trim();
  if (!address) return undefined;
  // Anything that is not IPv6 (IPv4, or what a local server calls its client) counts as itself.
  const groups = address.includes(':') ? ipv6Groups(address.replace(/%.*$/, '')) : undefined;
  if (!groups) return address.slice(0, 64);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
