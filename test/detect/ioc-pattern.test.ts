import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePattern, PatternSyntaxError, type Observation } from '../../src/detect/ioc/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

/** A compact rendering of the tree, to check precedence and associativity. */
function show(o: Observation): string {
  switch (o.kind) {
    case 'observation': return '[]';
    case 'and': case 'or': case 'followedby': return `(${show(o.left)} ${o.kind.toUpperCase()} ${show(o.right)})`;
    case 'within': return `${show(o.expr)}W${o.seconds}`;
    case 'repeats': return `${show(o.expr)}R${o.times}`;
    case 'startstop': return `${show(o.expr)}S`;
  }
}

function syntaxError(pattern: string): PatternSyntaxError {
  try {
    parsePattern(pattern, { indicatorId: 'indicator--x', source: 'f.json' });
  } catch (e) {
    assert.ok(e instanceof PatternSyntaxError, `expected PatternSyntaxError for ${pattern}, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected ${JSON.stringify(pattern)} to be rejected`);
}

// Patterns from the STIX 2.1 specification's examples (§9.9 and the object sections).
const VALID = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\CurrentControlSet\\\\Services\\\\WSALG2']",
  "[file:hashes.'SHA-256' = 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' AND file:size = 25536]",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[network-traffic:src_ref.value ISSUBSET '192.168.0.0/16']",
  "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
  "[file:created = t'2014-01-13T07:03:17.123456789Z']",
  "[ipv4-addr:value NOT IN ('10.0.0.1', '10.0.0.2')]",
  '[a:b = b\'AAECAwQ=\'] OR [a:b = h\'\'] OR [a:b IN ()]',
  "[x-custom:'quoted-key'.sub[-1] = -1.5 AND x-custom:n != +.5 AND x-custom:f <> -.25]",
  '/* comment */ [a:b == 1] // trailing',
  "[a:b = 'it\\'s a \\\\ backslash']",
  "[NOT EXISTS a:b AND EXISTS a:c AND a:d NOT LIKE 'x%' AND a:e NOT MATCHES 'y' AND a:f NOT ISSUBSET 'z' AND a:g NOT ISSUPERSET 'w']",
  "[a:b >= 1 AND a:b <= 2 AND a:b < 3 AND a:b > 0 AND a:c = true AND a:d != false]",
  '\u00a0[a:b\t=\n1]\u3000',
];

describe('STIX pattern parser: valid patterns', () => {
  for (const p of VALID) {
    test(p.slice(0, 80), () => { parsePattern(p); });
  }
  test('precedence: FOLLOWEDBY < OR < AND, left associative, qualifiers stack', () => {
    assert.equal(show(parsePattern('[a:b = 1] FOLLOWEDBY [a:c = 2] OR [a:d = 3] AND [a:e = 4]')), '([] FOLLOWEDBY ([] OR ([] AND [])))');
    assert.equal(show(parsePattern('[a:b = 1] AND [a:c = 2] AND [a:d = 3]')), '(([] AND []) AND [])');
    assert.equal(show(parsePattern('[a:b = 1] REPEATS 2 TIMES WITHIN 5.5 SECONDS')), '[]R2W5.5');
    assert.equal(show(parsePattern('([a:b = 1] OR [a:c = 2]) WITHIN 5 SECONDS')), '([] OR [])W5');
  });
  test('literals keep their values and kinds', () => {
    const o = parsePattern("[a:b = 'x\\'y\\\\z' AND a:c = -12 AND a:d = 01.5 AND a:e = h'0aFF' AND a:f = t'2020-02-29T23:59:60Z']");
    const vals: unknown[] = [];
    const walk = (c: import('../../src/detect/ioc/index.js').Comparison): void => {
      if (c.kind === 'and' || c.kind === 'or') { walk(c.left); walk(c.right); return; }
      if (c.kind === 'test' && !Array.isArray(c.value)) vals.push([c.value.kind, c.value.value]);
    };
    assert.equal(o.kind, 'observation');
    if (o.kind === 'observation') walk(o.comparison);
    assert.deepEqual(vals, [['string', "x'y\\z"], ['int', -12], ['float', 1.5], ['hex', '0aFF'], ['timestamp', '2020-02-29T23:59:60Z']]);
  });
  test('object paths: quoted keys, indexes, stars', () => {
    const o = parsePattern("[file:extensions.'windows-pebinary-ext'.sections[*].name[2] = 'x']");
    assert.ok(o.kind === 'observation' && o.comparison.kind === 'test');
    if (o.kind === 'observation' && o.comparison.kind === 'test') {
      assert.deepEqual(o.comparison.path.steps, [
        { kind: 'key', name: 'extensions' }, { kind: 'key', name: 'windows-pebinary-ext' }, { kind: 'key', name: 'sections' },
        { kind: 'index', index: '*' }, { kind: 'key', name: 'name' }, { kind: 'index', index: 2 },
      ]);
    }
  });
  test('thousands of ORed values do not exhaust the stack', () => {
    const p = `[${Array.from({ length: 20000 }, (_, i) => `ipv4-addr:value = '10.0.${i >> 8}.${i & 255}'`).join(' OR ')}]`;
    assert.equal(parsePattern(p).kind, 'observation');
  });
});

