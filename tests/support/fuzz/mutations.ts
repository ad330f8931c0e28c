import fc from 'fast-check';

/**
 * Mutations of valid inputs, as a fuzzer makes them: a valid example with a few edits reaches the checks deep inside
 * a parser, where random bytes are turned away at the door. Positions are drawn as naturals and folded into range,
 * so one edit list applies to any example (and shrinks towards the example itself).
 */

type TextEdit =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number };

/** Characters that matter to JSON and to text handling: structure, escapes, surrogates, controls, wide characters. */
const nastyText = fc.oneof(
  fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\r', '\u0000', '\ud800', '\udfff', '\u2028', '\ufeff', 'null', '-0', '1e999', '__proto__', '电'),
  fc.string({ maxLength: 8, unit: 'binary' }),
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: nastyText }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: nastyText }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

const applyTextEdit = (text: string, edit: TextEdit): string => {
  const at = edit.at % (text.length + 1);
  switch (edit.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + edit.text + text.slice(at + edit.text.length);
    case 'duplicate':
      return text.slice(0, at + edit.length) + text.slice(at, at + edit.length) + text.slice(at + edit.length);
    case 'truncate':
      return text.slice(0, at);
  }
};

/** One of `examples` with one to four edits of its text. */
export const mutatedText = (examples: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...examples), fc.array(textEdit, { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) => edits.reduce(applyTextEdit, text));

type ByteEdit =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'truncate'; at: number };

/** The byte values a parser's bounds trip on. */
const interestingByte = fc.oneof(fc.constantFrom(0x00, 0x01, 0x02, 0x38, 0x39, 0x7f, 0x80, 0xfe, 0xff), fc.integer({ min: 0, max: 255 }));

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: interestingByte }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

const applyByteEdit = (bytes: Uint8Array, edit: ByteEdit): Uint8Array => {
  const at = edit.at % (bytes.length + 1);
  switch (edit.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Uint8Array.from(bytes);
      const index = at % bytes.length;
      copy[index] = (copy[index] ?? 0) ^ (1 << edit.bit);
      return copy;
    }
    case 'set': {
      if (bytes.length === 0) return bytes;
      const copy = Uint8Array.from(bytes);
      copy[at % bytes.length] = edit.value;
      return copy;
    }
    case 'delete':
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + edit.length)]);
    case 'insert': {
      const copy = new Uint8Array(bytes.length + edit.bytes.length);
      copy.set(bytes.subarray(0, at));
      copy.set(edit.bytes, at);
      copy.set(bytes.subarray(at), at + edit.bytes.length);
      return copy;
    }
    case 'truncate':
      return bytes.slice(0, at);
  }
};

/** `bytes` with one to `maxEdits` edits (bit flips, bytes set to values that trip bounds, cuts, insertions). */
export const mutatedBytes = (examples: fc.Arbitrary<Uint8Array>, maxEdits = 4): fc.Arbitrary<Uint8Array> =>
  fc.tuple(examples, fc.array(byteEdit, { minLength: 1, maxLength: maxEdits })).map(([bytes, edits]) => edits.reduce(applyByteEdit, bytes));

type JsonEdit = { op: 'set'; at: number; value: unknown } | { op: 'delete'; at: number } | { op: 'add'; at: number; key: string; value: unknown };

/** Every object and array inside a JSON value, with the value itself first. */
const containersOf = (value: unknown): Array<Record<string, unknown> | unknown[]> => {
  if (typeof value !== 'object' || value === null) return [];
  const found: Array<Record<string, unknown> | unknown[]> = [value as Record<string, unknown> | unknown[]];
  for (const child of Array.isArray(value) ? value : Object.values(value)) found.push(...containersOf(child));
  return found;
};

const applyJsonEdit = (value: unknown, edit: JsonEdit): unknown => {
  const copy: unknown = structuredClone(value);
  const containers = containersOf(copy);
  const container = containers[edit.at % Math.max(1, containers.length)];
  if (container === undefined) return edit.op === 'delete' ? null : (edit as { value: unknown }).value;
  const keys = Array.isArray(container) ? container.map((_, index) => index) : Object.keys(container);
  const key = keys[edit.at % Math.max(1, keys.length)];
  const record = container as Record<string | number, unknown>;
  // An own property even for __proto__, as JSON.parse makes it: what a hostile sender's text turns into.
  if (edit.op === 'add' && Array.isArray(container)) container.push(edit.value);
  else if (edit.op === 'add') Object.defineProperty(record, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
  else if (key === undefined) return copy;
  else if (edit.op === 'set') record[key] = edit.value;
  else if (Array.isArray(container)) container.splice(key as number, 1);
  else Reflect.deleteProperty(record, key);
  return copy;
};

/** A JSON value that the parser's checks care about: edge numbers and strings, or any JSON at all. */
export const edgeJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, '', '0', '1', 'D', 'A', [], {}),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 2100 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: edgeJsonValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'cd_operation', 'bundle_code', 'task_code', 'id', 'type'), fc.string({ maxLength: 10 })), value: edgeJsonValue }),
);

/** One of `examples` with one to three edits of its structure (a field set to another value, removed, added). */
export const mutatedJson = (examples: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(examples, fc.array(jsonEdit, { minLength: 1, maxLength: 3 })).map(([value, edits]) => edits.reduce(applyJsonEdit, value));
