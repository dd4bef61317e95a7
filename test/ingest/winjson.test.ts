import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IngestError, type Anomaly, type NormalizedEvent } from '../../src/model/index.js';
import { bufferInput } from '../../src/ingest/input.js';
import { winjsonReader } from '../../src/ingest/readers/winjson/index.js';
import { windowsLogsource } from '../../src/ingest/windows/index.js';

async function readAll(text: string, name = 'events.json'): Promise<{ events: NormalizedEvent[]; anomalies: Anomaly[] }> {
  const events: NormalizedEvent[] = [];
  const anomalies: Anomaly[] = [];
  for await (const b of winjsonReader.read(bufferInput(name, Buffer.from(text)), {})) { events.push(...b.events); anomalies.push(...(b.anomalies ?? [])); }
  return { events, anomalies };
}

const EVTX_DUMP = {
  Event: {
    '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing', Guid: '54849625-5478-4994-A5BA-3E3B0328C30D' } },
      EventID: 4624, Version: 2, Level: 0, Task: 12544, Opcode: 0, Keywords: '0x8020000000000000',
      TimeCreated: { '#attributes': { SystemTime: '2024-05-01T10:00:00.123456Z' } }, EventRecordID: 99, Correlation: null,
      Execution: { '#attributes': { ProcessID: 700, ThreadID: 800 } }, Channel: 'Security', Computer: 'dc01.corp', Security: null,
    },
    EventData: { TargetUserName: 'alice', TargetDomainName: 'CORP', IpAddress: '10.1.2.3', IpPort: '51000', LogonType: 3, EventID: 'x' },
  },
};

test('winjson: evtx_dump shape, pretty-printed objects one after another', async () => {
  const text = `${JSON.stringify(EVTX_DUMP, null, 2)}\n${JSON.stringify(EVTX_DUMP, null, 2)}\n`;
  assert.ok(winjsonReader.sniff(Buffer.from(text), 'x.json') > 0.9);
  const { events, anomalies } = await readAll(text);
  assert.deepEqual(anomalies, []);
  assert.equal(events.length, 2);
  const e = events[0]!;
  assert.deepEqual(e.fields, {
    Provider_Name: 'Microsoft-Windows-Security-Auditing', Provider_Guid: '{54849625-5478-4994-A5BA-3E3B0328C30D}', EventID: 4624,
    Version: 2, Level: 0, Task: 12544, Opcode: 0, Keywords: '0x8020000000000000', TimeCreated: '2024-05-01T10:00:00.123456Z',
    EventRecordID: 99, ProcessID: 700, ThreadID: 800, Channel: 'Security', Computer: 'dc01.corp',
    TargetUserName: 'alice', TargetDomainName: 'CORP', IpAddress: '10.1.2.3', IpPort: '51000', LogonType: 3, 'EventData.EventID': 'x',
  });
  assert.equal(e.tsNs, 1714557600123456000n);
  assert.deepEqual([e.service, e.user, e.srcIp, e.srcPort, e.host, e.offset], ['security', 'CORP\\alice', '10.1.2.3', 51000, 'dc01.corp', 1]);
  assert.equal(events[1]!.offset, JSON.stringify(EVTX_DUMP, null, 2).split("\n").length + 1);
});

