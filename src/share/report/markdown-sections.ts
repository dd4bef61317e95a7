import type { TraceSummary } from '../../trace/index.js';
import type { SampleSection } from './sections.js';
import type { AttributionSection } from './types.js';

/** A table cell: pipes escaped, line breaks folded. */
export const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const mb = (b: number) => `${(b / 1_048_576).toFixed(1)} MiB`;
const offset = (m: number) => `UTC${m >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}:${String(Math.abs(m) % 60).padStart(2, '0')}`;

export function attributionMarkdown(a: AttributionSection): string[] {
  const out = ['## Attribution', ''];
  if (a.profiles.length === 0) out.push('_No actor profiles were given (`--actors FILE`): every hypothesis but "unknown" is absent._', '');
  out.push(`Confidence: **${a.confidence}** (${a.confidenceReasons.join('; ')}). ${a.evidenceItems} evidence items were weighed.`, '');
  out.push('| hypothesis | probability | in words |', '|---|---|---|');
  for (const h of a.hypotheses) out.push(`| ${h.framedAs ? `${h.actor}, framed as ${h.framedAs}` : h.actor} | ${pct(h.probability)} | ${h.likelihood} |`);
  out.push('');
  if (a.activity) {
    const x = a.activity;
    const cal = x.calendars.slice(0, 2).map((c) => `${c.holidays} ${pct(c.probability)}`).join(', ');
    out.push(`**Operator working hours** (from ${x.count} activity times — session starts and every half hour of work — over ${x.spanDays} days): ${x.utcOffsetMinutes === null ? 'no daily rhythm found' : offset(x.utcOffsetMinutes)}${x.zone ? ` (fits ${x.zone})` : ''}, work week ${x.workweek?.join(' ') ?? 'unclear'}, holiday calendar ${x.holidays ?? 'unclear'}${cal ? ` (${cal})` : ''}; ${x.confidence} confidence.`, '');
  }
  if (a.compileActivity) {
    const x = a.compileActivity;
    out.push(`**Compile times** (${x.count} samples): ${x.utcOffsetMinutes === null ? 'no daily rhythm' : offset(x.utcOffsetMinutes)}, ${x.confidence} confidence — one field anybody can rewrite.`, '');
  }
  if (a.falseFlags.length) {
    out.push('### Suspected false flags', '');
    for (const f of a.falseFlags) out.push(`- **${f.kind}** points to ${f.pointsTo}, while costlier evidence favours ${f.favours}: ${esc(f.reason)} (items ${f.evidence.join(', ')}; contradicted by ${f.contradictedBy.join(', ')})`);
    out.push('');
  }
  if (a.hangsOn) {
    const top = a.hypotheses[0];
    const same = top && a.hangsOn.withoutIt === top.id;
    out.push(`**The conclusion hangs most on** \`${a.hangsOn.evidence}\`: without it ${same ? `${top.id} stays on top, at ${pct(a.hangsOn.probabilityWithout)} instead of ${pct(top.probability)}` : `the top hypothesis would be ${a.hangsOn.withoutIt}`}.`, '');
  }
  if (a.pivotal.length) {
    out.push('Pivotal items (removing one changes the answer):', '');
    for (const p of a.pivotal) out.push(`- \`${p.evidence}\` → ${p.withoutIt}`);
    out.push('');
  }
  out.push('### Evidence weighed', '', '| item | kind | cost to fake | chance planted | points to | why |', '|---|---|---|---|---|---|');
  for (const e of a.evidence) out.push(`| \`${e.id}\` | ${e.kind} | ${e.cost} | ${pct(e.pPlanted)} | ${e.pointsTo ?? '-'} | ${esc(e.why)} |`);
  out.push('');
  return out;
}

