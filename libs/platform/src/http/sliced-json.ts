import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * JSON.parse in slices that give the event loop back. `JSON.parse` is synchronous and its cost grows with the
 * number of objects and arrays, not with the bytes: a 10 MiB body of `{}` takes over a second of one core,
 * during which no other request (health checks included) is served. Large bodies are therefore scanned here
 * in JavaScript, slice by slice, and every value whose text is at most `pieceBytes` is handed to the native
 * `JSON.parse` whole; only the containers above that size are assembled by this code. The result is the
 * value `JSON.parse` would give, and text `JSON.parse` refuses is refused.
 *
 * Two refusals of their own: nesting deeper than `maxDepth` (each open container costs memory here), and,
 * as Fastify's own parser does, prototype poisoning (an `__proto__` key, or a `constructor` key holding an
 * object with a `prototype` key).
 */
export interface SlicedJsonOptions {
  /** A whole text at most this long is parsed natively in one go (after a depth check). */
  readonly wholeBytes: number;
  /** Inside a longer text, a value whose text is at most this long is parsed natively in one go. */
  readonly pieceBytes: number;
  /** Work done between two yields to the event loop. */
  readonly sliceMs: number;
  /** Deepest nesting accepted. */
  readonly maxDepth: number;
}

export class JsonSyntaxError extends SyntaxError {}

