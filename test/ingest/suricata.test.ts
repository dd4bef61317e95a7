import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { suricataReader } from '../../src/ingest/readers/suricata/index.js';
import { collect, fuzzReader } from './zeek-helpers.test.js';

const EVE = [
  '{"timestamp":"2019-05-15T23:08:39.100398+0000","flow_id":1893459812385473,"in_iface":"eth0","event_type":"alert","src_ip":"10.0.0.5","src_port":49152,"dest_ip":"203.0.113.9","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2019401,"rev":3,"signature":"ET POLICY curl UA","category":"Misc","severity":3},"http":{"hostname":"example.com","url":"/x"}}',
  '{"timestamp":"2019-05-15T23:08:40.000001-0200","flow_id":18934598123854731,"event_type":"flow","src_ip":"10.0.0.5","src_port":49152,"dest_ip":"203.0.113.9","dest_port":80,"proto":"TCP","app_proto":"http","flow":{"pkts_toserver":5,"bytes_toserver":400,"state":"closed"}}',
  '{"timestamp":"2019-05-15T23:08:41.5+00:00","flow_id":2251799813685249,"event_type":"dns","src_ip":"10.0.0.5","src_port":5353,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","id":1,"rrname":"evil.example","rrtype":"A"}}',
  '{"timestamp":"2019-05-15T23:08:42.000000+0000","event_type":"stats","stats":{"uptime":10,"capture":{"kernel_packets":100}}}',
  '{"timestamp":"2019-05-15T23:08:43.000000+0000","flow_id":123,"event_type":"tls","src_ip":"10.0.0.5","src_port":50000,"dest_ip":"198.51.100.7","dest_port":443,"proto":"TCP","tls":{"sni":"a.example","version":"TLS 1.3"},"host":"sensor-1"}',
  '{"timestamp":"yesterday","event_type":"anomaly","anomaly":{"type":"decode","event":"ipv4.trunc_pkt"}}',
  '{"timestamp":"2019-05-15T23:08:44',
  '',
].join('\n');

test('suricata EVE: event types, exact flow ids, UTC nanoseconds from offsets, nested fields kept', async () => {
  const { events, anomalies } = await collect(suricataReader, 'eve.json.gz', gzipSync(Buffer.from(EVE)));
  assert.equal(events.length, 6);
  const [alert, flow, dns, stats, tls, anomaly] = events;
  assert.equal(alert!.tsNs, 1557961719100398000n);
  assert.equal(alert!.format, 'suricata');
  assert.equal(alert!.product, 'suricata');
  assert.equal(alert!.service, 'alert');
  assert.equal(alert!.fields['flow_id'], '1893459812385473');
  assert.deepEqual((alert!.fields['alert'] as Record<string, unknown>)['signature_id'], 2019401);
  assert.deepEqual([alert!.srcIp, alert!.srcPort, alert!.dstIp, alert!.dstPort, alert!.proto], ['10.0.0.5', 49152, '203.0.113.9', 80, 'tcp']);
  // 18934598123854731 is not a double; the digits survive as written.
  assert.equal(flow!.fields['flow_id'], '18934598123854731');
  assert.equal(flow!.tsNs, 1557968920000001000n); // -0200: two hours later in UTC
  assert.equal(dns!.category, 'dns');
  assert.equal(dns!.service, 'dns');
  assert.equal(dns!.tsNs, 1557961721500000000n);
  assert.equal((dns!.fields['dns'] as Record<string, unknown>)['rrname'], 'evil.example');
  assert.equal(stats!.service, 'stats');
  assert.equal(stats!.srcIp, undefined);
  assert.equal(tls!.host, 'sensor-1');
  assert.equal(tls!.fields['flow_id'], '123');
  assert.equal(anomaly!.tsNs, null);
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['bad-time', 6], ['json-syntax', 7]]);
  assert.match(anomalies[1]!.message, /eve\.json\.gz:7/);
});

test('suricata sniff: EVE is claimed, Zeek JSON and plain JSON are not', () => {
  assert.ok(suricataReader.sniff(Buffer.from(EVE), 'x.log') > 0.9);
  assert.equal(suricataReader.sniff(Buffer.from('{"_path":"conn","ts":1}\n'), 'eve.json'), 0);
  assert.equal(suricataReader.sniff(Buffer.from('{"a":1}\n'), 'eve.json'), 0);
});

test('suricata fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzzReader(suricataReader, 'fuzz-eve.json', Buffer.from(EVE), 3);
  assert.equal(r.runs, 140);
  assert.ok(r.errors > 0);
});
