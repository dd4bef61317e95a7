import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beaconSweep } from '../../examples/trace-scenarios/generate.js';
import { trace } from '../../src/trace/index.js';
import { withCaseFrom } from './helpers.js';

type Row = { src: string; dst: string; verdict: string; score: number; rita_score: number; period_s: number | null; jitter: number | null; benign_reason: string | null };

test('beacon sweep 10 s–24 h × jitter 0–50 %: precision and recall, against RITA-style scoring, benign periodic traffic told apart', async () => {
  const { files, truth } = beaconSweep();
  await withCaseFrom(files, async (store) => {
    await trace(store);
    const rows = await store.query<Row>(`SELECT src, dst, verdict, score, rita_score, period_s, jitter, benign_reason FROM trace_beacons`);
    const by = new Map(rows.map((r) => [`${r.src}|${r.dst}`, r]));
    const count = (pred: (k: string, r: Row | undefined) => boolean) => truth.pairs.filter((p) => pred(p.kind, by.get(`${p.src}|${p.dst}`))).length;
    const positives = truth.pairs.filter((p) => p.kind === 'beacon').length;
    // veritrace: a pair is reported as C2 when its verdict is 'beacon' (periodic and not a known polling service).
    const tp = count((k, r) => k === 'beacon' && r?.verdict === 'beacon');
    const fp = count((k, r) => k !== 'beacon' && r?.verdict === 'beacon');
    // The same score without the benign-service reasons: NTP and update checks are periodic and would be false positives.
    const fpNoAllowlist = count((k, r) => k !== 'beacon' && (r?.score ?? 0) >= 0.7);
    // RITA-style score at the same threshold.
    const ritaTp = count((k, r) => k === 'beacon' && (r?.rita_score ?? 0) >= 0.7);
    const ritaFp = count((k, r) => k !== 'beacon' && (r?.rita_score ?? 0) >= 0.7);
    const pr = (t: number, f: number) => `precision ${(t / Math.max(1, t + f)).toFixed(3)} recall ${(t / positives).toFixed(3)}`;
    console.log(`beacon sweep: ${positives} beacons, ${truth.pairs.length - positives} other pairs`);
    console.log(`  veritrace verdicts:                ${pr(tp, fp)} (tp ${tp}, fp ${fp})`);
    console.log(`  veritrace score without allowlist: ${pr(tp, fpNoAllowlist)} (fp ${fpNoAllowlist}: NTP polling and update checks)`);
    console.log(`  RITA-style score ≥ 0.7:            ${pr(ritaTp, ritaFp)} (tp ${ritaTp}, fp ${ritaFp})`);
    assert.equal(tp, positives, 'every beacon of the sweep is found');
    assert.equal(fp, 0, 'no noise pair and no benign poller is called a beacon');
    assert.equal(fpNoAllowlist, truth.pairs.filter((p) => p.kind.startsWith('benign')).length, 'only the benign pollers score as periodic; they are told apart by udp/123 and DNS name');
    for (const p of truth.pairs.filter((x) => x.kind.startsWith('benign'))) {
      assert.match(by.get(`${p.src}|${p.dst}`)!.benign_reason ?? '', p.kind === 'benign_ntp' ? /NTP polling/ : /update\.microsoft\.com/);
    }
    for (const p of truth.pairs.filter((x) => x.kind === 'beacon')) {
      const r = by.get(`${p.src}|${p.dst}`)!;
      // Sampling error grows as beats get fewer (24 h over a month is ~28 beats) and jitter wider.
      const tol = p.jitter! >= 0.5 ? 0.12 : p.periodS! >= 43200 ? 0.06 : 0.04;
      assert.ok(Math.abs(r.period_s! - p.periodS!) <= tol * p.periodS!, `period ${p.periodS}/${p.jitter}: ${r.period_s}`);
      assert.ok(Math.abs(r.jitter! - p.jitter!) <= 0.13, `jitter ${p.periodS}/${p.jitter}: ${r.jitter}`);
    }
  });
});
