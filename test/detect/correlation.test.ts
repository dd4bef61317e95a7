/**
 * Correlation rules, one test per type, from the specification's examples, with windows at their exact boundary
 * (inclusive: an event exactly `timespan` after the first is inside, one nanosecond later is outside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Ev } from './helpers.js';

const S = 1_000_000_000n;
const T0 = 1_700_000_000n * S;
const at = (sec: number, extraNs = 0n) => T0 + BigInt(sec) * S + extraNs;
const sec = (eventId: number, data: Record<string, unknown>, tsNs: bigint): Ev => ({ product: 'windows', eventId, tsNs, fields: { EventID: eventId, Channel: 'Security', ...data } });

const failedLogin = `title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: [529, 4625]
    condition: selection
`;
const successfulLogin = `title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: [528, 4624]
    condition: selection
`;
const corr = (type: string, rules: string[], groupBy: string[], timespan: string, condition = '', extra = '') => `title: C ${type}
id: c-${type}
level: high
author: Tester
correlation:
    type: ${type}
    rules: [${rules.join(', ')}]
    group-by: [${groupBy.join(', ')}]
    timespan: ${timespan}
${condition ? `    condition:\n${condition}\n` : ''}${extra}
`;
const titles = (out: Awaited<ReturnType<typeof run>>, t: string) => out.hits.get(t) ?? [];

test('event_count: >= 3 failed logins per user in 10s; window inclusive at exactly 10s, not at 10s + 1ns', async () => {
  const ev = [
    sec(4625, { TargetUserName: 'bob' }, at(0)), sec(4625, { TargetUserName: 'bob' }, at(5)), sec(4625, { TargetUserName: 'bob' }, at(10)),
    sec(4625, { TargetUserName: 'eve' }, at(0)), sec(4625, { TargetUserName: 'eve' }, at(5)), sec(4625, { TargetUserName: 'eve' }, at(10, 1n)),
    sec(4624, { TargetUserName: 'bob' }, at(1)),
  ];
  const out = await run([failedLogin, corr('event_count', ['failed_login'], ['TargetUserName'], '10s', '        gte: 3')], ev);
  assert.deepEqual(titles(out, 'C event_count'), [[0, 1, 2]]);
  const f = out.findings.find((x) => x.kind === 'correlation')!;
  assert.deepEqual(f.groupBy, { TargetUserName: 'bob' });
  assert.equal(f.author, 'Tester');
  assert.equal(titles(out, 'Single failed login').length, 0, 'a referenced rule does not fire alone without generate');
});

test('event_count: sliding, not fixed buckets (events straddling a minute boundary still count); a range condition', async () => {
  const ev = [55, 58, 61, 64].map((s) => sec(4625, { TargetUserName: 'bob' }, at(s)));
  const out = await run([failedLogin, corr('event_count', ['failed_login'], ['TargetUserName'], '10s', '        gt: 3\n        lte: 4')], ev);
  assert.deepEqual(titles(out, 'C event_count'), [[0, 1, 2, 3]]);
  const none = await run([failedLogin, corr('event_count', ['failed_login'], ['TargetUserName'], '8s', '        gt: 3')], ev);
  assert.deepEqual(titles(none, 'C event_count'), []);
});

test('value_count: >= 3 distinct users per source address in 1m', async () => {
  const ev = [
    sec(4625, { IpAddress: '10.0.0.1', TargetUserName: 'a' }, at(0)), sec(4625, { IpAddress: '10.0.0.1', TargetUserName: 'a' }, at(1)),
    sec(4625, { IpAddress: '10.0.0.1', TargetUserName: 'b' }, at(2)), sec(4625, { IpAddress: '10.0.0.1', TargetUserName: 'c' }, at(60)),
    sec(4625, { IpAddress: '10.0.0.2', TargetUserName: 'a' }, at(0)), sec(4625, { IpAddress: '10.0.0.2', TargetUserName: 'b' }, at(1)),
  ];
  const out = await run([failedLogin, corr('value_count', ['failed_login'], ['IpAddress'], '1m', '        field: TargetUserName\n        gte: 3')], ev);
  assert.deepEqual(titles(out, 'C value_count'), [[0, 1, 2, 3]]);
});

const recon = (n: string, cmd: string) => `title: Recon ${n}\nid: recon-${n}\nname: recon_cmd_${n}\nlogsource: {product: windows, category: process_creation}\ndetection:\n    selection:\n        Image|endswith: '\\${cmd}'\n    condition: selection\n`;
const proc = (img: string, tsNs: bigint, user = 'u1'): Ev => ({ product: 'windows', eventId: 1, tsNs, fields: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: `C:\\Windows\\${img}`, User: user, Computer: 'pc1' } });

test('temporal: all referenced rules within 5m on one computer by one user, any order', async () => {
  const rules = [recon('a', 'whoami.exe'), recon('b', 'ipconfig.exe'), recon('c', 'net.exe')];
  const c = corr('temporal', ['recon_cmd_a', 'recon_cmd_b', 'recon_cmd_c'], ['Computer', 'User'], '5m');
  const ev = [proc('net.exe', at(0)), proc('whoami.exe', at(100)), proc('ipconfig.exe', at(300)), proc('whoami.exe', at(0), 'u2'), proc('net.exe', at(10), 'u2'), proc('ipconfig.exe', at(301), 'u2')];
  const out = await run([...rules, c], ev);
  assert.deepEqual(titles(out, 'C temporal'), [[0, 1, 2]]);
});

test('temporal_ordered: the spec example, many failed logins followed by a success for the same user (chained correlation)', async () => {
  const many = corr('event_count', ['failed_login'], ['User'], '10m', '        gte: 3').replace('id: c-event_count', 'id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41\nname: multiple_failed_login').replace('title: C event_count', 'title: Multiple failed logons');
  const chain = corr('temporal_ordered', ['multiple_failed_login', 'successful_login'], ['User'], '10m');
  const ev = [
    sec(4625, { User: 'bob' }, at(0)), sec(4625, { User: 'bob' }, at(10)), sec(4625, { User: 'bob' }, at(20)), sec(4624, { User: 'bob' }, at(30)),
    sec(4624, { User: 'amy' }, at(0)), sec(4625, { User: 'amy' }, at(10)), sec(4625, { User: 'amy' }, at(11)), sec(4625, { User: 'amy' }, at(12)),
  ];
  const out = await run([failedLogin, successfulLogin, many, chain], ev);
  assert.deepEqual(titles(out, 'C temporal_ordered'), [[0, 1, 2, 3]], 'success before the failures (amy) does not match');
  assert.equal(titles(out, 'Multiple failed logons').length, 0);
});

const web = `title: Website access\nid: web-1\nname: website_access\nlogsource: {product: zeek, service: http}\ndetection:\n    selection:\n        method: POST\n    condition: selection\n`;
const http = (src: string, bytes: number, tsNs: bigint): Ev => ({ product: 'zeek', service: 'http', tsNs, fields: { method: 'POST', 'id.orig_h': src, request_body_len: bytes } });

test('value_sum: more than 1000 bytes sent per source in 1h', async () => {
  const ev = [http('10.0.0.5', 600, at(0)), http('10.0.0.5', 500, at(3600)), http('10.0.0.6', 600, at(0)), http('10.0.0.6', 500, at(3601))];
  const out = await run([web, corr('value_sum', ['website_access'], ['id.orig_h'], '1h', '        field: request_body_len\n        gt: 1000')], ev);
  assert.deepEqual(titles(out, 'C value_sum'), [[0, 1]]);
});

test('value_avg: mean above 500 per source in 24h', async () => {
  const ev = [http('10.0.0.5', 400, at(0)), http('10.0.0.5', 700, at(10)), http('10.0.0.6', 400, at(0)), http('10.0.0.6', 500, at(10))];
  const out = await run([web, corr('value_avg', ['website_access'], ['id.orig_h'], '24h', '        field: request_body_len\n        gt: 500')], ev);
  assert.deepEqual(titles(out, 'C value_avg'), [[0, 1]]);
});

test('value_percentile: an image seen in at most 25% of a computer\'s process starts', async () => {
  const pc = `title: Process creation\nid: pc-1\nname: process_creation\nlogsource: {product: windows, category: process_creation}\ndetection:\n    selection:\n        Image|endswith: '.exe'\n    condition: selection\n`;
  const ev = [proc('rare.exe', at(0)), proc('common.exe', at(1)), proc('common.exe', at(2)), proc('common.exe', at(3)), proc('common.exe', at(4))];
  const out = await run([pc, corr('value_percentile', ['process_creation'], ['Computer'], '24h', '        field: Image\n        lte: 25')], ev);
  assert.deepEqual(titles(out, 'C value_percentile'), [[0, 1, 2, 3, 4]]);
  const none = await run([pc, corr('value_percentile', ['process_creation'], ['Computer'], '24h', '        field: Image\n        lte: 10')], ev);
  assert.deepEqual(titles(none, 'C value_percentile'), []);
});

test('aliases: the same address as destination in one rule and source in the other (spec example)', async () => {
  const internalError = `title: Internal error\nid: ie-1\nname: internal_error\nlogsource: {product: zeek, service: http}\ndetection:\n    selection:\n        status_code: 500\n    condition: selection\n`;
  const newConn = `title: New connection\nid: nc-1\nname: new_network_connection\nlogsource: {product: zeek, service: conn}\ndetection:\n    selection:\n        conn_state: SF\n    condition: selection\n`;
  const c = corr('temporal', ['internal_error', 'new_network_connection'], ['internal_ip', 'remote_ip'], '10s', '',
    `    aliases:\n        internal_ip:\n            internal_error: id.resp_h\n            new_network_connection: id.orig_h\n        remote_ip:\n            internal_error: id.orig_h\n            new_network_connection: id.resp_h\n`);
  const ev: Ev[] = [
    { product: 'zeek', service: 'http', tsNs: at(0), fields: { status_code: 500, 'id.orig_h': '1.1.1.1', 'id.resp_h': '10.0.0.9' } },
    { product: 'zeek', service: 'conn', tsNs: at(5), fields: { conn_state: 'SF', 'id.orig_h': '10.0.0.9', 'id.resp_h': '1.1.1.1' } },
    { product: 'zeek', service: 'conn', tsNs: at(6), fields: { conn_state: 'SF', 'id.orig_h': '10.0.0.9', 'id.resp_h': '2.2.2.2' } },
  ];
  const out = await run([internalError, newConn, c], ev);
  assert.deepEqual(titles(out, 'C temporal'), [[0, 1]]);
  assert.deepEqual(out.findings.find((f) => f.kind === 'correlation')!.groupBy, { internal_ip: '10.0.0.9', remote_ip: '1.1.1.1' });
});

test('generate: true keeps the referenced rules\' own findings', async () => {
  const ev = [0, 1, 2].map((s) => sec(4625, { TargetUserName: 'bob' }, at(s)));
  const out = await run([failedLogin, corr('event_count', ['failed_login'], ['TargetUserName'], '10s', '        gte: 3', '    generate: true\n')], ev);
  assert.equal(titles(out, 'Single failed login').length, 3);
  assert.equal(titles(out, 'C event_count').length, 1);
});

test('a correlation naming an unknown rule is rejected with correlation-reference', async () => {
  await assert.rejects(run([corr('event_count', ['nope'], ['User'], '1m', '        gte: 1')], []), /correlation-reference/);
});
