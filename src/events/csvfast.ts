/**
 * The fast paths of the CSV formats: input rows (`t,c,y,x`) parsed from bytes as a file is read, in
 * chunks of events, and spike rows (`t,layer,c,y,x`) formatted straight into bytes; no string or object
 * per row. A row the fast path cannot take as plain digits (a sign, a decimal point, a stray character)
 * is parsed from its text as csv.ts does, so both accept the same files and fail with the same messages.
 */
import { closeSync, readSync } from 'node:fs';
import { SpikeforgeError } from '../errors.ts';
import { openUserFile } from '../util/files.ts';
import type { InputEvents, Spikes } from './types.ts';
import { makeInputEvents } from './types.ts';

/** Input events per chunk a reader yields unless told otherwise. */
export const CSV_CHUNK_EVENTS = 65536;
/** Bytes read from the file at a time. */
const READ_BYTES = 1 << 20;

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;

/** At most `max` characters of `text`, anything unprintable (a binary file read as CSV) shown as "?". */
function printable(text: string, max: number): string {
  const shown = text.slice(0, max).replace(/[^\x20-\x7e]/g, '?');
  return text.length > max ? `${shown}...` : shown;
}

/** Where the columns `want` are in a CSV header line; names the missing one. */
export function columnsOf(header: string, file: string, want: string[]): number[] {
  const cols = header
    .trim()
    .split(',')
    .map((s) => s.trim());
  return want.map((w) => {
    const i = cols.indexOf(w);
    if (i < 0) {
      throw new SpikeforgeError(
        'EVENTS_FORMAT',
        `${file}: header has no "${w}" column (found: ${printable(header.trim(), 60)})`,
        {
          hint: `the first line must name the columns ${want.join(',')}`,
        },
      );
    }
    return i;
  });
}

/** One column's value from its text (throws naming file, line and column). */
export function int(value: string | undefined, file: string, line: number, column: string): number {
  const text = value?.trim() ?? '';
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n <= INT_MAX)) throw badValue(value, file, line, column);
  return n;
}

/** Steps and coordinates are held as int32. */
const INT_MAX = 2 ** 31 - 1;

function badValue(value: string | undefined, file: string, line: number, column: string): SpikeforgeError {
  const what = /^\s*\d+\s*$/.test(value ?? '') ? `an integer up to ${INT_MAX}` : 'a non-negative integer';
  return new SpikeforgeError(
    'EVENTS_FORMAT',
    `${file}:${line}: column "${column}" is "${value ?? ''}", expected ${what}`,
    {
      hint: 'every row holds one event: non-negative integers in the columns the header names (t = step, c = channel, y, x)',
    },
  );
}

const NAMES = ['t', 'c', 'y', 'x'];
const utf8 = new TextDecoder();

/**
 * Parses input CSV bytes block by block: `push` a block (lines may span blocks), `end()` after the last;
 * full chunks of events collect in `ready`. Rows are numbered as csv.ts numbers them (non-empty lines).
 */
export class InputCsvParser {
  /** Chunks of events parsed so far and not yet taken. */
  readonly ready: InputEvents[] = [];
  private chunk: InputEvents;
  private carry: Uint8Array = new Uint8Array(0);
  /** Slot (0..3 for t, c, y, x) of each field of a row, -1 for a column not read. */
  private slots: Int8Array | undefined;
  private columns: number[] = [];
  private row = 0;
  private last = 0;
  private readonly values = new Float64Array(4);

  constructor(
    private readonly file: string,
    private readonly chunkEvents = CSV_CHUNK_EVENTS,
    /** Accept steps out of order (to sort them) instead of refusing the file. */
    private readonly unsorted = false,
  ) {
    this.chunk = makeInputEvents(chunkEvents);
  }

