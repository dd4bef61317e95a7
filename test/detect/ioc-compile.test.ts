import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIndicator } from '../../src/detect/ioc/index.js';
import { clickhouse, duckdb, type CaseStore } from '../../src/store/index.js';
import { HASH, iso, matching, openFixtureCase } from './ioc-case.js';

let store: CaseStore;
let close: () => Promise<void>;
before(async () => ({ store, close } = await openFixtureCase()));
after(async () => close());

function indicator(pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'indicator', spec_version: '2.1', id: 'indicator--11111111-1111-4111-8111-111111111111', pattern, pattern_type: 'stix', valid_from: '2000-01-01T00:00:00Z', ...extra };
}

async function hits(pattern: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const r = compileIndicator(indicator(pattern, extra), { source: 'test' }, duckdb);
  if (!r.ok) assert.fail(r.rejected.reason);
  return matching(store, r.compiled.where);
}

function rejected(pattern: string): string {
  const r = compileIndicator(indicator(pattern), { source: 'test' }, duckdb);
  assert.equal(r.ok, false, `expected ${pattern} to be rejected`);
  return r.ok ? '' : r.rejected.reason;
}

describe('object types', () => {
  test('ipv4-addr:value over typed columns and native fields of every source', async () => {
    assert.deepEqual(await hits("[ipv4-addr:value = '203.0.113.7']"), ['w-net']);
    assert.deepEqual(await hits("[ipv4-addr:value = '198.51.100.99']"), ['z-conn']);
    assert.deepEqual(await hits("[ipv4-addr:value = '198.51.100.12']"), ['s-tls']);
    assert.deepEqual(await hits("[ipv4-addr:value = '198.51.100.20']"), ['w-logon']);
    assert.deepEqual(await hits("[ipv4-addr:value = '192.0.2.1']"), []);
  });
  test('ipv4 CIDR blocks', async () => {
    assert.deepEqual(await hits("[ipv4-addr:value = '203.0.113.0/24']"), ['l-exec', 'p-c2', 'p-early', 'w-net']);
    assert.deepEqual(await hits("[ipv4-addr:value = '198.51.100.8/30']"), ['z-http', 'z-ssl']);
    assert.deepEqual(await hits("[ipv4-addr:value = '10.0.0.0/8']"), ['w-net']);
  });
  test('ipv6-addr:value, any textual form, CIDR', async () => {
    assert.deepEqual(await hits("[ipv6-addr:value = '2001:db8::dead:beef']"), ['w-net6']);
    assert.deepEqual(await hits("[ipv6-addr:value = '2001:db8::/32']"), ['w-net6']);
    assert.deepEqual(await hits("[ipv6-addr:value = 'fe80::/10']"), ['w-net6']);
    assert.deepEqual(await hits("[ipv6-addr:value = '2001:db9::/32']"), []);
    // Address fields hold both families: negations, patterns and EXISTS keep to the family of the object type.
    assert.deepEqual(await hits("[ipv6-addr:value != 'fe80::1' AND ipv6-addr:value LIKE '2001:%']"), ['w-net6']);
    assert.deepEqual(await hits("[ipv4-addr:value LIKE '%:%']"), []);
    assert.deepEqual(await hits("[ipv6-addr:value MATCHES '.']"), ['w-net6']);
    assert.match(rejected("[ipv6-addr:value = '10.0.0.1']"), /not an IPv6 address/);
    assert.match(rejected("[ipv4-addr:value = '10.0.0.1/33']"), /not an IPv4 address/);
  });
  test('domain-name:value, case-insensitive, Windows/Zeek/Suricata', async () => {
    assert.deepEqual(await hits("[domain-name:value = 'c2.example.net']"), ['w-dns']);
    assert.deepEqual(await hits("[domain-name:value = 'evil.example.com']"), ['w-net']);
    assert.deepEqual(await hits("[domain-name:value = 'www.evil.test']"), ['z-http']);
    assert.deepEqual(await hits("[domain-name:value = 'sni.evil.test']"), ['z-ssl']);
    assert.deepEqual(await hits("[domain-name:value = 'nested.evil.test']"), ['s-dns']);
    assert.deepEqual(await hits("[domain-name:value = 'tls.evil.test']"), ['s-tls']);
    assert.deepEqual(await hits("[domain-name:value = 'h.evil.test']"), ['s-http']);
    assert.deepEqual(await hits("[domain-name:value = 'good.example']"), []);
  });
  test('url:value rebuilt from host and uri', async () => {
    assert.deepEqual(await hits("[url:value = 'http://www.evil.test/gate.php?id=1']"), ['z-http']);
    assert.deepEqual(await hits("[url:value = 'http://h.evil.test/x?a=1']"), ['s-http']);
    assert.deepEqual(await hits("[url:value = 'http://www.evil.test/other']"), []);
  });
  test('file hashes from Sysmon Hashes, Zeek files, Suricata fileinfo, any case', async () => {
    assert.deepEqual(await hits(`[file:hashes.'SHA-256' = '${HASH.SHA256_A}']`), ['w-proc', 'z-files']);
    assert.deepEqual(await hits(`[file:hashes.MD5 = '${HASH.MD5_A.toUpperCase()}']`), ['w-proc', 'z-files']);
    assert.deepEqual(await hits(`[file:hashes.'SHA-1' = '${HASH.SHA1_A}']`), ['w-proc', 'z-files']);
    assert.deepEqual(await hits(`[file:hashes.sha256 = '${'e'.repeat(64)}']`), ['s-file']);
    assert.deepEqual(await hits(`[file:hashes.'SHA-256' = '${'0'.repeat(64)}']`), []);
    assert.match(rejected("[file:hashes.'SHA-512' = 'ab']"), /file:hashes\.'SHA-512': no field/);
  });
  test('file:name is the basename of paths', async () => {
    assert.deepEqual(await hits("[file:name = 'payload.dll']"), ['w-file']);
    assert.deepEqual(await hits("[file:name = 'invoice.pdf']"), ['z-files']);
    assert.deepEqual(await hits("[file:name = 'drop.sh']"), ['s-file']);
    assert.deepEqual(await hits("[file:name = 'cmd.exe']"), ['w-proc']);
    assert.deepEqual(await hits("[file:name = 'CMD.EXE']"), []);
    assert.deepEqual(await hits("[file:name = 'shadow']"), ['l-open']);
    // auditd merges PATH records into a list; a list is not compared as if it were one name.
    assert.deepEqual(await hits("[file:name LIKE '%so%']"), []);
  });
  test('network-traffic refs, ports, protocols', async () => {
    assert.deepEqual(await hits("[network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 443]"), ['w-net']);
    assert.deepEqual(await hits("[network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 80]"), []);
    assert.deepEqual(await hits("[network-traffic:src_ref.value = '203.0.113.7']"), []);
    assert.deepEqual(await hits("[network-traffic:src_ref.value = '192.168.1.5']"), ['z-conn', 'z-dns']);
    assert.deepEqual(await hits("[network-traffic:src_port = 50123]"), ['w-net']);
    assert.deepEqual(await hits("[network-traffic:dst_port = 8443]"), ['z-conn']);
    assert.deepEqual(await hits("[network-traffic:protocols[*] = 'ssl']"), ['z-conn']);
    assert.deepEqual(await hits("[network-traffic:protocols[*] = 'tls']"), ['s-tls']);
    assert.match(rejected("[network-traffic:protocols[0] = 'tcp']"), /use protocols\[\*\]/);
    assert.deepEqual(await hits("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'EvilAgent/1.0']"), ['z-http']);
    assert.deepEqual(await hits(`[network-traffic:extensions.'x-veritrace-tls'.ja3 = '${HASH.JA3}']`), ['s-tls', 'z-ssl']);
  });
  test('process name, command line, parent, pid', async () => {
    assert.deepEqual(await hits("[process:name = 'nc']"), ['l-exec']);
    assert.deepEqual(await hits("[process:name = 'notepad.exe']"), ['w-proc2']);
    assert.deepEqual(await hits("[process:command_line = 'cmd.exe /c whoami']"), ['w-proc']);
    assert.deepEqual(await hits("[process:parent_ref.name = 'explorer.exe']"), ['w-proc']);
    // Backslashes are escaped in the stored JSON; the raw-text prefilter must look for them escaped too.
    assert.deepEqual(await hits("[process:parent_ref.command_line = 'C:\\\\Windows\\\\explorer.exe']"), ['w-proc']);
    assert.deepEqual(await hits("[process:parent_ref.command_line = 'C:\\\\Windows\\\\explorer']"), []);
    assert.deepEqual(await hits('[process:pid = 4242]'), ['w-proc']);
    assert.deepEqual(await hits("[process:name = 'powershell.exe']"), []);
  });
  test('user-account login and id', async () => {
    assert.deepEqual(await hits("[user-account:account_login = 'bob']"), ['w-logon', 'w-proc2']);
    assert.deepEqual(await hits("[user-account:account_login = 'mallory']"), ['l-exec']);
    assert.deepEqual(await hits("[user-account:user_id = 'S-1-5-21-1-2-3-1001']"), ['w-logon']);
    assert.deepEqual(await hits("[user-account:user_id = '1000']"), ['l-exec']);
    assert.deepEqual(await hits("[user-account:user_id = '0']"), []);
  });
  test('x509-certificate hashes, subject, issuer, serial', async () => {
    assert.deepEqual(await hits(`[x509-certificate:hashes.'SHA-256' = '${HASH.CERT_SHA256}']`), ['z-x509']);
    assert.deepEqual(await hits(`[x509-certificate:hashes.'SHA-1' = '${HASH.TLS_SHA1.replace(/:/g, '').toUpperCase()}']`), ['s-tls']);
    assert.deepEqual(await hits(`[x509-certificate:hashes.'SHA-1' = '${'d'.repeat(40)}']`), []);
    assert.deepEqual(await hits("[x509-certificate:subject = 'CN=evil.test']"), ['z-x509']);
    assert.deepEqual(await hits("[x509-certificate:issuer = 'CN=Other CA']"), ['s-tls']);
    assert.deepEqual(await hits("[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74']"), []);
    assert.deepEqual(await hits("[x509-certificate:issuer = 'CN=Evil CA' AND x509-certificate:serial_number = '4c:0b:1d:19:74']"), ['z-x509']);
    assert.deepEqual(await hits("[x509-certificate:serial_number = '00e102']"), ['s-tls']);
  });
  test('a path no source holds is rejected with its offset', () => {
    assert.match(rejected("[email-message:subject = 'hi']"), /pattern character 1: email-message:subject: no field/);
  });
});