export function traceMarkdown(t: TraceSummary): string[] {
  const out = ['## How it happened', ''];
  if (t.entry) out.push(`**Entry:** ${t.entry.host} at ${t.entry.firstTs}, ${esc(t.entry.vector)}${t.entry.otherSources.length ? `; sources ${t.entry.otherSources.join(', ')}` : ''} (events ${t.entry.eventIds.slice(0, 5).join(', ')}${t.entry.eventIds.length > 5 ? ', …' : ''}).`, '');
  if (t.path.length) out.push(`**Path:** ${t.path.map((p) => `${p.host} (${p.reachedTs})`).join(' → ')}`, '');
  if (t.movement.length) {
    out.push('| from | to | account | how | times | first |', '|---|---|---|---|---|---|');
    for (const m of t.movement) out.push(`| ${m.srcHost} | ${m.dstHost} | ${m.user ?? '-'} | ${m.kind} | ${m.count} | ${m.firstTs} |`);
    out.push('');
  }
  if (t.beacons.length) {
    out.push('**Command-and-control beacons**', '', '| source | destination | period | jitter | connections | score | first | last |', '|---|---|---|---|---|---|---|---|');
    for (const b of t.beacons) out.push(`| ${b.src} | ${b.dst}${b.dstPort ? `:${b.dstPort}` : ''} | ${b.periodS.toFixed(0)} s | ${pct(b.jitter)} | ${b.count} | ${b.score.toFixed(2)} | ${b.firstTs} | ${b.lastTs} |`);
    out.push('');
  }
  if (t.benignPeriodic.length) out.push(`Periodic but benign: ${t.benignPeriodic.map((b) => `${b.src} → ${b.dst} every ${b.periodS.toFixed(0)} s (${esc(b.reason)})`).join('; ')}.`, '');
  if (t.exfil.length) {
    out.push('**Exfiltration**', '', '| source | destination | sent | days | first | last |', '|---|---|---|---|---|---|');
    for (const x of t.exfil) out.push(`| ${x.src} | ${x.dst} | ${mb(x.bytes)} | ${x.days} | ${x.firstTs} | ${x.lastTs} |`);
    out.push('');
  }
  out.push(`**Sessions:** ${t.sessions.total} in all, ${t.sessions.human} hands-on-keyboard (${t.sessions.intrusionHuman} of the intrusion), ${t.sessions.automated} automated.`, '');
  out.push(`**Infrastructure:** ${t.infrastructure.external} external addresses, ${t.infrastructure.intrusion} used by the intrusion${t.infrastructure.dataset ? ` (enriched from ${t.infrastructure.dataset}, ${t.infrastructure.datasetDate}; country is registration data, never nationality)` : ''}.`, '');
  const shared = t.clusters.filter((c) => c.intrusionAddresses.length > 0);
  if (shared.length) {
    out.push('| shared | key | intrusion addresses | first | last |', '|---|---|---|---|---|');
    for (const c of shared) out.push(`| ${c.kind} | ${esc(c.key)} | ${c.intrusionAddresses.join(', ')} | ${c.firstTs ?? '-'} | ${c.lastTs ?? '-'} |`);
    out.push('');
  }
  return out;
}

export function samplesMarkdown(s: SampleSection): string[] {
  if (s.samples.length === 0 && s.failed.length === 0) return [];
  const out = ['## Captured tools', '', `Checks made against ${s.checkedAgainst} (the newest event of the case).`, ''];
  out.push('| SHA-256 | file | type | compiled (claimed) | languages | family | flagged |', '|---|---|---|---|---|---|---|');
  for (const x of s.samples) {
    out.push(`| \`${x.sha256.slice(0, 16)}…\` | ${esc(x.file)} | ${esc(x.type)} | ${x.compileTime ?? '-'} | ${x.languages.map((l) => `${l.language} ${l.count}`).join(', ') || '-'} | ${x.family ?? '-'} | ${x.checks.map((c) => esc(c.reason)).join('; ') || '-'} |`);
  }
  for (const f of s.failed) out.push('', `- could not examine: ${esc(f.error)}`);
  out.push('');
  return out;
}