  push(block: Uint8Array): void {
    let bytes = block;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + block.length);
      bytes.set(this.carry);
      bytes.set(block, this.carry.length);
    }
    const lastLf = bytes.lastIndexOf(LF);
    // copies: `block` may be a reader's buffer, refilled after this returns (and Buffer#slice is a view)
    if (lastLf < 0) {
      this.carry = new Uint8Array(bytes);
      return;
    }
    this.parse(bytes, lastLf + 1);
    this.carry = new Uint8Array(bytes.subarray(lastLf + 1));
  }

  /** Parses what remains (a last line without a newline); throws on a file without a header. */
  end(): void {
    if (this.carry.length > 0) {
      const tail = new Uint8Array(this.carry.length + 1);
      tail.set(this.carry);
      tail[this.carry.length] = LF;
      this.carry = new Uint8Array(0);
      this.parse(tail, tail.length);
    }
    if (this.slots === undefined) {
      throw new SpikeforgeError('EVENTS_FORMAT', `${this.file}: empty file, expected a header t,c,y,x`, {
        hint: 'an input event file starts with the line t,c,y,x, then one event a row',
      });
    }
    if (this.chunk.count > 0) {
      this.ready.push(this.chunk);
      this.chunk = makeInputEvents(this.chunkEvents);
    }
  }

  /**
   * The complete lines of bytes[0, end). A header `t,c,y,x` (the usual one) takes the fastest path: four
   * runs of digits, three commas, a newline; any other line goes through `lines`.
   */
  private parse(bytes: Uint8Array, end: number): void {
    let i = 0;
    while (this.slots === undefined && i < end) {
      const lf = bytes.indexOf(LF, i);
      this.lines(bytes.subarray(i, lf + 1), lf + 1 - i);
      i = lf + 1;
    }
    const slots = this.slots;
    if (slots === undefined || slots.length !== 4 || slots.some((s, k) => s !== k)) {
      this.lines(bytes.subarray(i, end), end - i);
      return;
    }
    let ev = this.chunk;
    let last = this.last;
    while (i < end) {
      const start = i;
      let b = 0;
      let t = 0;
      let c = 0;
      let y = 0;
      let x = 0;
      let d = 0;
      for (b = bytes[i]; b >= ZERO && b <= NINE; b = bytes[++i]) t = t * 10 + b - ZERO;
      d = i - start;
      let ok = b === COMMA && d > 0 && d < 10;
      if (ok) {
        const s1 = ++i;
        for (b = bytes[i]; b >= ZERO && b <= NINE; b = bytes[++i]) c = c * 10 + b - ZERO;
        ok = b === COMMA && i > s1 && i - s1 < 10;
      }
      if (ok) {
        const s2 = ++i;
        for (b = bytes[i]; b >= ZERO && b <= NINE; b = bytes[++i]) y = y * 10 + b - ZERO;
        ok = b === COMMA && i > s2 && i - s2 < 10;
      }
      if (ok) {
        const s3 = ++i;
        for (b = bytes[i]; b >= ZERO && b <= NINE; b = bytes[++i]) x = x * 10 + b - ZERO;
        ok = i > s3 && i - s3 < 10;
        if (ok && b === CR) b = bytes[++i];
        ok = ok && b === LF;
      }
      if (!ok) {
        // not four plain numbers: this line the general way
        const lf = bytes.indexOf(LF, start);
        this.chunk = ev;
        this.last = last;
        this.lines(bytes.subarray(start, lf + 1), lf + 1 - start);
        ev = this.chunk;
        last = this.last;
        i = lf + 1;
        continue;
      }
      i++;
      this.row++;
      const k = ev.count;
      ev.t[k] = t;
      ev.c[k] = c;
      ev.y[k] = y;
      ev.x[k] = x;
      if (ev.t[k] < last && !this.unsorted) throw this.stepBack(ev.t[k], last);
      last = ev.t[k];
      ev.count = k + 1;
      if (ev.count === this.chunkEvents) {
        this.ready.push(ev);
        ev = makeInputEvents(this.chunkEvents);
      }
    }
    this.chunk = ev;
    this.last = last;
  }

  /** The complete lines of bytes[0, end), each ending in LF. */
  private lines(bytes: Uint8Array, end: number): void {
    const values = this.values;
    let start = 0;
    let field = 0;
    let value = 0;
    let digits = 0;
    let spaced = false; // whitespace after the digits of this field
    let badField = false;
    let badRow = false;
    let have = 0;
    let blank = true;
    let slots = this.slots;
    for (let i = 0; i < end; i++) {
      const b = bytes[i];
      if (b >= ZERO && b <= NINE) {
        if (spaced) badField = true;
        value = value * 10 + (b - ZERO);
        digits++;
        blank = false;
      } else if (b === COMMA || b === LF) {
        if (b === COMMA) blank = false;
        const slot = slots !== undefined && field < slots.length ? slots[field] : -1;
        if (slot >= 0) {
          if (badField || digits === 0 || digits > 15) badRow = true;
          else {
            values[slot] = value;
            have |= 1 << slot;
          }
        }
        field++;
        value = 0;
        digits = 0;
        spaced = false;
        badField = false;
        if (b === LF) {
          // a line of whitespace only is skipped, as csv.ts skips it
          if (!blank || badRow) {
            if (slots === undefined || badRow || have !== 15) {
              this.slowLine(bytes, start, i);
              slots = this.slots;
            } else this.add(values[0], values[1], values[2], values[3]);
          }
          start = i + 1;
          field = 0;
          have = 0;
          badRow = false;
          blank = true;
        }
      } else if (b === SPACE || b === TAB || b === CR) {
        if (digits > 0) spaced = true;
      } else {
        // a byte the fast path does not know: a column read goes through the text path
        badField = true;
        blank = false;
      }
    }
  }

  /** A line through the text path: the header, a row with something else than plain digits, a short row. */
  private slowLine(bytes: Uint8Array, start: number, lf: number): void {
    let end = lf;
    if (end > start && bytes[end - 1] === CR) end--;
    const text = utf8.decode(bytes.subarray(start, end));
    if (text.trim() === '') return;
    if (this.slots === undefined) {
      this.row++;
      this.columns = columnsOf(text, this.file, NAMES);
      const slots = new Int8Array(Math.max(...this.columns) + 1).fill(-1);
      this.columns.forEach((col, slot) => {
        slots[col] = slot;
      });
      this.slots = slots;
      return;
    }
    const f = text.split(',');
    const line = this.row + 1; // add() counts it
    const [t, c, y, x] = this.columns.map((col, slot) => int(f[col], this.file, line, NAMES[slot]));
    this.add(t, c, y, x);
  }

  /** The error of a row whose step `t` comes after the step `last` of the row before. */
  private stepBack(t: number, last: number): SpikeforgeError {
    return new SpikeforgeError(
      'EVENTS_FORMAT',
      `${this.file}:${this.row}: step ${t} comes after step ${last}`,
      {
        hint: 'sort the events by t: spikeforge events sort <in> <out>',
      },
    );
  }

  private add(t: number, c: number, y: number, x: number): void {
    this.row++;
    if (t > INT_MAX || c > INT_MAX || y > INT_MAX || x > INT_MAX) {
      const slot = [t, c, y, x].findIndex((v) => v > INT_MAX);
      throw badValue(String([t, c, y, x][slot]), this.file, this.row, NAMES[slot]);
    }
    const ev = this.chunk;
    const k = ev.count;
    ev.t[k] = t;
    ev.c[k] = c;
    ev.y[k] = y;
    ev.x[k] = x;
    if (ev.t[k] < this.last && !this.unsorted) throw this.stepBack(ev.t[k], this.last);
    this.last = ev.t[k];
    ev.count = k + 1;
    if (ev.count === this.chunkEvents) {
      this.ready.push(ev);
      this.chunk = makeInputEvents(this.chunkEvents);
    }
  }
}