// [pattern, character offset of the error, words the reason must contain]
const INVALID: [string, number, RegExp][] = [
  ['', 0, /expected '\[' or '\('/],
  ['[', 1, /expected an object type/],
  ['[]', 1, /expected an object type/],
  ['[a:b]', 4, /comparison operator/],
  ['[a:b = ]', 7, /expected a literal/],
  ['[a:b = 1', 8, /expected '\]'/],
  ['a:b = 1', 0, /expected '\['/],
  ["[a:b = 'open]", 7, /unterminated string/],
  ["[a:b = 'bad\\e']", 11, /invalid escape/],
  ['[a:b-c = 1]', 3, /expected a property name/],
  ['[a:b = 1] WITHIN -5 SECONDS', 17, /positive number of seconds/],
  ['[a:b = 1] REPEATS 1.5 TIMES', 18, /positive integer/],
  ["[a:b = 1] START '2016' STOP t'2016-01-01T00:00:00Z'", 16, /timestamp literal/],
  ['[a:b LIKE 5]', 10, /LIKE takes a string/],
  ['[a:b > true]', 5, /cannot compare a boolean/],
  ['[a:b = 01]', 8, /expected '\]'/],
  ["[a:b = h'abc']", 7, /invalid hex literal/],
  ["[a:b = b'abc']", 7, /invalid binary literal/],
  ["[a:b = t'2016-13-01T00:00:00Z']", 7, /invalid timestamp literal/],
  ['[a:b = 1] AND', 13, /expected '\['/],
  ['[a:b = 1] FOLLOWEDBY', 20, /expected '\['/],
  ['[a:b = 1 AND c:d = 2]', 13, /different object types \(a, c\)/],
  ['[a:b = 1] WITHIN 5', 18, /expected SECONDS/],
  ['[a:b IN 1]', 8, /expected '\('/],
  ['[a:b = 1] [c:d = 2]', 10, /expected end of pattern/],
  ['[a:AND = 1]', 3, /expected a property name/],
  ['[a:b = 1 ~]', 9, /unexpected character "~"/],
  ['/* open [a:b = 1]', 0, /unterminated comment/],
  ['[NOT a:b = 1]', 5, /expected EXISTS after NOT/],
  ['[a:b = 1] REPEATS 5 TIMES WITHIN', 32, /positive number of seconds/],
  ['[a:b[x] = 1]', 5, /list index or '\*'/],
  ['[a:b = 99999999999999999999]', 7, /out of range/],
  ['[a:b = 1] START t\'2016-01-01T00:00:00Z\'', 39, /expected STOP/],
];

describe('STIX pattern parser: invalid patterns name the indicator and the offset', () => {
  for (const [p, offset, why] of INVALID) {
    test(JSON.stringify(p), () => {
      const e = syntaxError(p);
      assert.equal(e.patternOffset, offset, e.message);
      assert.match(e.reason, why);
      assert.equal(e.indicatorId, 'indicator--x');
      assert.ok(e.message.startsWith(`f.json: indicator--x: pattern character ${offset}: `), e.message);
    });
  }
  test('nesting is bounded', () => {
    const e = syntaxError(`${'('.repeat(5000)}[a:b = 1]${')'.repeat(5000)}`);
    assert.match(e.reason, /nested deeper than/);
    assert.match(syntaxError(`[a:b = 1]${' WITHIN 1 SECONDS'.repeat(3000)}`).reason, /more than 256 qualifiers/);
  });
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith('.json') ? [p] : [];
  });
}

test('every pattern in the OASIS examples parses', { skip: SKIP_NO_SHARED }, () => {
  let n = 0;
  for (const f of jsonFiles(join(SHARED_DATA, 'stix2-json-schemas', 'examples'))) {
    const doc = JSON.parse(readFileSync(f, 'utf8')) as { objects?: { type: string; id: string; pattern?: string }[] };
    for (const o of doc.objects ?? []) {
      if (o.type !== 'indicator' || typeof o.pattern !== 'string') continue;
      parsePattern(o.pattern, { indicatorId: o.id, source: f });
      n++;
    }
  }
  assert.ok(n >= 40, `only ${n} example patterns found`);
});
