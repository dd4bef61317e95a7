import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { ActorProfileError } from './errors.js';
import type { ActorProfile } from './profile.js';
import { profilesFromStix } from './stix.js';
import { validateProfile } from './validate.js';
import type { Locator } from './validate.js';

/**
 * Reads the profiles in one YAML or JSON text: `{actors: [...]}`, a bare list of profiles, or a STIX 2.1 bundle
 * whose `intrusion-set` objects carry the veritrace extension.
 */
export function parseActorProfiles(text: string, file: string): ActorProfile[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) throw new ActorProfileError({ file, path: '', line: first.linePos?.[0]?.line }, first.message.split('\n')[0] ?? 'invalid YAML');
  const loc: Locator = {
    file,
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const node: unknown = doc.getIn(path.slice(0, n), true);
        const range = isMap(node) || isSeq(node) || isScalar(node) ? node.range : undefined;
        if (range) return lineCounter.linePos(range[0]).line;
      }
      return undefined;
    },
  };
  const data: unknown = doc.toJS();
  if (data && typeof data === 'object' && !Array.isArray(data) && (data as { type?: unknown }).type === 'bundle') return profilesFromStix(data, loc);
  let list: unknown;
  let base: (string | number)[];
  if (Array.isArray(data)) { list = data; base = []; } else if (data && typeof data === 'object' && 'actors' in data) {
    list = (data as { actors: unknown }).actors; base = ['actors'];
  } else throw new ActorProfileError({ file, path: '', line: 1 }, 'expected `actors:` with a list of profiles, a list of profiles, or a STIX bundle');
  if (!Array.isArray(list)) throw new ActorProfileError({ file, path: 'actors', line: loc.lineOf?.(base) }, 'expected a list of profiles');
  const profiles = list.map((raw, i) => validateProfile(raw, loc, [...base, i]));
  return checkUnique(profiles, file);
}

export function checkUnique(profiles: ActorProfile[], file: string): ActorProfile[] {
  const seen = new Set<string>();
  for (const [i, p] of profiles.entries()) {
    if (p.id === 'unknown') throw new ActorProfileError({ file, path: `actors[${i}].id` }, '"unknown" is reserved for the unknown-actor hypothesis');
    if (seen.has(p.id)) throw new ActorProfileError({ file, path: `actors[${i}].id` }, `duplicate actor id: ${p.id}`);
    seen.add(p.id);
  }
  return profiles.map((p) => ({ ...p, origin: p.origin ?? file })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Reads every `--actors FILE`; ids must be unique across files. */
export function loadActorProfiles(files: readonly string[]): ActorProfile[] {
  const all: ActorProfile[] = [];
  for (const file of files) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      throw new ActorProfileError({ file, path: '' }, `cannot read: ${(e as Error).message}`, { cause: e });
    }
    all.push(...parseActorProfiles(text, file));
  }
  return checkUnique(all, files.join(', '));
}
