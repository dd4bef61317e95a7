/** The kernel's `struct sockaddr` as SOCKADDR records carry it (`saddr=` hex): family, address, port or path. */
export interface Sockaddr {
  family: string;
  ip?: string;
  port?: number;
  path?: string;
}

const FAMILIES: Record<number, string> = { 1: 'local', 2: 'inet', 10: 'inet6', 16: 'netlink', 17: 'packet' };

export function decodeSockaddr(hex: string): Sockaddr | undefined {
  if (!/^(?:[0-9A-Fa-f]{2}){2,}$/.test(hex)) return undefined;
  const b = Buffer.from(hex, 'hex');
  const fam = b.readUInt16LE(0);
  const family = FAMILIES[fam] ?? String(fam);
  if (fam === 2 && b.length >= 8) {
    return { family, port: b.readUInt16BE(2), ip: `${b[4]}.${b[5]}.${b[6]}.${b[7]}` };
  }
  if (fam === 10 && b.length >= 24) {
    const groups: string[] = [];
    for (let i = 8; i < 24; i += 2) groups.push(b.readUInt16BE(i).toString(16));
    return { family, port: b.readUInt16BE(2), ip: compressV6(groups) };
  }
  if (fam === 1) {
    // Abstract sockets start with NUL; show it as '@' like ss(8) does.
    const raw = b.subarray(2);
    const end = raw[0] === 0 ? raw.length : raw.indexOf(0) < 0 ? raw.length : raw.indexOf(0);
    const path = raw[0] === 0 ? '@' + raw.subarray(1).toString('utf8').replace(/\0+$/, '') : raw.subarray(0, end).toString('utf8');
    return { family, path };
  }
  return { family };
}

/** RFC 5952 text form: the longest run of two or more zero groups becomes `::`. */
function compressV6(groups: string[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
