/**
 * Strings of a sample: ASCII, UTF-8 and UTF-16LE/BE runs with offset and section, the Unicode script of each, and
 * for natural-language text only (not identifiers, paths, URLs, format strings, blobs or API names) its language.
 * Language artefacts are cheap to plant, so callers weigh them as such; this folder only reports them faithfully.
 */
export { extractStrings } from './extract.js';
export type {
  ExtractedString, SectionRange, StringEncoding, StringsOptions, StringsResult, StringsSummary,
} from './types.js';
