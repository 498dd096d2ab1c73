/**
 * A compact, append-only store of plain values: each value is written as 32-bit integers
 * into fixed-size pages, and strings (object keys, node ids, message types) are interned.
 *
 * The trace keeps every message of a run. Kept as objects, a million messages are a million
 * objects the garbage collector copies and scans again and again; kept here they are a few
 * typed arrays it never looks inside, at about 32 bytes for a small message. Pages are never
 * copied to grow: fresh memory is the main cost of a long trace, so each byte is written once.
 * Encoding also snapshots the value: the trace shows a message as it was sent, whatever its
 * sender or receiver does to the object afterwards.
 */
import { isPlainObject } from './durable';

// Tags of the encoding. A value is a tag followed by its payload.
const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
/** Payload: the number, when it is a 32-bit integer. */
const INT = 4;
/** Payload: the number's 64 bits, as two integers. */
const DOUBLE = 5;
/** Payload: the interned string's code. */
const STRING = 6;
/** Payload: key count, then per key its interned code and the encoded value. */
const OBJECT = 7;
/** Payload: length, then every element. */
const ARRAY = 8;
/** Payload: entry count, then key and value of every entry. */
const MAP = 9;
/** Payload: size, then every element. */
const SET = 10;
/** Payload: an index into the kept references (class instances, functions, bigints, symbols). */
const REFERENCE = 11;

/** Integers per page: a position is `page * PAGE + offset`. */
const PAGE_SHIFT = 16;
const PAGE = 1 << PAGE_SHIFT;

/** The most keys of an object on the fast path, and the most integers it can take. */
const FLAT_KEYS = 16;
const FLAT_SLOTS = 2 + 4 * FLAT_KEYS;

/** Reinterprets a double as two integers and back. */
const doubleView = new Float64Array(1);
const doubleInts = new Int32Array(doubleView.buffer);

/**
 * Encodes plain data (objects, arrays, `Map`, `Set`, primitives) into integers and decodes it
 * back into fresh objects. Anything else (a class instance, a function, a bigint, a symbol)
 * is kept by reference, as {@link copyPlain} passes it through; so are `Map` keys that are
 * objects, since a `Map` finds them by identity.
 *
 * @example
 * const codec = new ValueCodec();
 * const at = codec.encode({ type: 'Ping', seq: 1 });
 * codec.decode(at); // { type: 'Ping', seq: 1 }, a new object
 */
export class ValueCodec {
  private readonly pages: Int32Array[] = [];
  /** The last page (empty until the first value). */
  private current = new Int32Array(0);
  /** Where the next value goes in the last page (a full page forces a new one). */
  private used = PAGE;
  /** Each value is written here first, then copied into a page in one piece. */
  private scratch = new Int32Array(1024);
  private size = 0;
  private readonly codes = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly references: unknown[] = [];
  /** The key last seen at each position of an object, and its code. */
  private readonly keyAt: string[] = new Array<string>(FLAT_KEYS).fill('');
  private readonly keyCodeAt = new Int32Array(FLAT_KEYS);
  private page: Int32Array = this.scratch;
  private cursor = 0;

