import { isIP } from 'node:net';

/** Address as a bigint with its bit width, for CIDR containment of IPv4 and IPv6 alike. */
function toBig(ip: string): { v: bigint; bits: number } | undefined {
  const kind = isIP(ip);
  if (kind === 4) return { v: ip.split('.').reduce((a, o) => (a << 8n) | BigInt(Number(o)), 0n), bits: 32 };
  if (kind !== 6) return undefined;
  let s = ip.toLowerCase();
  const v4 = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4?.[1]) {
    const n = toBig(v4[1])?.v ?? 0n;
    s = s.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return { v: groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g || '0', 16)), 0n), bits: 128 };
}

/** Whether `ip` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [net, len] = cidr.split('/');
  const a = toBig(ip);
  const b = toBig(net ?? '');
  if (!a || !b || a.bits !== b.bits) return false;
  const shift = BigInt(a.bits - Number(len ?? a.bits));
  return a.v >> shift === b.v >> shift;
}