/** The bytes of a file, READ_BYTES at a time. */
export function* fileBlocks(path: string): Generator<Uint8Array> {
  const fd = openUserFile(path);
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Input events of CSV bytes (a whole file's, or one block after another), in chunks of `chunkEvents`. */
export function* parseInputCsvBlocks(
  blocks: Iterable<Uint8Array>,
  file: string,
  chunkEvents = CSV_CHUNK_EVENTS,
  options: { unsorted?: boolean } = {},
): Generator<InputEvents> {
  const parser = new InputCsvParser(file, chunkEvents, options.unsorted);
  for (const block of blocks) {
    parser.push(block);
    while (parser.ready.length > 0) yield parser.ready.shift()!;
  }
  parser.end();
  while (parser.ready.length > 0) yield parser.ready.shift()!;
}

/** Writes the decimal digits of an int32 `v` at `at` in `buf`; returns the end. */
function putInt(buf: Uint8Array, at: number, v: number): number {
  let n = v;
  if (n < 0) {
    buf[at++] = 45; // '-'
    n = -n;
  }
  if (n < 10) {
    buf[at] = ZERO + n;
    return at + 1;
  }
  if (n < 100) {
    const d = (n / 10) | 0;
    buf[at] = ZERO + d;
    buf[at + 1] = ZERO + n - d * 10;
    return at + 2;
  }
  if (n < 1000) {
    const h = (n / 100) | 0;
    const r = n - h * 100;
    const d = (r / 10) | 0;
    buf[at] = ZERO + h;
    buf[at + 1] = ZERO + d;
    buf[at + 2] = ZERO + r - d * 10;
    return at + 3;
  }
  let len = 4;
  for (let p = 10000; p <= n && len < 10; p *= 10) len++;
  for (let k = at + len - 1; k >= at; k--) {
    const d = Math.floor(n / 10);
    buf[k] = ZERO + n - d * 10;
    n = d;
  }
  return at + len;
}

/** Bytes of spike CSV rows, handed to `write` in blocks as they fill; counts the rows of each layer. */
export class SpikesCsvEncoder {
  /** Rows written so far per layer index (of the spikes' `layers`). */
  rowsPerLayer: Float64Array = new Float64Array(0);
  private buf: Uint8Array;
  private at = 0;
  private names: string[] = [];
  private encoded: Uint8Array[] = [];
  private readonly tDigits = new Uint8Array(11);

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    size = 1 << 20,
  ) {
    this.buf = new Uint8Array(size);
  }

  /** Appends the rows `t,layer,c,y,x\n` of `sp` (as csv.ts spikesCsvRows writes them). */
  rows(sp: Spikes): void {
    if (sp.layers !== this.names) {
      this.names = sp.layers;
      this.encoded = sp.layers.map((n) => new TextEncoder().encode(n));
      if (this.rowsPerLayer.length < sp.layers.length) {
        const counts = new Float64Array(sp.layers.length);
        counts.set(this.rowsPerLayer);
        this.rowsPerLayer = counts;
      }
    }
    const counts = this.rowsPerLayer;
    const longest = Math.max(0, ...this.encoded.map((n) => n.length));
    // 4 numbers of at most 11 characters, the name, 5 separators
    if (longest + 49 > this.buf.length) {
      this.flush();
      this.buf = new Uint8Array(longest + 49);
    }
    let buf = this.buf;
    let at = this.at;
    // rows come in step order: the digits of t are written once per step and copied after that
    const tDigits = this.tDigits;
    let lastT = -1;
    let tLen = 0;
    for (let i = 0; i < sp.count; i++) {
      const layer = sp.layer[i];
      const name = this.encoded[layer];
      if (at + name.length + 49 > buf.length) {
        this.at = at;
        this.flush();
        at = 0;
        buf = this.buf;
      }
      counts[layer]++;
      const t = sp.t[i];
      if (t === lastT) {
        for (let k = 0; k < tLen; k++) buf[at + k] = tDigits[k];
        at += tLen;
      } else {
        const from = at;
        at = putInt(buf, at, t);
        tLen = at - from;
        for (let k = 0; k < tLen; k++) tDigits[k] = buf[from + k];
        lastT = t;
      }
      buf[at++] = COMMA;
      if (name.length === 1) buf[at++] = name[0];
      else {
        buf.set(name, at);
        at += name.length;
      }
      buf[at++] = COMMA;
      at = putInt(buf, at, sp.c[i]);
      buf[at++] = COMMA;
      at = putInt(buf, at, sp.y[i]);
      buf[at++] = COMMA;
      at = putInt(buf, at, sp.x[i]);
      buf[at++] = LF;
    }
    this.at = at;
  }

  /** Hands over what is buffered. */
  flush(): void {
    if (this.at === 0) return;
    this.write(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}
