/**
 * Python literals, read safely
 * ============================
 *
 * Some exports of the Hugging Face daily_papers API (the December 2024 files) hold each paper as
 * the Python `repr()` of a dict — `{'paper': {'id': '2412.07730', 'hidden': False, ...}}` —
 * inside a JSON string. That text is not JSON (single quotes, True/False/None), and it must never
 * be handed to an evaluator. This module reads the literal subset `ast.literal_eval` accepts for
 * such data — dicts, lists, tuples, strings, numbers, True/False/None — with a small
 * recursive-descent parser: linear in the input, no regex, nesting capped so that hostile input
 * cannot exhaust the stack, and every failure reported with the offset where it happened.
 */

export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

export type PyParse = { ok: true; value: PyValue } | { ok: false; error: string; offset: number };

/** Deeper nesting than this is refused: real records nest four or five levels. */
export const MAX_PY_DEPTH = 200;

class PyError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '\n': '',
};

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  parseAll(): PyValue {
    const value = this.value(0);
    this.space();
    if (this.i < this.s.length) this.fail(`unexpected ${JSON.stringify(this.s[this.i])} after the value`);
    return value;
  }

  private fail(message: string, at = this.i): never {
    throw new PyError(message, at);
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') this.i++;
      else break;
    }
  }

  private value(depth: number): PyValue {
    if (depth > MAX_PY_DEPTH) this.fail(`nesting deeper than ${MAX_PY_DEPTH}`);
    this.space();
    const s = this.s;
    if (this.i >= s.length) this.fail('unexpected end of text');
    const c = s[this.i];
    if (c === '{') return this.dict(depth);
    if (c === '[') return this.sequence(depth, ']');
    if (c === '(') return this.sequence(depth, ')');
    if (c === "'" || c === '"') return this.string();
    if ((c === 'u' || c === 'U') && (s[this.i + 1] === "'" || s[this.i + 1] === '"')) {
      this.i++;
      return this.string();
    }
    if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`unexpected ${JSON.stringify(c)}: only literals are read (dict, list, str, number, True/False/None)`);
  }

  private dict(depth: number): { [key: string]: PyValue } {
    const out: { [key: string]: PyValue } = {};
    this.i++; // {
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      const keyAt = this.i;
      const key = this.value(depth + 1);
      if (key !== null && typeof key === 'object') this.fail('dict key is not a string or number', keyAt);
      this.space();
      if (this.s[this.i] !== ':') this.fail("expected ':' after a dict key");
      this.i++;
      // Object.defineProperty keeps a key such as "__proto__" an ordinary own property.
      Object.defineProperty(out, String(key), { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        this.space();
        if (this.s[this.i] === '}') {
          this.i++;
          return out;
        }
        continue;
      }
      if (c === '}') {
        this.i++;
        return out;
      }
      this.fail(c === undefined ? 'text ends inside a dict' : "expected ',' or '}' in a dict");
    }
  }

  private sequence(depth: number, close: ']' | ')'): PyValue[] {
    const out: PyValue[] = [];
    this.i++;
    this.space();
    if (this.s[this.i] === close) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.space();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        this.space();
        if (this.s[this.i] === close) {
          this.i++;
          return out;
        }
        continue;
      }
      if (c === close) {
        this.i++;
        return out;
      }
      this.fail(c === undefined ? 'text ends inside a list' : `expected ',' or '${close}' in a list`);
    }
  }

  private string(): string {
    const s = this.s;
    const quote = s[this.i];
    const start = this.i;
    if (s.startsWith(quote.repeat(3), this.i)) this.fail('triple-quoted strings are not read');
    this.i++;
    let out = '';
    let runStart = this.i;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === quote) {
        out += s.slice(runStart, this.i);
        this.i++;
        return out;
      }
      if (c === '\n') this.fail('newline inside a string', this.i);
      if (c !== '\\') {
        this.i++;
        continue;
      }
      out += s.slice(runStart, this.i);
      const e = s[this.i + 1];
      if (e === undefined) break;
      if (e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        this.i += 2;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(this.i + 2, this.i + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) this.fail(`bad \\${e} escape`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) this.fail(`\\${e} escape out of range`);
        out += String.fromCodePoint(code);
        this.i += 2 + len;
      } else if (e >= '0' && e <= '7') {
        let j = this.i + 1;
        while (j < this.i + 4 && s[j] >= '0' && s[j] <= '7') j++;
        out += String.fromCharCode(parseInt(s.slice(this.i + 1, j), 8));
        this.i = j;
      } else if (e === 'N') {
        this.fail('\\N{name} escapes are not read');
      } else {
        // Python keeps an unknown escape as written (backslash and character).
        out += `\\${e}`;
        this.i += 2;
      }
      runStart = this.i;
    }
    return this.fail('text ends inside a string', start);
  }

  private number(): number {
    const s = this.s;
    const start = this.i;
    let j = this.i;
    if (s[j] === '-' || s[j] === '+') j++;
    while (j < s.length && /[0-9._eE+\-xXoObBa-fA-F]/.test(s[j])) {
      // Stop a sign that is not part of an exponent.
      if ((s[j] === '+' || s[j] === '-') && !(s[j - 1] === 'e' || s[j - 1] === 'E')) break;
      j++;
    }
    const raw = s.slice(start, j).replace(/_/g, '');
    const value = Number(raw);
    if (raw === '' || Number.isNaN(value)) this.fail(`bad number ${JSON.stringify(raw)}`, start);
    this.i = j;
    return value;
  }
}

/** Reads a Python literal (as printed by `repr()`) without evaluating anything. Never throws. */
export function parsePythonLiteral(text: string): PyParse {
  try {
    return { ok: true, value: new Reader(text).parseAll() };
  } catch (error) {
    if (error instanceof PyError) return { ok: false, error: error.message, offset: error.offset };
    // RangeError or anything unforeseen: still a clean failure, never a throw.
    return { ok: false, error: error instanceof Error ? error.message : String(error), offset: 0 };
  }
}
