/**
 * PE (Windows executable) parsing for the examine stage: headers, sections, imports and imphash, exports, Rich
 * header, debug directory, resources and version info, TLS, load config and overlay, in plain serialisable types.
 */
export { parsePe } from './parse.js';
export { peChecksum } from './headers.js';
export { richChecksum } from './rich.js';
export { msvc14Toolset, linkerVersionOf, toolName, visualStudioOf } from './rich-tools.js';
export { entropy } from './entropy.js';
export { Bytes } from './bytes.js';
export type * from './types.js';
