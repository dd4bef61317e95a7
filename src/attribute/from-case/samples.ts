import { resourceLanguages } from '../../examine/checks/index.js';
import type { SampleReport } from '../../examine/sample/types.js';
import { loadReports } from '../../examine/store/index.js';
import type { CaseStore } from '../../store/index.js';
import { makeEvidence, type EvidenceItem } from '../evidence.js';

async function hasSamples(store: CaseStore): Promise<boolean> {
  return (await store.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'samples'`)).length > 0;
}

/** Per sample: the artefacts its author, linker and signer left, each its own kind (their agreement is what the false-flag check weighs). */
function perSample(r: SampleReport): EvidenceItem[] {
  const sha = r.hashes.sha256;
  const src = { samples: [sha] };
  const items: EvidenceItem[] = [];
  if (r.strings.languages.length > 0) {
    items.push(makeEvidence('language', { artefact: 'strings', languages: r.strings.languages.map((l) => ({ tag: l.language, count: l.count })) }, src,
      undefined, `natural-language strings of ${r.file}`));
  }
  const res = r.pe ? resourceLanguages(r.pe) : [];
  if (res.length > 0) {
    items.push(makeEvidence('language', { artefact: 'resource', languages: res.map((tag) => ({ tag, count: 1 })) }, src, `language-resource:${sha}`,
      `resource language of ${r.file}`));
  }
  if (r.hashes.richHash) {
    const tools = [...new Set((r.pe?.rich?.entries ?? []).map((e) => e.visualStudio).filter((v): v is string => Boolean(v)))].sort();
    items.push(makeEvidence('rich-header', { richHash: r.hashes.richHash, ...(tools.length ? { toolchain: tools.join(', ') } : {}) }, src, undefined, `Rich header of ${r.file}`));
  }
  if (r.signerCertificate) {
    items.push(makeEvidence('certificate', { sha256: r.signerCertificate, ...(r.signer ? { subject: r.signer } : {}) }, src, undefined, `signer of ${r.file}`));
  }
  const yara = (r.yara ?? []).map((m) => m.rule).sort();
  items.push(makeEvidence('code-reuse', {
    sha256: [sha], ...(r.hashes.imphash ? { imphash: [r.hashes.imphash] } : {}), ...(r.hashes.tlsh ? { tlsh: [r.hashes.tlsh] } : {}),
    ...(yara.length ? { yara } : {}),
  }, src, undefined, `code of ${r.file}`));
  return items;
}

/**
 * Evidence from the examined samples. Compile times of the whole toolkit form one item (a forger rewrites them
 * all at once, and one timestamp alone says little); the other artefacts are per sample.
 */
export async function sampleEvidence(store: CaseStore): Promise<EvidenceItem[]> {
  if (!(await hasSamples(store))) return [];
  const reports = await loadReports(store);
  const items = reports.flatMap(perSample);
  const compiled = reports.filter((r) => r.times.compile).sort((a, b) => (a.hashes.sha256 < b.hashes.sha256 ? -1 : 1));
  if (compiled.length > 0) {
    items.push(makeEvidence('compile-time', { timestamps: compiled.map((r) => r.times.compile!).sort(), field: 'pe-timestamp' },
      { samples: compiled.map((r) => r.hashes.sha256) }, 'compile-time:toolkit', `compile times of ${compiled.length} samples`));
  }
  return items;
}
