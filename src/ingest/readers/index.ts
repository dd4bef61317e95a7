import type { Reader } from '../reader.js';

/**
 * Every reader, in one explicit list (no registration by import side effects). Order breaks sniffing ties:
 * a more specific reader comes before a more general one (JSON shapes before plain JSONL).
 */
export const READERS: readonly Reader[] = [
];