describe('comparison operators', () => {
  test('= and != (and NOT)', async () => {
    assert.deepEqual(await hits("[process:name != 'cmd.exe' AND process:command_line LIKE '%report%']"), ['w-proc2']);
    assert.deepEqual(await hits("[process:name NOT = 'notepad.exe' AND process:command_line LIKE '%report%']"), []);
    assert.deepEqual(await hits("[ipv4-addr:value != '192.168.2.1' AND ipv4-addr:value = '192.168.2.2']"), ['s-dns']);
  });
  test('<, <=, >, >= on numbers', async () => {
    assert.deepEqual(await hits('[network-traffic:dst_port > 8000]'), ['z-conn']);
    assert.deepEqual(await hits('[network-traffic:dst_port >= 4444 AND network-traffic:dst_port < 8443]'), ['l-exec']);
    assert.deepEqual(await hits('[network-traffic:dst_port <= 80]'), ['w-net6']);
    assert.deepEqual(await hits('[network-traffic:dst_port NOT > 80 AND network-traffic:dst_port > 79]'), ['w-net6']);
    assert.match(rejected("[ipv4-addr:value > '10.0.0.1']"), /does not order IP addresses/);
  });
  test('IN, NOT IN and the empty set', async () => {
    assert.deepEqual(await hits("[domain-name:value IN ('bad.example.org', 'WWW.EVIL.TEST', 'nope.test')]"), ['z-dns', 'z-http']);
    assert.deepEqual(await hits('[network-traffic:dst_port IN (443, 4444)]'), ['l-exec', 's-tls', 'w-net']);
    assert.deepEqual(await hits("[ipv4-addr:value IN ('203.0.113.7', '10.9.9.0/24')]"), ['w-net']);
    assert.deepEqual(await hits("[process:name NOT IN ('cmd.exe', 'notepad.exe', 'beacon.exe', 'rundll32.exe') AND process:name LIKE '%e%']"), ['p-stage1']);
    assert.deepEqual(await hits('[network-traffic:dst_port IN ()]'), []);
  });
  test('LIKE with % and _', async () => {
    assert.deepEqual(await hits("[process:command_line LIKE 'cmd.exe /c %']"), ['w-proc']);
    assert.deepEqual(await hits("[domain-name:value LIKE '%.EVIL.test']"), ['s-dns', 's-http', 's-tls', 'z-http', 'z-ssl']);
    assert.deepEqual(await hits("[file:name LIKE 'payload.d_l']"), ['w-file']);
    assert.deepEqual(await hits("[file:name LIKE 'payload.d_']"), []);
  });
  test('MATCHES (RE2), and what RE2 cannot take', async () => {
    assert.deepEqual(await hits("[process:command_line MATCHES '^nc -e .* \\\\d+$']"), ['l-exec']);
    assert.deepEqual(await hits("[domain-name:value MATCHES '^C2\\\\.']"), ['w-dns']);
    assert.deepEqual(await hits("[url:value MATCHES 'gate\\\\.php']"), ['z-http']);
    assert.match(rejected("[process:command_line MATCHES '(a)\\\\1']"), /back-references/);
    assert.match(rejected("[process:command_line MATCHES 'a(?=b)']"), /look-around/);
    assert.match(rejected("[process:command_line MATCHES '(']"), /invalid regular expression/);
  });
  test('ISSUBSET and ISSUPERSET on addresses', async () => {
    assert.deepEqual(await hits("[ipv4-addr:value ISSUBSET '192.168.2.0/30']"), ['s-dns', 's-tls']);
    assert.deepEqual(await hits("[network-traffic:dst_ref.value ISSUBSET '198.51.100.96/29']"), ['z-conn']);
    assert.deepEqual(await hits("[ipv4-addr:value ISSUPERSET '203.0.113.7']"), ['w-net']);
    assert.deepEqual(await hits("[ipv4-addr:value ISSUPERSET '203.0.113.0/24']"), []);
    assert.match(rejected("[domain-name:value ISSUBSET 'x']"), /IP addresses and CIDR blocks only/);
  });
  test('EXISTS and NOT EXISTS', async () => {
    assert.deepEqual(await hits('[x509-certificate:serial_number = \'00e102\' AND EXISTS x509-certificate:issuer]'), ['s-tls']);
    assert.deepEqual(await hits("[EXISTS process:parent_ref.command_line]"), ['w-proc']);
    assert.deepEqual(await hits("[process:name LIKE '%.exe' AND NOT EXISTS process:pid]"), ['p-stage1', 'w-dns', 'w-file', 'w-net']);
    assert.deepEqual(await hits("[process:name = 'cmd.exe' AND NOT EXISTS process:pid]"), []);
  });
  test('AND binds tighter than OR, parentheses regroup', async () => {
    assert.deepEqual(await hits("[file:name = 'cmd.exe' OR file:name = 'invoice.pdf' AND file:name = 'x']"), ['w-proc']);
    assert.deepEqual(await hits("[(file:name = 'cmd.exe' OR file:name = 'invoice.pdf') AND file:name = 'invoice.pdf']"), ['z-files']);
  });
  test('literal type mismatches are reasons', () => {
    assert.match(rejected('[network-traffic:dst_port = true]'), /is a number; a bool literal/);
    assert.match(rejected("[domain-name:value = b'AAAA']"), /is text; a binary literal/);
  });
});

