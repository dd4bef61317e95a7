/**
 * Split a stream of JSON text into top-level objects, whatever the layout: NDJSON, one JSON array, or pretty-printed
 * objects one after another (evtx_dump's output). Braces inside strings are skipped by tracking string state.
 */
import { IngestError } from '../../../model/index.js';

export interface JsonPiece {
  /** The object's text, for JSON.parse. */
  text: string;
  /** 1-based line where the object starts. */
  line: number;
}

export interface SplitProblem {
  line: number;
  message: string;
}

/** Bigger than any real event; a runaway object in corrupt input must not eat the memory. */
const MAX_OBJECT_CHARS = 64 * 1024 * 1024;

export async function* splitObjects(chunks: AsyncIterable<Buffer>, path: string,
  problems: SplitProblem[]): AsyncIterable<JsonPiece[]> {
  const decoder = new TextDecoder('utf-8');
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let arrayDepth = 0; // 1 while inside a top-level array
  let startLine = 0;
  let parts: string[] = [];
  let partsLen = 0;
  let junkLine = 0;
  for await (const chunk of chunks) {
    const s = decoder.decode(chunk, { stream: true });
    const out: JsonPiece[] = [];
    let objStart = depth > 0 ? 0 : -1;
    let nl = -1; // position of the next newline at or after the string being skipped (2^32 - 1: none)
    for (let i = 0; i < s.length; i++) {
      if (inString) {
        // Most of the text is inside strings: jump to the closing quote (native search) instead of a step per
        // character; a quote after an odd run of backslashes is escaped. A string may go on in the next chunk.
        if (escaped) { escaped = false; if (s.charCodeAt(i) === 10) line++; continue; }
        let q = i;
        for (;;) {
          q = s.indexOf('"', q);
          if (q < 0) break;
          let b = q - 1;
          while (b >= i && s.charCodeAt(b) === 92) b--;
          if ((q - 1 - b) % 2 === 0) break;
          q++;
        }
        const end = q < 0 ? s.length : q;
        // Raw newlines inside a string (invalid JSON, but counted as lines): the next one is looked up only
        // when passed, so a line of many strings is searched once.
        if (nl < i) nl = s.indexOf('\n', i) >>> 0;
        while (nl < end) { line++; nl = s.indexOf('\n', nl + 1) >>> 0; }
        if (q < 0) {
          let b = s.length - 1;
          while (b >= i && s.charCodeAt(b) === 92) b--;
          escaped = (s.length - 1 - b) % 2 === 1;
          break;
        }
        inString = false;
        i = q;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === 10) { line++; continue; }
      if (depth > 0) {
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            parts.push(s.slice(objStart, i + 1));
            out.push({ text: parts.join(''), line: startLine });
            parts = [];
            partsLen = 0;
            objStart = -1;
          }
        }
        continue;
      }
      if (c === 123) { depth = 1; objStart = i; startLine = line; continue; }
      if (c === 32 || c === 9 || c === 13 || c === 44 || c === 0xfeff) continue;
      if (c === 91 && arrayDepth === 0) { arrayDepth = 1; continue; }
      if (c === 93 && arrayDepth === 1) { arrayDepth = 0; continue; }
      if (junkLine !== line) {
        problems.push({ line, message: `unexpected '${String.fromCharCode(c)}' between JSON objects` });
        junkLine = line;
      }
    }
    if (depth > 0) {
      const rest = s.slice(objStart);
      parts.push(rest);
      partsLen += rest.length;
      if (partsLen > MAX_OBJECT_CHARS) throw new IngestError({ file: path, line: startLine }, 'JSON object larger than 64 MiB (corrupt input?)');
    }
    if (out.length > 0) yield out;
  }
  if (depth > 0) throw new IngestError({ file: path, line: startLine }, 'truncated: JSON object starting here never closes');
}
