/**
 * Render a record's template instance straight into the flat field map (see the contract in reader.ts).
 * Substitution values are decoded only when an element or attribute uses them.
 */
import { K, type ChunkParser, type Content, type Element, type Inst } from './binxml.js';
import { BinXmlError } from './errors.js';
import { fileTimeIso, fileTimeNs, readValue, VT, type Scalar, type Value } from './values.js';
import { addField, isoToNs, safeKey, type WinFields } from '../../windows/index.js';

export interface Rendered {
  fields: WinFields;
  tsNs: bigint | null;
}

/** `undefined`: an optional substitution with no value, so Windows omits the element or attribute. */
type Text = Value | undefined;

/** System children whose attributes carry the values, and the field names those attributes get. */
const PROVIDER_ATTRS: Record<string, string> = { Name: 'Provider_Name', Guid: 'Provider_Guid' };

class Renderer {
  readonly fields: WinFields = {};
  tsNs: bigint | null = null;
  private unnamed: Scalar[] | null = null;

  constructor(private readonly parser: ChunkParser, private nesting: number) {}

  /** Elements among `children`, with nested BinXml substitutions and template instances expanded in place. */
  private each(children: Content[], inst: Inst | null, cb: (el: Element, inst: Inst | null) => void): void {
    for (const c of children) {
      if (c.k === K.Element) cb(c, inst);
      else if (c.k === K.Inst) this.each(c.root, c, cb);
      else if (c.k === K.Subst && inst !== null && c.i < inst.types.length && inst.types[c.i] === VT.BinXml) {
        const o = inst.offs[c.i]!;
        this.nesting++;
        try {
          this.each(this.parser.fragment(o, o + inst.sizes[c.i]!, true, this.nesting), null, cb);
        } finally {
          this.nesting--;
        }
      }
    }
  }

  private subst(i: number, opt: boolean, inst: Inst | null): Text {
    if (inst === null || i >= inst.types.length) return opt ? undefined : '';
    const t = inst.types[i]!;
    const size = inst.sizes[i]!;
    if (t === VT.Null || (size === 0 && t !== VT.String)) return opt ? undefined : '';
    if (t === VT.BinXml) return undefined;
    return readValue(this.parser.b, t, inst.offs[i]!, size);
  }

  /** The text content of a node list: a lone value keeps its type, several are concatenated. */
  private text(items: Content[], inst: Inst | null): Text {
    if (items.length === 1) {
      const c = items[0]!;
      if (c.k === K.Text) return c.v;
      if (c.k === K.Subst) return this.subst(c.i, c.opt, inst);
      return undefined;
    }
    let s = '';
    let any = false;
    for (const c of items) {
      const v = c.k === K.Text ? c.v : c.k === K.Subst ? this.subst(c.i, c.opt, inst) : undefined;
      if (v === undefined) continue;
      any = true;
      s += Array.isArray(v) ? v.join(',') : String(v);
    }
    return any ? s : items.length === 0 ? '' : undefined;
  }

  private attr(el: Element, name: string, inst: Inst | null): Text {
    for (const a of el.attrs) if (a.name === name) return this.text(a.value, inst);
    return undefined;
  }

  /** Whether an element has element content (possibly through a nested BinXml substitution) rather than text. */
  private hasElements(el: Element, inst: Inst | null): boolean {
    for (const c of el.children) {
      if (c.k === K.Element || c.k === K.Inst) return true;
      if (c.k === K.Subst && inst !== null && inst.types[c.i] === VT.BinXml) return true;
    }
    return false;
  }

  event(root: Content[], inst: Inst | null): void {
    this.each(root, inst, (ev, i) => {
      this.each(ev.children, i, (sec, j) => {
        if (sec.name === 'System') this.system(sec, j);
        else if (sec.name === 'EventData') this.eventData(sec, j);
        else if (sec.name === 'RenderingInfo') this.leaves(sec, j, 'RenderingInfo.');
        else this.leaves(sec, j, '');
      });
    });
    if (this.unnamed !== null) addField(this.fields, 'Data', this.unnamed.length === 1 ? this.unnamed[0]! : this.unnamed, 'EventData.');
  }

