/**
 * Indicator files → compiled detections and rejections. A file is a STIX bundle (or object, or array of objects)
 * or a MISP event export; anything else, or unreadable JSON, is rejected whole with the reason and offset.
 */
import { readFile } from 'node:fs/promises';
import type { Dialect } from '../../store/index.js';
import type { CompiledDetection } from '../types.js';
import { compileStixObjects } from './bundle.js';
import { compileIndicator, type IndicatorRejected, type IndicatorResult } from './indicator.js';
import { mispEvents, mispToIndicators } from './misp.js';

export interface CompiledIndicators {
  compiled: CompiledDetection[];
  rejected: IndicatorRejected[];
}

export function compileIndicatorDocument(doc: unknown, source: string, d: Dialect): CompiledIndicators {
  const results: IndicatorResult[] = [];
  const rejected: IndicatorRejected[] = [];
  const events = mispEvents(doc);
  if (events) {
    for (const ev of events) {
      const m = mispToIndicators(ev, source);
      rejected.push(...m.rejected);
      for (const x of m.indicators) {
        results.push(compileIndicator(x.indicator as unknown as Record<string, unknown>, {
          source, tags: x.tags, techniques: x.techniques, level: x.level, ...(x.author !== undefined ? { author: x.author } : {}),
        }, d));
      }
    }
  } else if (Array.isArray(doc)) {
    results.push(...compileStixObjects(doc, source, d));
  } else if (typeof doc === 'object' && doc !== null && (doc as { type?: unknown }).type === 'bundle') {
    const objects = (doc as { objects?: unknown }).objects;
    if (objects !== undefined && !Array.isArray(objects)) rejected.push({ source, code: 'file', reason: 'bundle "objects" is not an array' });
    else results.push(...compileStixObjects(objects ?? [], source, d));
  } else if (typeof doc === 'object' && doc !== null && typeof (doc as { type?: unknown }).type === 'string') {
    results.push(...compileStixObjects([doc], source, d));
  } else {
    rejected.push({ source, code: 'file', reason: 'neither a STIX 2.1 bundle/object nor a MISP event ({"Event": …})' });
  }
  const compiled: CompiledDetection[] = [];
  for (const r of results) {
    if (r.ok) compiled.push(r.compiled);
    else rejected.push(r.rejected);
  }
  return { compiled, rejected };
}

/** JSON.parse's message names a position; keep it so the user can find the spot. */
function jsonError(source: string, text: string, e: Error): IndicatorRejected {
  const m = /position (\d+)/.exec(e.message);
  const at = m ? ` at character ${m[1]}` : /end of JSON input/.test(e.message) ? ` at character ${text.length}` : '';
  return { source, code: 'file', reason: `invalid JSON${at}: ${e.message}${text.length === 0 ? ' (empty file)' : ''}` };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compile every indicator in the given files. Output is sorted (by id, then source) so runs are reproducible. */
export async function compileIndicatorFiles(paths: string[], dialect: Dialect): Promise<CompiledIndicators> {
  const compiled: CompiledDetection[] = [];
  const rejected: IndicatorRejected[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      rejected.push({ source: path, code: 'file', reason: `cannot read: ${(e as Error).message}` });
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      rejected.push(jsonError(path, text, e as Error));
      continue;
    }
    const r = compileIndicatorDocument(doc, path, dialect);
    compiled.push(...r.compiled);
    rejected.push(...r.rejected);
  }
  compiled.sort((a, b) => cmp(a.id, b.id) || cmp(a.source, b.source));
  rejected.sort((a, b) => cmp(a.source, b.source) || cmp(a.id ?? '', b.id ?? '') || cmp(a.reason, b.reason));
  return { compiled, rejected };
}
