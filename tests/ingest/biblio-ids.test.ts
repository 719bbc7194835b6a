/**
 * The id normalisers the bibliographic formats share (keys.ts additions and
 * biblio.parseAnyPaperId): every way a source writes an id reaches the same normal form.
 */
import { describe, expect, it } from 'vitest';
import { aclIdFromDoi, arxivIdFromDoi, normaliseAclId, normaliseOpenAlexId, normaliseS2Id } from '../../src/graph/keys.js';
import { parseAnyPaperId } from '../../src/ingest/biblio.js';
import { buildAclId } from '../../src/ingest/acl-xml.js';
import { abstractFromInvertedIndex } from '../../src/ingest/openalex.js';

describe('normaliseAclId', () => {
  it.each([
    ['P19-1001', 'P19-1001'],
    ['p19-1001', 'P19-1001'],
    ['J79-1032f', 'J79-1032f'],
    ['2020.ACL-Main.207', '2020.acl-main.207'],
    ['https://aclanthology.org/2020.acl-main.207/', '2020.acl-main.207'],
    ['https://www.aclweb.org/anthology/P19-1001.pdf', 'P19-1001'],
    ['10.18653/v1/W19-3801', 'W19-3801'],
    ['P19-100', null],
    ['2020.acl', null],
    ['hello', null],
  ])('%s → %s', (raw, want) => expect(normaliseAclId(raw)).toBe(want));
});

describe('buildAclId follows the Anthology rule', () => {
  it.each([
    ['2020.acl', 'main', '207', '2020.acl-main.207'],
    ['P19', '1', '1', 'P19-1001'],
    ['W19', '38', '1', 'W19-3801'],
    ['W01', '7', '2', 'W01-0702'],
    ['D19', '5', '3', 'D19-0503'],
    ['C69', '1', '4', 'C69-0104'],
  ])('%s/%s/%s → %s', (c, v, p, want) => expect(buildAclId(c, v, p)).toBe(want));
});

describe('other id normalisers', () => {
  it('reads DOIs that are ACL or arXiv ids in disguise', () => {
    expect(aclIdFromDoi('https://doi.org/10.18653/v1/2020.acl-main.207')).toBe('2020.acl-main.207');
    expect(arxivIdFromDoi('10.48550/arXiv.2310.14189')).toBe('2310.14189');
    expect(aclIdFromDoi('10.1145/123')).toBeNull();
  });
  it('normalises OpenAlex and S2 ids', () => {
    expect(normaliseOpenAlexId('https://openalex.org/W2741809807')).toBe('W2741809807');
    expect(normaliseOpenAlexId('https://semopenalex.org/work/W42')).toBe('W42');
    expect(normaliseOpenAlexId('w42')).toBe('W42');
    expect(normaliseOpenAlexId('A42')).toBeNull();
    expect(normaliseS2Id('https://www.semanticscholar.org/paper/Some-Title/' + 'AB'.repeat(20))).toBe('ab'.repeat(20));
    expect(normaliseS2Id('abc')).toBeNull();
  });
});

describe('parseAnyPaperId', () => {
  it.each([
    ['2310.14189v2', { arxiv: '2310.14189' }],
    ['arXiv:cs/0112017', { arxiv: 'cs/0112017' }],
    ['10.1145/3583780.3614000', { doi: '10.1145/3583780.3614000' }],
    ['doi:10.18653/v1/P19-1001', { doi: '10.18653/v1/p19-1001', acl: 'P19-1001' }],
    ['P19-1001', { acl: 'P19-1001' }],
    ['W2741809807', { openalex: 'W2741809807' }],
    ['a'.repeat(40), { s2: 'a'.repeat(40) }],
    ['paper:acl:2020.acl-main.207', { acl: '2020.acl-main.207' }],
    ['paper:doi:10.1145/x', { doi: '10.1145/x' }],
    ['https://arxiv.org/abs/2310.14189', { arxiv: '2310.14189' }],
    ['pmid:123456', { pmid: '123456' }],
  ])('%s', (raw, ids) => expect(parseAnyPaperId(raw)).toEqual({ ids }));
  it.each(['', 'paper:h:0123', 'nonsense', 'https://example.com/x'])('rejects %j with a reason', (raw) => {
    expect(parseAnyPaperId(raw)).toHaveProperty('reason');
  });
});

describe('abstractFromInvertedIndex', () => {
  it('places words by position and ignores corrupt positions', () => {
    expect(abstractFromInvertedIndex({ b: [1], a: [0, 2], c: [-1, 'x'] })).toBe('a b a');
    expect(abstractFromInvertedIndex(null)).toBeNull();
    expect(abstractFromInvertedIndex({})).toBeNull();
  });
});
