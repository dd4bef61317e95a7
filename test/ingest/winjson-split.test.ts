/**
 * The winjson object splitter jumps through strings with a native search: the objects it yields (text and start
 * line) and the problems it reports do not depend on where the input's chunks break, even inside escapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitObjects, type JsonPiece, type SplitProblem } from '../../src/ingest/readers/winjson/split.js';

async function split(chunks: Buffer[]): Promise<{ pieces: JsonPiece[]; problems: SplitProblem[] }> {
  const problems: SplitProblem[] = [];
  const pieces: JsonPiece[] = [];
  for await (const ps of splitObjects((async function* () { yield* chunks; })(), 'x.json', problems)) pieces.push(...ps);
  return { pieces, problems };
}

test('objects and lines are the same whatever the chunk boundaries (escaped quotes and backslashes, braces in strings)', async () => {
  const text = [
    '[{"a": "x\\\\", "b": "q\\"}{", "c": {"d": "\\\\\\""}},',
    ' {"e": "line\\nnext", "f": "é😀}"}',
    ']',
    'junk',
    '{"g":',
    '  "\\\\\\\\"',
    '}',
    '{"h": "\\u0022}"}',
  ].join('\n');
  const buf = Buffer.from(text, 'utf8');
  const whole = await split([buf]);
  assert.deepEqual(whole.pieces.map((p) => p.line), [1, 2, 5, 8]);
  for (const p of whole.pieces) assert.doesNotThrow(() => JSON.parse(p.text), p.text);
  assert.equal(whole.problems.length, 1);
  for (let cut = 1; cut < buf.length; cut++) {
    const two = await split([buf.subarray(0, cut), buf.subarray(cut)]);
    assert.deepEqual(two, whole, `cut at ${cut}`);
  }
  // One byte per chunk.
  assert.deepEqual(await split([...buf].map((b) => Buffer.from([b]))), whole);
});
