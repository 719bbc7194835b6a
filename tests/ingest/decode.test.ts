import { describe, expect, it } from 'vitest';
import { decode } from '../../src/ingest/decode.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decode', () => {
  it.each([
    ['UTF-8', utf8('Café\nline'), 'Café\nline', 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Abstract: x')]), 'Abstract: x', 'utf-8'],
    ['CRLF line endings', utf8('a\r\nb\r\n'), 'a\nb\n', 'utf-8'],
    ['lone CR line endings', utf8('a\rb'), 'a\nb', 'utf-8'],
    ['Latin-1 fallback', new Uint8Array([0x43, 0x61, 0x66, 0xe9]), 'Café', 'latin-1'],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, 0x41, 0, 0x0d, 0, 0x0a, 0, 0xe9, 0]), 'A\né', 'utf-16le'],
    ['UTF-16 BE with BOM', new Uint8Array([0xfe, 0xff, 0, 0x41, 0, 0xe9]), 'Aé', 'utf-16be'],
  ])('%s', (_, bytes, text, encoding) => {
    expect(decode(bytes)).toEqual({ ok: true, text, encoding });
  });

  it('refuses binary files with a reason', () => {
    const result = decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/binary/);
  });
});