describe('observation operators and qualifiers', () => {
  test('OR between observations', async () => {
    assert.deepEqual(await hits("[file:name = 'payload.dll'] OR [domain-name:value = 'bad.example.org']"), ['w-file', 'z-dns']);
  });
  test('AND between observations needs both, by distinct events', async () => {
    assert.deepEqual(await hits("[process:name = 'stage1.exe'] AND [domain-name:value = 'bad.example.org']"), ['p-stage1', 'z-dns']);
    assert.deepEqual(await hits("[process:name = 'stage1.exe'] AND [domain-name:value = 'absent.test']"), []);
    assert.deepEqual(await hits("[process:name = 'stage1.exe'] AND [process:name = 'stage1.exe']"), []);
  });
  test('FOLLOWEDBY keeps order; WITHIN bounds the gap', async () => {
    assert.deepEqual(await hits("[process:name = 'stage1.exe'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.50']"), ['p-c2', 'p-stage1']);
    assert.deepEqual(await hits("[ipv4-addr:value = '203.0.113.50'] FOLLOWEDBY [process:name = 'stage1.exe']"), ['p-early', 'p-stage1']);
    assert.deepEqual(await hits("([process:name = 'stage1.exe'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.50']) WITHIN 10 SECONDS"), ['p-c2', 'p-stage1']);
    assert.deepEqual(await hits("([process:name = 'stage1.exe'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.50']) WITHIN 9.5 SECONDS"), []);
    assert.deepEqual(await hits("([process:name = 'stage1.exe'] AND [ipv4-addr:value = '203.0.113.50']) WITHIN 100 SECONDS"), ['p-c2', 'p-early', 'p-stage1']);
    assert.deepEqual(await hits("([process:name = 'stage1.exe'] AND [ipv4-addr:value = '203.0.113.50']) WITHIN 99 SECONDS"), ['p-c2', 'p-stage1']);
  });
  test('REPEATS counts distinct events, with and without a window', async () => {
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test'] REPEATS 4 TIMES"), ['r1', 'r2', 'r3', 'r4']);
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test'] REPEATS 5 TIMES"), []);
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test'] REPEATS 3 TIMES WITHIN 20 SECONDS"), ['r1', 'r2', 'r3']);
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test'] REPEATS 3 TIMES WITHIN 19 SECONDS"), []);
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test'] REPEATS 2 TIMES WITHIN 10 SECONDS"), ['r1', 'r2', 'r3']);
  });
  test('START/STOP and the indicator validity window', async () => {
    assert.deepEqual(await hits(`[domain-name:value = 'beacon.test'] START t'${iso(1005)}' STOP t'${iso(1020)}'`), ['r2']);
    assert.deepEqual(await hits("[domain-name:value = 'beacon.test']", { valid_from: iso(1010), valid_until: iso(2000) }), ['r2', 'r3']);
    // An event without a time cannot fall outside the window; START/STOP demands a time.
    assert.deepEqual(await hits("[domain-name:value = 'timeless.test']", { valid_from: iso(5000) }), ['no-time']);
    assert.deepEqual(await hits(`[domain-name:value = 'timeless.test'] START t'${iso(0)}' STOP t'${iso(9000)}'`), []);
  });
  test('shapes a per-event predicate cannot keep are rejected, not dropped', () => {
    assert.match(rejected("([file:name = 'a'] AND [file:name = 'b'] AND [file:name = 'c']) WITHIN 5 SECONDS"), /three or more ANDed/);
    assert.match(rejected("[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] FOLLOWEDBY [file:name = 'c']"), /more than two/);
    assert.match(rejected("([file:name = 'a'] REPEATS 2 TIMES) AND [file:name = 'b']"), /spans several observations/);
    assert.match(rejected(`[file:name = 'a'] START t'${iso(10)}' STOP t'${iso(5)}'`), /is not before STOP/);
  });
});

