/** Decoding of the hex encoding auditd (and Linux's audit subsystem) uses for values with spaces or odd bytes. */

const HEX_RE = /^(?:[0-9A-F]{2})+$/;

/** True when an unquoted value is auditd hex: even length, upper-case hex digits only. */
export function looksHexEncoded(value: string): boolean {
  return value.length >= 2 && HEX_RE.test(value);
}

export function hexToBuffer(value: string): Buffer {
  return Buffer.from(value, 'hex');
}

/** Hex → UTF-8 text. NUL separates argv in `proctitle`; it becomes a space, as `ausearch -i` shows it. */
export function decodeHexText(value: string, nulAsSpace: boolean): string {
  let text = hexToBuffer(value).toString('utf8');
  if (nulAsSpace) text = text.replace(/\0+$/, '').replace(/\0/g, ' ');
  return text;
}
