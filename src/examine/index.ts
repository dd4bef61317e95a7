/**
 * The examine stage: static analysis of captured attack tools (PE and ELF) into the case. `examine` takes files and
 * folders into the case's sample tables; `examineSample` reads one sample in memory; `compareSamples` relates two.
 * The format parsers, hashes, strings, YARA, checks and families live in their own folders beside this one.
 */
export {
  examine, examineSample, sniffFormat, formatOf, compareSamples, summarize, VERDICT_THRESHOLDS,
  type ExamineOptions, type ExamineProgress, type ExamineResult, type SampleOutcome, type SampleSummary,
  type SampleComparison, type Verdict, type Overlap,
  type SampleReport, type SampleOptions, type SampleFormat, type SampleHashSet, type SampleString, type SampleTimes, type StringsSummary,
} from './sample/index.js';
export {
  loadReport, loadReports, loadFamilies, ensureSampleTables, SAMPLE_SCHEMA_SQL, type FamilyLink, type StoredFamily, type StoredFamilyLink,
} from './store/index.js';
