/**
 * The evidence catalogue of a case: typed attribution evidence read from what the earlier stages stored (trace's
 * operator sessions and infrastructure, the findings' techniques, examine's samples), each item naming the events
 * or samples behind it. The attribution engine itself stays pure; this is the one place that reads the case for it.
 */
import type { CaseStore } from '../../store/index.js';
import type { EvidenceItem } from '../evidence.js';
import { activityEvidence, infrastructureEvidence, ttpEvidence } from './trace.js';
import { sampleEvidence } from './samples.js';

export async function collectEvidence(store: CaseStore): Promise<EvidenceItem[]> {
  const items = [
    ...(await activityEvidence(store)),
    ...(await infrastructureEvidence(store)),
    ...(await ttpEvidence(store)),
    ...(await sampleEvidence(store)),
  ];
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export { attributeCase, type CaseAttribution } from './run.js';
