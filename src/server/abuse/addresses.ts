/*
 * Client addresses for the per-address limits. Addresses are counted per IPv4 /32 and IPv6 /64: one home or
 * phone gets a whole /64 from its carrier, so counting single IPv6 addresses would let one device be a
 * billion clients.
 */

/** An address as bytes (4 for IPv4, 16 for IPv6), or `undefined` for anything that is not an address. */
export function addressBytes(text: string): Uint8Array | undefined {
  const address = unwrap(text);
  if (address.includes(':')) return ipv6Bytes(address);
  return ipv4Bytes(address);
}

/**
 * The key the limits count an address under: an IPv4 address itself (IPv4-mapped IPv6 included), an IPv6
 * address's /64 (`2001:db8:1:2::/64`). Text that is no address is its own key.
 */
export function addressKey(text: string): string {
  const bytes = addressBytes(text);
  if (!bytes) return text;
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}

/** Matches addresses against a list of addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`). */
export interface AddressMatcher {
  has(address: string): boolean;
}

/** Throws a `TypeError` naming the entry that is neither an address nor a CIDR range. */
export function addressMatcher(entries: readonly string[], option: string): AddressMatcher {
  const ranges = entries.map((entry) => {
    const [address = '', prefix] = entry.trim().split('/');
    const bytes = addressBytes(address);
    const bits = prefix === undefined ? (bytes?.length ?? 0) * 8 : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!bytes || !(bits >= 0 && bits <= bytes.length * 8)) {
      throw new TypeError(`createAk1Handler: ${option} holds ${JSON.stringify(entry)}, which is neither an address nor a CIDR range`);
    }
    return { bytes, bits };
  });
  return {
    has(address) {
      const bytes = addressBytes(address);
      return !!bytes && ranges.some((range) => range.bytes.length === bytes.length && samePrefix(range.bytes, bytes, range.bits));
    },
  };
}

/**
 * The client's address: the peer's, or, when the peer is a trusted proxy, the rightmost `X-Forwarded-For`
 * entry that is not a trusted proxy (entries left of it are whatever the client chose to send).
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | null, trusted: AddressMatcher | undefined): string | undefined {
  if (peer === undefined || !trusted || !trusted.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((hop) => withoutPort(hop.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted.has(hops[i]!)) return hops[i];
  }
  // Every hop is one of our proxies: the request started inside.
  return hops[0] ?? peer;
}

/** `[2001:db8::1]:443` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1` (some proxies add the port). */
function withoutPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  return /^[\d.]+:\d+$/.test(hop) ? hop.slice(0, hop.lastIndexOf(':')) : hop;
}

/** Brackets, a zone (`fe80::1%eth0`) and the IPv4-mapped prefix (`::ffff:192.0.2.1`) say nothing about the client. */
function unwrap(text: string): string {
  const address = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function ipv4Bytes(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return Uint8Array.from(parts, Number);
}

function ipv6Bytes(text: string): Uint8Array | undefined {
  let head = text;
  let tail: number[] = [];
  // An IPv4 tail (`64:ff9b::192.0.2.1`) is two groups.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = ipv4Bytes(v4[2]!);
    if (!bytes) return undefined;
    head = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
    tail = [(bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!];
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (![...left, ...right].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const missing = 8 - tail.length - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const values = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right].map((group) => parseInt(group, 16));
  values.push(...tail);
  const bytes = new Uint8Array(16);
  values.forEach((value, i) => {
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  });
  return bytes;
}

function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const whole = Math.floor(bits / 8);
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = bits % 8;
  if (!rest) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === (b[whole]! & mask);
}