export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels`);
  }
}

export class JsonPoisoningError extends SyntaxError {
  constructor() {
    super('Object contains forbidden prototype property');
  }
}

/** A value not parsed yet: its text is `text.slice(start, end)`. */
interface Span {
  readonly start: number;
  readonly end: number;
}

const enum Expect {
  Value = 0,
  ValueOrClose = 1,
  CommaOrClose = 2,
  Key = 3,
  KeyOrClose = 4,
  Colon = 5,
}

interface Frame {
  readonly isObject: boolean;
  readonly start: number;
  expect: Expect;
  /** Array elements, or object values (keys in `keys`): parsed values or spans still to parse. */
  readonly items: Array<unknown>;
  readonly keys: Span[];
}

const SUSPECT = /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:|"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Whether a parsed value holds prototype poisoning anywhere (own `__proto__`, or `constructor.prototype`). */
function poisoned(root: unknown): boolean {
  const pending: unknown[] = [root];
  for (let v = pending.pop(); v !== undefined || pending.length > 0; v = pending.pop()) {
    if (v === null || typeof v !== 'object') continue;
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
    const ctor = (v as Record<string, unknown>)['constructor'];
    if (Object.prototype.hasOwnProperty.call(v, 'constructor') && ctor !== null && typeof ctor === 'object' && Object.prototype.hasOwnProperty.call(ctor, 'prototype')) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return false;
}

/** Native JSON.parse of one piece, with Fastify's poisoning check (the scan runs only when the text looks suspect). */
export function parseJsonPiece(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (SUSPECT.test(text) && poisoned(value)) throw new JsonPoisoningError();
  return value;
}

export async function parseJsonInSlices(text: string, options: SlicedJsonOptions): Promise<unknown> {
  if (text.length > options.wholeBytes) return new SlicedParser(text, options).run();
  return parseJsonSmall(text, options);
}

/** A text of at most `options.wholeBytes`, parsed at once (synchronously) with the same checks and refusals. */
export function parseJsonSmall(text: string, options: SlicedJsonOptions): unknown {
  // Each level takes two characters at least, so only a text over twice the limit can pass it.
  if (text.length > 2 * options.maxDepth && nestingDepth(text) > options.maxDepth) throw new JsonTooDeepError(options.maxDepth);
  return parseJsonPiece(text);
}

/** The deepest nesting of brackets outside strings (a syntax check is JSON.parse's job). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x22) {
      for (i = text.indexOf('"', i + 1); i > 0; i = text.indexOf('"', i + 1)) {
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes += 1;
        if (backslashes % 2 === 0) break;
      }
      if (i < 0) break;
    }
  }
  return max;
}

class SlicedParser {
  private readonly stack: Frame[] = [];
  private pos = 0;
  /** Containers opened before this offset are not looked ahead again (a look ahead from before covered them). */
  private lookAheadFrom = 0;
  private root: { value: unknown } | undefined;
  private sliceStart = performance.now();

  constructor(private readonly text: string, private readonly options: SlicedJsonOptions) {}

  async run(): Promise<unknown> {
    const { text } = this;
    let steps = 0;
    this.skipWs();
    this.value();
    while (this.stack.length > 0) {
      if ((steps += 1) % 512 === 0) await this.maybeYield();
      this.skipWs();
      const frame = this.stack[this.stack.length - 1];
      const c = text.charCodeAt(this.pos);
      switch (frame.expect) {
        case Expect.Value:
          this.value();
          break;
        case Expect.ValueOrClose:
          if (c === 0x5d) await this.close(frame);
          else this.value();
          break;
        case Expect.KeyOrClose:
        case Expect.Key:
          if (c === 0x7d && frame.expect === Expect.KeyOrClose) await this.close(frame);
          else if (c === 0x22) {
            frame.keys.push(this.stringSpan());
            frame.expect = Expect.Colon;
          } else this.fail();
          break;
        case Expect.Colon:
          if (c !== 0x3a) this.fail();
          this.pos += 1;
          frame.expect = Expect.Value;
          break;
        case Expect.CommaOrClose:
          if (c === 0x2c) {
            this.pos += 1;
            frame.expect = frame.isObject ? Expect.Key : Expect.Value;
          } else if (c === (frame.isObject ? 0x7d : 0x5d)) await this.close(frame);
          else this.fail();
          break;
      }
    }
    this.skipWs();
    if (this.pos !== text.length || !this.root) this.fail();
    return this.root.value;
  }

  /** One value at `pos`: a container is opened; a string, number or literal becomes a span. */
  private value(): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) {
      // A container that closes within pieceBytes stays text, for one native parse; only larger ones get a frame.
      if (this.pos >= this.lookAheadFrom) {
        const end = this.smallContainerEnd();
        if (end > 0) {
          const span = new SpanValue(this.pos, end);
          this.pos = end;
          this.deliver(span);
          return;
        }
        this.lookAheadFrom = this.pos + this.options.pieceBytes;
      }
      if (this.stack.length >= this.options.maxDepth) throw new JsonTooDeepError(this.options.maxDepth);
      const isObject = c === 0x7b;
      this.stack.push({ isObject, start: this.pos, expect: isObject ? Expect.KeyOrClose : Expect.ValueOrClose, items: [], keys: [] });
      this.pos += 1;
      return;
    }
    const span = c === 0x22 ? this.stringSpan() : this.scalarSpan();
    this.deliver(span);
  }

  /** Hands a finished value (or its span) to the enclosing container, or makes it the result. */
  private deliver(value: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = { value: value instanceof SpanValue ? this.parseSpan(value) : value };
      return;
    }
    parent.items.push(value);
    parent.expect = Expect.CommaOrClose;
  }

  /** Closes the container on top: a small one stays text for its parent's native parse; a large one is built. */
  private async close(frame: Frame): Promise<void> {
    this.pos += 1;
    this.stack.pop();
    if (this.pos - frame.start <= this.options.pieceBytes) {
      this.deliver(new SpanValue(frame.start, this.pos));
      return;
    }
    let built: unknown;
    if (frame.isObject) {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < frame.items.length; i += 1) {
        if (i % 256 === 255) await this.maybeYield();
        const key = JSON.parse(this.text.slice((frame.keys[i]).start, (frame.keys[i]).end)) as string;
        const item = this.materialise(frame.items[i]);
        if (key === '__proto__') throw new JsonPoisoningError();
        if (key === 'constructor' && item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, 'prototype')) throw new JsonPoisoningError();
        object[key] = item;
      }
      built = object;
    } else {
      const array: unknown[] = new Array<unknown>(frame.items.length);
      for (let i = 0; i < frame.items.length; i += 1) {
        if (i % 256 === 255) await this.maybeYield();
        array[i] = this.materialise(frame.items[i]);
      }
      built = array;
    }
    this.deliver(built);
  }

  private materialise(item: unknown): unknown {
    return item instanceof SpanValue ? this.parseSpan(item) : item;
  }

  private parseSpan(span: Span): unknown {
    try {
      return parseJsonPiece(this.text.slice(span.start, span.end));
    } catch (err) {
      if (err instanceof JsonPoisoningError) throw err;
      throw new JsonSyntaxError(`${(err as Error).message} (in the value at offset ${span.start})`);
    }
  }

  /**
   * Where the container opening at `pos` ends, when that is within pieceBytes; -1 otherwise. Its syntax is
   * JSON.parse's to check; its depth is checked here. Each stretch of text is looked at by at most one look
   * ahead that fails (`lookAheadFrom`), so looking ahead costs at most one more pass over the text.
   */
  private smallContainerEnd(): number {
    const { text } = this;
    const limit = Math.min(text.length, this.pos + this.options.pieceBytes);
    const room = this.options.maxDepth - this.stack.length;
    let depth = 0;
    for (let i = this.pos; i < limit; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        if ((depth += 1) > room) throw new JsonTooDeepError(this.options.maxDepth);
      } else if (c === 0x7d || c === 0x5d) {
        if ((depth -= 1) === 0) return i + 1;
      } else if (c === 0x22) {
        for (i = text.indexOf('"', i + 1); i > 0; i = text.indexOf('"', i + 1)) {
          let backslashes = 0;
          while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes += 1;
          if (backslashes % 2 === 0) break;
        }
        if (i < 0) return -1;
      }
    }
    return -1;
  }

  /** The span of the string starting at `pos` (its content is checked when it is parsed). */
  private stringSpan(): SpanValue {
    const { text } = this;
    const start = this.pos;
    let i = start;
    for (;;) {
      i = text.indexOf('"', i + 1);
      if (i < 0) this.fail();
      let backslashes = 0;
      while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes += 1;
      if (backslashes % 2 === 0) break;
    }
    this.pos = i + 1;
    return new SpanValue(start, this.pos);
  }

  /** The span of a number or literal: up to the next delimiter (checked when it is parsed). */
  private scalarSpan(): SpanValue {
    const { text } = this;
    const start = this.pos;
    let i = start;
    for (let c = text.charCodeAt(i); i < text.length && c !== 0x2c && c !== 0x5d && c !== 0x7d && c !== 0x3a && c !== 0x22 && c !== 0x5b && c !== 0x7b && !isWs(c); c = text.charCodeAt(++i));
    if (i === start) this.fail();
    this.pos = i;
    return new SpanValue(start, i);
  }

  private skipWs(): void {
    while (this.pos < this.text.length && isWs(this.text.charCodeAt(this.pos))) this.pos += 1;
  }

  private async maybeYield(): Promise<void> {
    if (performance.now() - this.sliceStart < this.options.sliceMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }

  private fail(): never {
    throw new JsonSyntaxError(this.pos >= this.text.length ? 'Unexpected end of JSON input' : `Unexpected token in JSON at position ${this.pos}`);
  }
}

class SpanValue implements Span {
  constructor(readonly start: number, readonly end: number) {}
}
