/** One test per Sigma value modifier (spec v2.1 appendix), positive and negative events, with the spec's edge cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matched, procRule, sysmon, type Ev } from './helpers.js';

const p = (data: Record<string, unknown>): Ev => sysmon(1, data);
const sel = (body: string) => procRule(`    selection:\n${body.split('\n').map((l) => '        ' + l).join('\n')}`);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

test('plain value: whole-value match, case-insensitive by default', async () => {
  assert.deepEqual(await matched(sel(`Image: 'C:\\Windows\\System32\\cmd.exe'`), [
    p({ Image: 'c:\\windows\\system32\\CMD.EXE' }), p({ Image: 'C:\\Windows\\System32\\cmd.exe.bak' }), p({}),
  ]), [0]);
});

test('contains / startswith / endswith', async () => {
  const ev = [p({ CommandLine: 'net user /add bob' }), p({ CommandLine: 'ping host' })];
  assert.deepEqual(await matched(sel(`CommandLine|contains: 'USER /add'`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine|startswith: 'net '`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine|endswith: ' HOST'`), ev), [1]);
});

test('lists are ORed; |all ANDs them', async () => {
  const ev = [p({ CommandLine: 'a b' }), p({ CommandLine: 'a' }), p({ CommandLine: 'c' })];
  assert.deepEqual(await matched(sel(`CommandLine|contains:\n    - 'a'\n    - 'b'`), ev), [0, 1]);
  assert.deepEqual(await matched(sel(`CommandLine|contains|all:\n    - 'a'\n    - 'b'`), ev), [0]);
});

test('exists: true and false (presence, not value: empty counts as present)', async () => {
  const ev = [p({ ParentImage: '' }), p({})];
  assert.deepEqual(await matched(sel(`ParentImage|exists: true`), ev), [0]);
  assert.deepEqual(await matched(sel(`ParentImage|exists: false`), ev), [1]);
});

test('cased: exact case only', async () => {
  const ev = [p({ CommandLine: 'Invoke-Mimikatz' }), p({ CommandLine: 'invoke-mimikatz' })];
  assert.deepEqual(await matched(sel(`CommandLine|cased|contains: 'Invoke-'`), ev), [0]);
});

test('neq: different from every listed value; an absent field does not match', async () => {
  const ev = [p({ User: 'alice' }), p({ User: 'BOB' }), p({ User: 'carol' }), p({})];
  assert.deepEqual(await matched(sel(`User|neq:\n    - 'alice'\n    - 'bob'`), ev), [2]);
});

test('windash: -, /, en dash, em dash and horizontal bar are interchangeable at a flag', async () => {
  const ev = ['-', '/', '\u2013', '\u2014', '\u2015', 'x'].map((c) => p({ CommandLine: `cmd ${c}c whoami` }));
  ev.push(p({ CommandLine: 'tool a-c' })); // a dash inside a word is not a flag
  assert.deepEqual(await matched(sel(`CommandLine|windash|contains: ' -c '`), ev), [0, 1, 2, 3, 4]);
  assert.deepEqual(await matched(sel(`CommandLine|windash|contains: 'a-c'`), ev), [6]);
});

test('re: case-sensitive by default; i, m and s sub-modifiers', async () => {
  const ev = [p({ CommandLine: 'AbC123' }), p({ CommandLine: 'abc123' }), p({ CommandLine: 'x\nabc' }), p({ CommandLine: 'ab\nc' })];
  assert.deepEqual(await matched(sel(`CommandLine|re: '^AbC\\d+$'`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine|re|i: '^abc\\d+$'`), ev), [0, 1]);
  assert.deepEqual(await matched(sel(`CommandLine|re|m: '^abc$'`), ev), [2]);
  assert.deepEqual(await matched(sel(`CommandLine|re|s: 'ab.c'`), ev), [3]);
  assert.deepEqual(await matched(sel(`CommandLine|re: '^(?!abc).*123$'`), ev), [0], 'lookahead runs in the JS fallback');
  assert.deepEqual(await matched(sel(`CommandLine|re: '(a)b\\1'`), [p({ CommandLine: 'aba' }), p({ CommandLine: 'abb' })]), [0], 'backreference in the JS fallback');
});

test('base64: the whole value encoded', async () => {
  assert.deepEqual(await matched(sel(`CommandLine|base64|contains: 'whoami'`), [p({ CommandLine: `x ${b64('whoami')} y` }), p({ CommandLine: 'whoami' })]), [0]);
});

test('base64offset: the value found at each of the three byte shifts', async () => {
  const ev = [0, 1, 2].map((k) => p({ CommandLine: `powershell -enc ${b64('A'.repeat(k) + 'http://evil.example/x')}` }));
  ev.push(p({ CommandLine: `powershell -enc ${b64('nothing to see')}` }));
  assert.deepEqual(await matched(sel(`CommandLine|base64offset|contains: 'http://'`), ev), [0, 1, 2]);
});

test('utf16le / wide / utf16be / utf16 with base64offset (PowerShell -enc)', async () => {
  const le = (s: string) => Buffer.from(s, 'utf16le');
  const ev = [
    p({ CommandLine: `powershell -enc ${b64(le('xIEX (New-Object Net.WebClient)'))}` }),
    p({ CommandLine: `powershell -enc ${b64(le('Write-Host hi'))}` }),
    p({ CommandLine: `x ${b64(le('IEX').swap16())}` }),
    p({ CommandLine: `x ${b64(Buffer.concat([Buffer.from([0xff, 0xfe]), le('IEX')]))}` }),
  ];
  assert.deepEqual(await matched(sel(`CommandLine|wide|base64offset|contains: 'IEX ('`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine|utf16le|base64offset|contains: 'IEX ('`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine|utf16be|base64|contains: 'IEX'`), ev), [2]);
  assert.deepEqual(await matched(sel(`CommandLine|utf16|base64|contains: 'IEX'`), ev), [3]);
});

test('lt / lte / gt / gte compare numbers', async () => {
  const ev = [p({ TerminalSessionId: 1 }), p({ TerminalSessionId: '2' }), p({ TerminalSessionId: 3 }), p({ TerminalSessionId: 'x' })];
  assert.deepEqual(await matched(sel(`TerminalSessionId|lt: 2`), ev), [0]);
  assert.deepEqual(await matched(sel(`TerminalSessionId|lte: 2`), ev), [0, 1]);
  assert.deepEqual(await matched(sel(`TerminalSessionId|gt: 2`), ev), [2]);
  assert.deepEqual(await matched(sel(`TerminalSessionId|gte: 2`), ev), [1, 2]);
});

test('time parts: minute, hour, day, week, month, year of a date field', async () => {
  const ev = [p({ UtcTime: '2024-03-05 14:07:09.123' }), p({ UtcTime: '2023-12-31 01:59:00.000' })];
  assert.deepEqual(await matched(sel(`UtcTime|minute: 7`), ev), [0]);
  assert.deepEqual(await matched(sel(`UtcTime|hour: 1`), ev), [1]);
  assert.deepEqual(await matched(sel(`UtcTime|day: 5`), ev), [0]);
  assert.deepEqual(await matched(sel(`UtcTime|week: 10`), ev), [0]);
  assert.deepEqual(await matched(sel(`UtcTime|month: 12`), ev), [1]);
  assert.deepEqual(await matched(sel(`UtcTime|year: 2024`), ev), [0]);
});

test('cidr: IPv4 on and off octet boundaries, IPv6 on and off nibble boundaries', async () => {
  const n = (ip: string) => sysmon(3, { DestinationIp: ip });
  const rule = (c: string) => `title: t\nlogsource: {product: windows, category: network_connection}\ndetection:\n    selection:\n        DestinationIp|cidr: '${c}'\n    condition: selection\n`;
  const ev = ['10.1.2.3', '172.16.0.1', '172.31.255.255', '172.32.0.1', '11.0.0.1', 'fe80::1', 'febf:ffff::1', 'fec0::1', '2001:db8::5', '2001:db9::5', 'not-an-ip', '10.1.2.3.4'].map(n);
  assert.deepEqual(await matched(rule('10.0.0.0/8'), ev), [0]);
  assert.deepEqual(await matched(rule('172.16.0.0/12'), ev), [1, 2]);
  assert.deepEqual(await matched(rule('fe80::/10'), ev), [5, 6]);
  assert.deepEqual(await matched(rule('2001:db8::/32'), ev), [8]);
  assert.deepEqual(await matched(rule('0.0.0.0/0'), ev), [0, 1, 2, 3, 4]);
});

test('expand: placeholders from the options; an escaped % stays literal', async () => {
  const ev = [p({ User: 'adm_bob' }), p({ User: 'root' }), p({ User: '%Admins%' })];
  assert.deepEqual(await matched(sel(`User|expand: '%Admins%'`), ev, { placeholders: { Admins: ['adm_*', 'root'] } }), [0, 1]);
  assert.deepEqual(await matched(sel(`User: '%Admins%'`), ev), [2], 'without expand a placeholder is literal');
  await assert.rejects(matched(sel(`User|expand: '%Admins%'`), ev), /placeholder-undefined/);
});

test('fieldref: compare two fields of the same event (with neq)', async () => {
  const ev = [p({ Image: 'C:\\a.exe', ParentImage: 'c:\\A.EXE' }), p({ Image: 'C:\\a.exe', ParentImage: 'C:\\b.exe' })];
  assert.deepEqual(await matched(sel(`Image|fieldref: ParentImage`), ev), [0]);
  assert.deepEqual(await matched(sel(`Image|fieldref|neq: ParentImage`), ev), [1]);
});

test('wildcards * and ?, escapes \\* \\? and \\\\', async () => {
  const ev = [p({ CommandLine: 'a*b' }), p({ CommandLine: 'axxb' }), p({ CommandLine: 'a?b' }), p({ CommandLine: 'axb' }), p({ CommandLine: 'a\\b' }), p({ CommandLine: 'a\\xb' })];
  assert.deepEqual(await matched(sel(`CommandLine: 'a*b'`), ev), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(await matched(sel(`CommandLine: 'a?b'`), ev), [0, 2, 3, 4]);
  assert.deepEqual(await matched(sel(`CommandLine: 'a\\*b'`), ev), [0]);
  assert.deepEqual(await matched(sel(`CommandLine: 'a\\?b'`), ev), [2]);
  assert.deepEqual(await matched(sel(`CommandLine: 'a\\\\*b'`), ev), [4, 5], 'escaped backslash, then a real wildcard');
  assert.deepEqual(await matched(sel(`CommandLine: 'a\\\\\\*b'`), [p({ CommandLine: 'a\\*b' }), p({ CommandLine: 'a\\xb' })]), [0], 'three backslashes: backslash and literal *');
  assert.deepEqual(await matched(sel(`CommandLine: 'a%b_c'`), [p({ CommandLine: 'a%b_c' }), p({ CommandLine: 'axbyc' })]), [0], 'SQL LIKE characters are literal');
});

test('null matches an absent field; empty string matches only empty', async () => {
  const ev = [p({ ParentImage: '' }), p({}), p({ ParentImage: null }), p({ ParentImage: 'x' })];
  assert.deepEqual(await matched(sel(`ParentImage: null`), ev), [1, 2]);
  assert.deepEqual(await matched(sel(`ParentImage: ''`), ev), [0]);
});

test('numbers: EventID as the integer column; other numbers as their written text', async () => {
  const r = `title: t\nlogsource: {product: windows, service: security}\ndetection:\n    selection:\n        EventID: 4769\n        TicketOptions: 0x40810000\n    condition: selection\n`;
  const w = (id: number, opt: string) => ({ product: 'windows', eventId: id, fields: { EventID: id, Channel: 'Security', TicketOptions: opt } });
  assert.deepEqual(await matched(r, [w(4769, '0x40810000'), w(4769, '0x1'), w(4768, '0x40810000')]), [0]);
});

test('keywords: field-less values search the whole record; |all ANDs them', async () => {
  const kw = (body: string) => procRule(`    keywords:\n${body}`, 'keywords');
  const ev = [p({ CommandLine: 'event::clear now' }), p({ Image: 'C:\\Tools\\mimi.exe', CommandLine: 'x' }), p({ CommandLine: 'nothing' })];
  assert.deepEqual(await matched(kw(`        - 'EVENT::CLEAR'\n        - 'tools\\mimi'`), ev), [0, 1]);
  assert.deepEqual(await matched(kw(`        '|all':\n            - 'tools'\n            - 'mimi'`), ev), [1]);
});

test('auditd: a field holding an array (merged record types, PATH items) matches when any element does', async () => {
  const rule = (body: string) => `title: t\nlogsource: {product: linux, service: auditd}\ndetection:\n    selection:\n${body}\n    condition: selection\n`;
  const a = (f: Record<string, unknown>): Ev => ({ product: 'linux', service: 'auditd', fields: f });
  const ev = [a({ type: ['SYSCALL', 'PATH'], name: ['/etc/shadow', '/tmp/x'] }), a({ type: 'PATH', name: '/etc/passwd' }), a({ type: ['SYSCALL'], name: ['/tmp/y'] })];
  assert.deepEqual(await matched(rule(`        type: PATH\n        name|endswith: '/shadow'`), ev), [0]);
  assert.deepEqual(await matched(rule(`        type: 'PATH'`), ev), [0, 1]);
  assert.deepEqual(await matched(rule(`        name|startswith: '/tmp/'`), ev), [0, 2]);
  assert.deepEqual(await matched(procRule('').replace(/^[\s\S]*$/, rule(`        name|exists: true`)), ev), [0, 1, 2]);
});
