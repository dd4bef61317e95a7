import { attributionMarkdown, esc, samplesMarkdown, traceMarkdown } from './markdown-sections.js';
import type { Report } from './types.js';


/** `report.md`: the same content as report.json, in the order a responder reads it. */
export function renderMarkdown(r: Report): string {
  const out: string[] = [];
  out.push('# veritrace report', '');
  out.push(`${r.case.events.toLocaleString('en-US')} events from ${r.case.evidence.length} evidence files, ${r.case.hosts.length} hosts, ${r.case.firstTs ?? '-'} to ${r.case.lastTs ?? '-'} UTC.`, '');
  if (r.attribution) out.push(...attributionMarkdown(r.attribution));
  if (r.trace) out.push(...traceMarkdown(r.trace));
  if (r.samples) out.push(...samplesMarkdown(r.samples));
  out.push('## Detections', '');
  const d = r.detections;
  out.push(`${d.rulesLoaded} rules loaded, ${d.rulesRejected} rejected${d.rulesRejected ? ` (${Object.entries(d.rejectedByCode).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}; findings by level: ${Object.entries(d.findingsByLevel).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}.`, '');
  if (d.findings.length) {
    out.push('| level | rule | first (UTC) | last (UTC) | events | ATT&CK | author |', '|---|---|---|---|---|---|---|');
    for (const f of d.findings) {
      out.push(`| ${f.level} | ${esc(f.title)} | ${f.firstTs ?? '-'} | ${f.lastTs ?? '-'} | ${f.eventCount} | ${f.techniques.join(' ')} | ${esc(f.author ?? '-')} |`);
    }
    out.push('');
  }
  out.push('## Evidence', '');
  out.push('| SHA-256 | file | format | events | anomalies |', '|---|---|---|---|---|');
  for (const e of r.case.evidence) out.push(`| \`${e.sha256.slice(0, 16)}…\` | ${esc(e.path)} | ${e.format} | ${e.events} | ${e.anomalies} |`);
  if (r.case.failedInputs.length) {
    out.push('', '### Inputs that could not be read', '');
    for (const f of r.case.failedInputs) out.push(`- ${esc(f.error)}`);
  }
  out.push('');
  return out.join('\n');
}
