/**
 * YARA: run the analyst's rules over samples with the reference engine (Debian's libyara via its CLI, see
 * `engine.ts` for why) and return, per sample, each matching rule with namespace, tags, meta and string offsets.
 */
export { compileYara } from './compile.js';
export { scanYara } from './scan.js';
export type { CompiledYara, ScanOptions, YaraMatch, YaraMetaValue, YaraStringMatch } from './types.js';
