/**
 * STIX 2.1 validation against the OASIS JSON schemas (draft 2020-12), read from a folder at run time and never
 * fetched. Each object is checked against the schema of its own type (the bundle schema's big `oneOf` gives
 * useless messages); problems come back as values with a JSON path (`$.objects[3].valid_from`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { VeritraceError } from '../../model/index.js';

export interface StixProblem {
  /** JSON path of the offending value, `$` being the document validated. */
  path: string;
  message: string;
}

export interface StixValidator {
  /** Problems of one STIX object (SDO, SRO, SCO, marking or extension definition); empty when valid. */
  validateObject(obj: unknown, at?: string): StixProblem[];
  /** Problems of a bundle: its envelope and every object in it. */
  validateBundle(bundle: unknown): StixProblem[];
  /** The object types with a schema of their own. */
  readonly types: readonly string[];
}

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const IDENTIFIER_RE = /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** `/objects/3/valid_from` → `$.objects[3].valid_from`. */
export function pointerToPath(base: string, pointer: string): string {
  if (pointer === '') return base;
  return base + pointer.split('/').slice(1).map((seg) => {
    const k = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(k) ? `[${k}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
  }).join('');
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `missing required property ${String(p.missingProperty)}`;
  if (e.keyword === 'additionalProperties') return `unexpected property ${String(p.additionalProperty)}`;
  if (e.keyword === 'enum') return `${e.message ?? 'not allowed'}: ${JSON.stringify(p.allowedValues)}`;
  return e.message ?? e.keyword;
}

/**
 * Where the schemas are read from when the caller names no folder: `VERITRACE_STIX_SCHEMAS`, else
 * `../shared/data/stix2-json-schemas/schemas` beside the repository (found from this file, in `src/` or `dist/src/`).
 */
export function defaultStixSchemaDir(): string {
  const env = process.env.VERITRACE_STIX_SCHEMAS;
  if (env) return resolve(env);
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = resolve(d, '..', 'shared', 'data', 'stix2-json-schemas', 'schemas');
    if (existsSync(candidate)) return candidate;
    d = dirname(d);
  }
  return resolve(process.cwd(), '..', 'shared', 'data', 'stix2-json-schemas', 'schemas');
}

/** Load every schema under `schemaDir` (the `schemas/` folder of cti-stix2-json-schemas). */
export function createStixValidator(schemaDir: string = defaultStixSchemaDir()): StixValidator {
  let files: string[];
  try {
    files = listJson(schemaDir);
  } catch (e) {
    throw new VeritraceError(`cannot read STIX schemas from ${schemaDir}: ${(e as Error).message}`, { cause: e });
  }
  if (files.length === 0) throw new VeritraceError(`no STIX schemas under ${schemaDir}`);
  // strict off: the OASIS schemas put `title`/`description` beside `$ref` and use keywords ajv's strict mode flags.
  // Patterns without the `u` flag: the OASIS patterns escape `-` (`\\-`), which Unicode-mode regexes reject.
  const regExp = Object.assign((src: string, flags: string) => new RegExp(src, flags.replace('u', '')), { code: 'new RegExp' });
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: { regExp } });
  addFormats(ajv);
  ajv.addFormat('idn-hostname', /^[^\s/:]+$/u);
  const byType = new Map<string, string>();
  for (const f of files) {
    const schema = JSON.parse(readFileSync(f, 'utf8')) as { $id?: string; title?: string };
    ajv.addSchema(schema);
    const id = schema.$id ?? '';
    const m = /schemas\/(sdos|sros|observables|common)\/([a-z0-9-]+)\.json$/.exec(id);
    if (m && (m[1] !== 'common' || ['marking-definition', 'extension-definition', 'language-content'].includes(m[2]!))) byType.set(m[2]!, id);
  }
  const compiled = new Map<string, ValidateFunction>();
  const fn = (id: string): ValidateFunction => {
    let v = compiled.get(id);
    if (!v) {
      const got = ajv.getSchema(id);
      if (!got) throw new VeritraceError(`STIX schema ${id} not loaded from ${schemaDir}`);
      v = got;
      compiled.set(id, v);
    }
    return v;
  };

  const validateObject = (obj: unknown, at = '$'): StixProblem[] => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [{ path: at, message: 'a STIX object must be a JSON object' }];
    const type = (obj as { type?: unknown }).type;
    if (typeof type !== 'string') return [{ path: `${at}.type`, message: 'missing or non-string type' }];
    // Custom object types have no schema of their own; hold them to the common properties.
    const schemaId = byType.get(type) ?? `${SCHEMA_BASE}common/core.json`;
    const v = fn(schemaId);
    if (v(obj)) return [];
    const seen = new Set<string>();
    const out: StixProblem[] = [];
    for (const e of v.errors ?? []) {
      // allOf/anyOf branches repeat the same failure; keep one line per path and message.
      const prob = { path: pointerToPath(at, e.instancePath), message: describe(e) };
      const key = `${prob.path}\u0000${prob.message}`;
      if (!seen.has(key) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if') { seen.add(key); out.push(prob); }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
  };

  const validateBundle = (b: unknown): StixProblem[] => {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return [{ path: '$', message: 'a bundle must be a JSON object' }];
    const o = b as Record<string, unknown>;
    const out: StixProblem[] = [];
    if (o.type !== 'bundle') out.push({ path: '$.type', message: 'must be "bundle"' });
    if (typeof o.id !== 'string' || !o.id.startsWith('bundle--') || !IDENTIFIER_RE.test(o.id)) out.push({ path: '$.id', message: 'must be a bundle identifier bundle--<uuid>' });
    if (o.objects !== undefined) {
      if (!Array.isArray(o.objects)) out.push({ path: '$.objects', message: 'must be an array' });
      else o.objects.forEach((x, i) => out.push(...validateObject(x, `$.objects[${i}]`)));
    }
    return out;
  };

  return { validateObject, validateBundle, types: [...byType.keys()].sort() };
}