  private system(sys: Element, inst: Inst | null): void {
    const f = this.fields;
    this.each(sys.children, inst, (el, i) => {
      const name = el.name;
      for (const a of el.attrs) {
        if (name === 'TimeCreated' && a.name === 'SystemTime') { this.timeCreated(a.value, i); continue; }
        const v = this.text(a.value, i);
        if (v === undefined) continue;
        f[safeKey(name === 'Provider' ? (PROVIDER_ATTRS[a.name] ?? a.name) : a.name)] = v;
      }
      if (el.children.length > 0 && !this.hasElements(el, i)) {
        const v = this.text(el.children, i);
        if (v !== undefined) f[safeKey(name)] = v;
      }
    });
  }

  private timeCreated(items: Content[], inst: Inst | null): void {
    const c = items.length === 1 ? items[0]! : undefined;
    if (c !== undefined && c.k === K.Subst && inst !== null && inst.types[c.i] === VT.FileTime && inst.sizes[c.i]! >= 8) {
      const o = inst.offs[c.i]!;
      if (o + 8 > this.parser.b.length) throw new BinXmlError(o, 'TimeCreated overruns chunk');
      const ft = this.parser.b.readBigUInt64LE(o);
      this.tsNs = fileTimeNs(ft);
      this.fields.TimeCreated = fileTimeIso(ft);
      return;
    }
    const v = this.text(items, inst);
    if (v === undefined) return;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    this.fields.TimeCreated = s;
    this.tsNs = isoToNs(s);
  }

  private eventData(sec: Element, inst: Inst | null): void {
    this.each(sec.children, inst, (el, i) => {
      if (el.name !== 'Data') {
        if (this.hasElements(el, i)) { this.leaves(el, i, ''); return; }
        const v = this.text(el.children, i);
        if (v !== undefined) addField(this.fields, el.name, v, 'EventData.');
        return;
      }
      const key = this.attr(el, 'Name', i);
      const v = this.text(el.children, i);
      if (v === undefined && el.children.length > 0) return;
      const value = v ?? '';
      if (key === undefined || key === '') {
        (this.unnamed ??= []).push(...(Array.isArray(value) ? value : [value]));
      } else {
        addField(this.fields, String(key), value, 'EventData.');
      }
    });
  }

  /** UserData and other sections: leaf elements by their own names, attributes (but xmlns) likewise. */
  private leaves(el: Element, inst: Inst | null, prefix: string): void {
    this.each(el.children, inst, (c, i) => {
      for (const a of c.attrs) {
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
        const v = this.text(a.value, i);
        if (v !== undefined) addField(this.fields, prefix + a.name, v, 'UserData.');
      }
      if (this.hasElements(c, i)) { this.leaves(c, i, prefix); return; }
      const v = this.text(c.children, i);
      if (v !== undefined) addField(this.fields, prefix + c.name, v, 'UserData.');
    });
  }
}

/**
 * Templates whose field layout V8 has been shown once. The renderer adds fields by computed key; V8 turns an object
 * that gains more than a dozen or so properties that way into a hash table ("dictionary mode"), unless the same
 * sequence of keys was added before by a named store, in which case it follows that object's hidden-class chain and
 * stays a fast object. Object.fromEntries adds by name, so one call per template with its first record's fields
 * lets every later record of the layout be a fast object: JSON.stringify for `raw` then costs about half.
 * Only speed depends on this; a record whose keys differ simply ends up in dictionary mode as before.
 */
const PRIMED = new WeakSet<Content[]>();

/** Render one record whose BinXml was parsed into `root`. */
export function renderRecord(parser: ChunkParser, root: Content[]): Rendered {
  const r = new Renderer(parser, 0);
  r.event(root, null);
  const first = root.length === 1 ? root[0]! : undefined;
  if (first !== undefined && first.k === K.Inst && !PRIMED.has(first.root)) {
    PRIMED.add(first.root);
    Object.fromEntries(Object.entries(r.fields));
  }
  return { fields: r.fields, tsNs: r.tsNs };
}