  /** The code of `text` in the string table (added on first use). */
  intern(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(text);
      this.codes.set(text, code);
    }
    return code;
  }

  /** The string with code `code`. */
  string(code: number): string {
    return this.strings[code] as string;
  }

  /** Appends `value`; returns its position, for {@link decode}. */
  encode(value: unknown): number {
    if (isPlainObject(value)) {
      const at = this.encodeFlat(value);
      if (at >= 0) return at;
    }
    this.size = 0;
    this.write(value);
    const size = this.size;
    const scratch = this.scratch;
    if (size > PAGE) {
      // Bigger than a page: it gets a page of its own, read past the nominal page end.
      this.pages.push(scratch.slice(0, size));
      this.used = PAGE;
      return (this.pages.length - 1) * PAGE;
    }
    if (this.used + size > PAGE) this.newPage();
    const page = this.current;
    const at = this.used;
    for (let i = 0; i < size; i++) page[at + i] = scratch[i] as number;
    this.used = at + size;
    return (this.pages.length - 1) * PAGE + at;
  }

  /** Starts a new page for the next values. */
  private newPage(): void {
    this.current = new Int32Array(PAGE);
    this.pages.push(this.current);
    this.used = 0;
  }

  /** A new copy of the value encoded at `at`. */
  decode(at: number): unknown {
    this.page = this.pages[Math.floor(at / PAGE)] as Int32Array;
    this.cursor = at % PAGE;
    return this.read();
  }

  /**
   * The fast path for the usual message, a plain object of at most {@link FLAT_KEYS} keys whose
   * values are strings, numbers, booleans, `null` or `undefined`: written straight into the
   * page. Returns its position, or -1 (having written nothing) for anything else.
   */
  private encodeFlat(record: Record<string, unknown>): number {
    if (this.used + FLAT_SLOTS > PAGE) this.newPage();
    const page = this.current;
    const start = this.used;
    let at = start + 2;
    let keys = 0;
    const cachedKeys = this.keyAt;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      if (keys === FLAT_KEYS) return -1;
      const field = record[key];
      // Messages of a protocol share a few shapes: the key at this position is most likely
      // the one seen there last time, and comparing it is cheaper than a lookup.
      let code: number;
      if (cachedKeys[keys] === key) code = this.keyCodeAt[keys] as number;
      else {
        code = this.intern(key);
        cachedKeys[keys] = key;
        this.keyCodeAt[keys] = code;
      }
      page[at] = code;
      // The same encoding as writePrimitive, written inline: this loop is the trace's hot path,
      // and calling the helper here measured up to twice as slow in isolation (49 → 96–109 ns).
      switch (typeof field) {
        case 'string':
          page[at + 1] = STRING;
          page[at + 2] = this.intern(field);
          at += 3;
          break;
        case 'number':
          if (isInt32(field)) {
            page[at + 1] = INT;
            page[at + 2] = field;
            at += 3;
          } else {
            doubleView[0] = field;
            page[at + 1] = DOUBLE;
            page[at + 2] = doubleInts[0] as number;
            page[at + 3] = doubleInts[1] as number;
            at += 4;
          }
          break;
        case 'boolean':
          page[at + 1] = field ? TRUE : FALSE;
          at += 2;
          break;
        case 'undefined':
          page[at + 1] = UNDEFINED;
          at += 2;
          break;
        default:
          if (field !== null) return -1;
          page[at + 1] = NULL;
          at += 2;
      }
      keys++;
    }
    page[start] = OBJECT;
    page[start + 1] = keys;
    this.used = at;
    return (this.pages.length - 1) * PAGE + start;
  }

  /** Room for `slots` more integers in the scratch buffer. */
  private reserve(slots: number): Int32Array {
    if (this.size + slots > this.scratch.length) {
      const scratch = new Int32Array(Math.max(this.scratch.length * 2, this.size + slots));
      scratch.set(this.scratch);
      this.scratch = scratch;
    }
    return this.scratch;
  }

  private write(value: unknown): void {
    const at = writePrimitive(this.reserve(3), this.size, value, this);
    if (at >= 0) this.size = at;
    else if (typeof value === 'object' && value !== null) this.writeObject(value);
    else this.writeReference(value);
  }

  private writeObject(value: object): void {
    if (isPlainObject(value)) {
      // Tag and key count first; the count is patched once the keys are walked.
      const start = this.size;
      this.size = start + 2;
      let keys = 0;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const code = this.intern(key);
        this.reserve(1)[this.size++] = code;
        this.write(value[key]);
        keys++;
      }
      this.scratch[start] = OBJECT;
      this.scratch[start + 1] = keys;
      return;
    }
    if (Array.isArray(value)) {
      this.header(ARRAY, value.length);
      for (let i = 0; i < value.length; i++) this.write(value[i]);
      return;
    }
    if (value instanceof Map) {
      this.header(MAP, value.size);
      for (const [k, v] of value) {
        if ((typeof k === 'object' && k !== null) || typeof k === 'function') this.writeReference(k);
        else this.write(k);
        this.write(v);
      }
      return;
    }
    if (value instanceof Set) {
      this.header(SET, value.size);
      for (const v of value) this.write(v);
      return;
    }
    this.writeReference(value);
  }

  private header(tag: number, count: number): void {
    const out = this.reserve(2);
    out[this.size] = tag;
    out[this.size + 1] = count;
    this.size += 2;
  }

  private writeReference(value: unknown): void {
    this.header(REFERENCE, this.references.length);
    this.references.push(value);
  }

  private read(): unknown {
    const page = this.page;
    const tag = page[this.cursor++];
    switch (tag) {
      case INT:
        return page[this.cursor++];
      case DOUBLE:
        doubleInts[0] = page[this.cursor++] as number;
        doubleInts[1] = page[this.cursor++] as number;
        return doubleView[0];
      case STRING:
        return this.strings[page[this.cursor++] as number];
      case TRUE:
        return true;
      case FALSE:
        return false;
      case NULL:
        return null;
      case OBJECT: {
        const keys = page[this.cursor++] as number;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys; i++) {
          const key = this.strings[page[this.cursor++] as number] as string;
          const field = this.read();
          // A key named "__proto__" was an own property of the original: keep it one.
          if (key === '__proto__') Object.defineProperty(out, key, { value: field, enumerable: true, writable: true, configurable: true });
          else out[key] = field;
        }
        return out;
      }
      case ARRAY: {
        const length = page[this.cursor++] as number;
        const out: unknown[] = [];
        for (let i = 0; i < length; i++) out.push(this.read());
        return out;
      }
      case MAP: {
        const size = page[this.cursor++] as number;
        const out = new Map<unknown, unknown>();
        for (let i = 0; i < size; i++) {
          const k = this.read();
          out.set(k, this.read());
        }
        return out;
      }
      case SET: {
        const size = page[this.cursor++] as number;
        const out = new Set<unknown>();
        for (let i = 0; i < size; i++) out.add(this.read());
        return out;
      }
      case REFERENCE:
        return this.references[page[this.cursor++] as number];
      default:
        return undefined;
    }
  }
}

/** True for a number stored exactly in 32 bits (not -0, which would come back as 0). */
function isInt32(value: number): boolean {
  return (value | 0) === value && (value !== 0 || 1 / value > 0);
}

/**
 * Writes a primitive (or `null`) at `at` in `out`, which has room for 3 integers there, and
 * returns the next free index; returns -1, writing nothing, for objects, functions, bigints
 * and symbols. Strings are interned in `codec`.
 */
function writePrimitive(out: Int32Array, at: number, value: unknown, codec: ValueCodec): number {
  switch (typeof value) {
    case 'number':
      if (isInt32(value)) {
        out[at] = INT;
        out[at + 1] = value;
        return at + 2;
      }
      doubleView[0] = value;
      out[at] = DOUBLE;
      out[at + 1] = doubleInts[0] as number;
      out[at + 2] = doubleInts[1] as number;
      return at + 3;
    case 'string':
      out[at] = STRING;
      out[at + 1] = codec.intern(value);
      return at + 2;
    case 'boolean':
      out[at] = value ? TRUE : FALSE;
      return at + 1;
    case 'undefined':
      out[at] = UNDEFINED;
      return at + 1;
    case 'object':
      if (value !== null) return -1;
      out[at] = NULL;
      return at + 1;
    default:
      return -1;
  }
}
