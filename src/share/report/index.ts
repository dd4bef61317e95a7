/** The report: `report.json` for machines and partners, `report.md` for people. */
export { buildReport, type ReportInputs } from './build.js';
export { renderMarkdown } from './markdown.js';
export type * from './types.js';
export { sampleSection, type SampleSection, type ReportSample } from './sections.js';
