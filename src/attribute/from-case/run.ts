import { loadActorProfiles, type ActorProfile } from '../../intel/actors/index.js';
import type { CaseStore } from '../../store/index.js';
import { attribute } from '../attribute.js';
import type { EvidenceItem } from '../evidence.js';
import type { AttributionResult } from '../result.js';
import { collectEvidence } from './index.js';

export interface CaseAttribution {
  actors: string[];
  evidence: EvidenceItem[];
  result: AttributionResult;
}

/**
 * Attribute the case: collect its evidence, weigh it against the actor profiles, and keep the result in the case
 * (`attribution`, one row, replaced on every run) so the report and a partner read the same numbers.
 */
export async function attributeCase(store: CaseStore, actorFiles: readonly string[]): Promise<CaseAttribution> {
  const actors: ActorProfile[] = loadActorProfiles(actorFiles);
  const evidence = await collectEvidence(store);
  const result = attribute({ evidence, actors });
  await store.transaction(async () => {
    await store.exec(`CREATE OR REPLACE TABLE attribution (actors JSON NOT NULL, evidence JSON NOT NULL, result JSON NOT NULL)`);
    await store.append('attribution', ['actors', 'evidence', 'result'], [[JSON.stringify(actors.map((a) => a.id)), JSON.stringify(evidence), JSON.stringify(result)]]);
  });
  return { actors: actors.map((a) => a.id).sort(), evidence, result };
}
