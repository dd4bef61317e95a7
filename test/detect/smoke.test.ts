import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matched, procRule, sysmon, win } from './helpers.js';

test('a process_creation rule matches Sysmon 1 and Security 4688 (NewProcessName→Image), not other events', async () => {
  const hits = await matched(procRule(`    selection:\n        Image|endswith: '\\whoami.exe'`), [
    sysmon(1, { Image: 'C:\\Windows\\System32\\WHOAMI.EXE' }),
    win('Security', 4688, { NewProcessName: 'C:\\Windows\\System32\\whoami.exe' }),
    sysmon(11, { Image: 'C:\\Windows\\System32\\whoami.exe' }),
    sysmon(1, { Image: 'C:\\Windows\\System32\\cmd.exe' }),
  ]);
  assert.deepEqual(hits, [0, 1]);
});

test('indicators run beside Sigma rules: compiled detections and STIX files through ioc/', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { detect, readFindings } = await import('../../src/detect/index.js');
  const { withCase, ev } = await import('./helpers.js');
  const dir = await mkdtemp(join(tmpdir(), 'vt-ioc-'));
  try {
    const bundle = {
      type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001',
      objects: [{
        type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-000000000002', created: '2026-01-01T00:00:00.000Z',
        modified: '2026-01-01T00:00:00.000Z', name: 'Bad address', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix',
        valid_from: '2020-01-01T00:00:00Z',
      }],
    };
    await writeFile(join(dir, 'b.json'), JSON.stringify(bundle));
    await withCase([
      ev({ product: 'zeek', service: 'conn', srcIp: '10.0.0.1', dstIp: '198.51.100.7', fields: { 'id.orig_h': '10.0.0.1', 'id.resp_h': '198.51.100.7' } }, 0),
      ev({ product: 'zeek', service: 'conn', srcIp: '10.0.0.1', dstIp: '192.0.2.1', fields: { 'id.orig_h': '10.0.0.1', 'id.resp_h': '192.0.2.1' } }, 1),
    ], async (store, ids) => {
      const r = await detect(store, {
        rules: [dir], // no .yml here: indicators only
        indicatorFiles: [join(dir, 'b.json')],
        indicators: [{ kind: 'indicator', id: 'manual-1', title: 'Manual', level: 'high', tags: [], techniques: [], source: 'test', where: `src_ip = '10.0.0.1'` }],
      });
      const f = await readFindings(store);
      const by = (t: string) => f.filter((x) => x.title === t).flatMap((x) => x.eventIds.map((e) => ids.indexOf(e))).sort();
      assert.deepEqual(by('Manual'), [0, 1]);
      assert.deepEqual(by('Bad address'), [0]);
      assert.ok(r.rejected.every((x) => x.code !== 'runtime-error'));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