test('winjson: NXLog/Mordor flat shape as NDJSON', async () => {
  const line = { EventTime: '2020-09-21 19:56:40', '@timestamp': '2020-09-21T23:56:40.887Z', Hostname: 'WORKSTATION5', EventID: 1,
    SourceName: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\a.exe', CommandLine: 'a.exe -x', User: 'THESHIRE\\pgustavo' };
  const { events } = await readAll(`${JSON.stringify(line)}\n${JSON.stringify({ ...line, EventID: 3, DestinationIp: '1.2.3.4', DestinationPort: 443, Protocol: 'tcp' })}\n`);
  assert.equal(events.length, 2);
  assert.deepEqual([events[0]!.fields.Computer, events[0]!.fields.Provider_Name, events[0]!.category, events[0]!.commandLine], ['WORKSTATION5', 'Microsoft-Windows-Sysmon', 'process_creation', 'a.exe -x']);
  assert.equal(events[0]!.tsNs, 1600732600887000000n);
  assert.deepEqual([events[1]!.category, events[1]!.dstIp, events[1]!.dstPort, events[1]!.proto, events[1]!.offset], ['network_connection', '1.2.3.4', 443, 'tcp', 2]);
});

test('winjson: Winlogbeat/ECS shape in a JSON array', async () => {
  const doc = { '@timestamp': '2023-01-02T03:04:05.678Z', event: { code: '4104' }, host: { name: 'srv' }, message: 'Creating Scriptblock text',
    winlog: { channel: 'Microsoft-Windows-PowerShell/Operational', provider_name: 'Microsoft-Windows-PowerShell', computer_name: 'srv.corp',
      record_id: 5, process: { pid: 1, thread: { id: 2 } }, event_data: { ScriptBlockText: 'iex (iwr x)', MessageNumber: '1' } } };
  const { events } = await readAll(JSON.stringify([doc, doc]));
  assert.equal(events.length, 2);
  const e = events[0]!;
  assert.deepEqual([e.eventId, e.service, e.category, e.host, e.fields.ScriptBlockText, e.fields.ProcessID], [4104, 'powershell', 'ps_script', 'srv.corp', 'iex (iwr x)', 1]);
  assert.equal(e.tsNs, 1672628645678000000n);
});

test('winjson: bad objects are anomalies, an unclosed one an IngestError with the line', async () => {
  const { events, anomalies } = await readAll('{"EventID": 1, "Channel": "System"}\n{"EventID": 2,, }\n{"foo": 1}\n');
  assert.equal(events.length, 1);
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['winjson.syntax', 2], ['winjson.not_windows', 3]]);
  await assert.rejects(readAll('{"EventID": 1}\n{"EventID": 2, "x": "}', 'cut.json'), (e: unknown) =>
    e instanceof IngestError && e.position.file === 'cut.json' && e.position.line === 2);
});

test('winjson: fuzzed text (fixed seed) never crashes or hangs', async () => {
  let seed = 7;
  const r = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const base = Buffer.from(`${JSON.stringify(EVTX_DUMP, null, 1)}\n${JSON.stringify(EVTX_DUMP)}`);
  for (let i = 0; i < 200; i++) {
    let b = Buffer.from(base);
    if (i % 2 === 0) b = b.subarray(0, Math.floor(r() * b.length));
    else for (let k = 0; k < 10; k++) b.writeUInt8(Math.floor(r() * 256), Math.floor(r() * b.length));
    try { await readAll(b.toString('latin1'), `f${i}.json`); } catch (e) { assert.ok(e instanceof IngestError, String((e as Error).stack)); }
  }
});

test('logsource: channels, Sysmon and Security ids to Sigma service/category', () => {
  assert.deepEqual(windowsLogsource('Microsoft-Windows-Sysmon/Operational', undefined, 12, 'DeleteKey'), { product: 'windows', service: 'sysmon', category: 'registry_delete' });
  assert.deepEqual(windowsLogsource('Microsoft-Windows-Sysmon/Operational', undefined, 22), { product: 'windows', service: 'sysmon', category: 'dns_query' });
  assert.deepEqual(windowsLogsource('Security', undefined, 4688), { product: 'windows', service: 'security', category: 'process_creation' });
  assert.deepEqual(windowsLogsource('Windows PowerShell', undefined, 400), { product: 'windows', service: 'powershell-classic', category: 'ps_classic_start' });
  assert.deepEqual(windowsLogsource('Microsoft-Windows-PowerShell/Operational', undefined, 4103), { product: 'windows', service: 'powershell', category: 'ps_module' });
  assert.deepEqual(windowsLogsource('microsoft-windows-wmi-activity/operational', undefined, 5858), { product: 'windows', service: 'wmi' });
  assert.deepEqual(windowsLogsource(undefined, 'Microsoft-Windows-Sysmon', 7), { product: 'windows', service: 'sysmon', category: 'image_load' });
  assert.deepEqual(windowsLogsource('Some/Other', undefined, 1), { product: 'windows' });
});