describe('indicator envelope', () => {
  test('pattern_type, revocation and validity are checked', () => {
    const r1 = compileIndicator(indicator("[file:name = 'a']", { pattern_type: 'sigma' }), { source: 's' }, duckdb);
    assert.equal(!r1.ok && r1.rejected.code, 'pattern-type');
    const r2 = compileIndicator(indicator("[file:name = 'a']", { revoked: true }), { source: 's' }, duckdb);
    assert.equal(!r2.ok && r2.rejected.code, 'revoked');
    const r3 = compileIndicator(indicator("[file:name = 'a']", { valid_until: '1999-01-01T00:00:00Z' }), { source: 's' }, duckdb);
    assert.equal(!r3.ok && r3.rejected.code, 'validity');
    const r4 = compileIndicator(indicator("[file:name = 'a'"), { source: 's' }, duckdb);
    assert.equal(!r4.ok && r4.rejected.reason, "indicator--11111111-1111-4111-8111-111111111111: pattern character 16: expected ']', found end of pattern");
  });
  test('the ClickHouse dialect compiles the same patterns through its seam', () => {
    const r = compileIndicator(indicator("[domain-name:value = 'x.test'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.0/8']"), { source: 's' }, clickhouse);
    assert.ok(r.ok);
    assert.match(r.ok ? r.compiled.where : '', /JSONExtract\(raw, 'QueryName', 'Nullable\(String\)'\)/);
    assert.match(r.ok ? r.compiled.where : '', /toUnixTimestamp64Nano/);
    assert.doesNotMatch(r.ok ? r.compiled.where : '', /json_extract_string|regexp_matches/);
  });
});
