/** ELF (Linux/Unix executable) parsing for the examine stage: header, sections, segments, symbols, dynamic linking, build id, compiler strings. */
export { parseElf } from './parse.js';
export type * from './types.js';
