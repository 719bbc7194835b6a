/**
 * venueFromComment (src/ingest/venue.ts): comment lines → canonical "ACRONYM YEAR", as a table.
 */
import { describe, expect, it } from 'vitest';
import { asciiLettersOnly, VENUES, venueCandidates, venueFromComment, venuePattern } from '../../src/ingest/venue.js';

// [comment, fallback year, expected venue]
const CASES: [string, number | undefined, string | null][] = [
  // The seed's spellings.
  ["Accepted by CIKM'23", 2023, 'CIKM 2023'],
  ['accepted by cikm 2023', 2023, 'CIKM 2023'],
  ['KDD 2023', undefined, 'KDD 2023'],
  ["Accepted by RecSys'23", undefined, 'RecSys 2023'],
  ['Accepted by Advances in Neural Information Processing Systems (NeurIPS), New Orleans, USA, Dec. 2023, spotlight', 2021, 'NeurIPS 2023'],
  ['5 pages, 3 figures. Accepted by Interspeech 2023, Oral', undefined, 'Interspeech 2023'],
  ["RO-MAN'23, 32nd IEEE International Conference on Robot and Human Interactive Communication (RO-MAN), August 2023, Busan, South Korea", undefined, 'RO-MAN 2023'],
  // No venue: null, whatever the fallback year.
  ['13 pages, 6 figures, 3 tables', 2023, null],
  ['8 main pages, 3 pages for appendix', 2023, null],
  ['', 2023, null],
  // Aliases and long forms meet at one acronym.
  ['Accepted at NIPS 2017', undefined, 'NeurIPS 2017'],
  ['Published in IEEE Transactions on Pattern Analysis and Machine Intelligence', 2022, 'TPAMI 2022'],
  ['To appear in the ACM Web Conference 2024 (WWW)', undefined, 'WWW 2024'],
  ['TheWebConf 2023', undefined, 'WWW 2023'],
  ['In Proceedings of the 30th ACM SIGKDD Conference on Knowledge Discovery and Data Mining (KDD ’24)', undefined, 'KDD 2024'],
  ['Pacific-Asia Conference on Knowledge Discovery and Data Mining 2021', undefined, 'PAKDD 2021'],
  ['ICASSP-2022', undefined, 'ICASSP 2022'],
  ['AAAI-24 oral', undefined, 'AAAI 2024'],
  ['Findings of NAACL 2024', undefined, 'NAACL 2024'],
  ['ICCV 2023', undefined, 'ICCV 2023'],
  ['IEEE International Conference on Computer Vision (ICCV), 2019', undefined, 'ICCV 2019'],
  ['Accepted to ICML', 2021, 'ICML 2021'],
  ['Accepted to ICML', undefined, 'ICML'],
  ["Accepted by SIGIR'98", undefined, 'SIGIR 1998'],
  ['NeurIPS 2023 Workshop on Diffusion Models', undefined, 'NeurIPS 2023 Workshop'],
  // Not venues: inside words, URLs and e-mail addresses.
  ['see www.acl.org and https://kdd.org/', 2023, null],
  ['Contact: someone@icml.cc', 2023, null],
  ['Published in the NAACLS newsletter', 2023, null],
  // Hyphens, glued years and quotes; letters outside ASCII around a name (the Unicode patterns,
  // with their word bounds), and the two letters Unicode's case folding maps onto ASCII ones.
  ['T-PAMI 2021', undefined, 'TPAMI 2021'],
  ['NAACL-HLT 2019', undefined, 'NAACL 2019'],
  ['Published at NeurIPS 2023 — spotlight', undefined, 'NeurIPS 2023'],
  ['NeurIPS2023', undefined, 'NeurIPS 2023'],
  ['ACM MM 2023', undefined, 'ACM MM 2023'],
  ['CIKM’23', undefined, 'CIKM 2023'],
  ['éKDD 2023', undefined, null],
  ['SIGIR 2020 in Zürich', undefined, 'SIGIR 2020'],
  ['\u212ADD 2023', undefined, 'KDD 2023'],
  ['Accepted at \u017FIGIR 2020', undefined, 'SIGIR 2020'],
  ['International Conference on Machine Learning and Applications', undefined, null],
];

describe('venueFromComment', () => {
  it.each(CASES)('%j (fallback %s) → %s', (comment, fallback, expected) => {
    expect(venueFromComment(comment, fallback)).toBe(expected);
  });

  it('knows the acronyms the brief lists', () => {
    const acronyms = VENUES.map((v) => v.acronym);
    for (const a of ['NeurIPS', 'ICML', 'ICLR', 'CVPR', 'ICCV', 'ECCV', 'ACL', 'EMNLP', 'NAACL', 'COLING', 'KDD', 'WWW', 'SIGIR', 'CIKM', 'WSDM', 'RecSys', 'AAAI', 'IJCAI', 'Interspeech', 'ICASSP', 'RO-MAN', 'TPAMI', 'TKDE', 'TOIS']) {
      expect(acronyms).toContain(a);
    }
  });

  it('reads only the first 2,000 characters of a long hostile comment', () => {
    expect(venueFromComment(`${'A '.repeat(500_000)}`, 2020)).toBeNull();
    expect(venueFromComment(`${"'".repeat(1_000_000)}`)).toBeNull();
    expect(venueFromComment(`${'x'.repeat(2_000)} NeurIPS 2023`)).toBeNull();
    expect(venueFromComment(`${'x '.repeat(900)} NeurIPS 2023`)).toBe('NeurIPS 2023');
  });

  // The shortcuts (venue.ts): the first-word filter leaves a venue out only when its pattern cannot
  // match, and on comments whose letters and digits are all ASCII the ASCII patterns find exactly
  // what the Unicode ones find. Checked on every comment above and on spellings where an
  // alias's first word is short or glued to more, with punctuation and letters from outside ASCII.
  const MORE = [
    'RO-MAN 2022', "NeurIPS'23", 'ACM Multimedia 2022', 'The Web Conference 2023', 'the ACM Web Conference',
    'International Conference on Acoustics, Speech and Signal Processing', 'SIGKDD-2020', 'ICLR`24', 'workshop at ECCV-22',
    'Accepted at KDD ’24 — oral', 'Published at NeurIPS 2023 – spotlight ✓', 'Ω-KDD 2023', 'KDD 2023é', 'ACL２０２３', '\u017FIGIR 2020',
  ];
  const allMatches = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => [m.index, m[0], m[1], m[2], m[3]]);
  it.each([...CASES.map((c) => c[0]), ...MORE])('%j: the ASCII shortcuts agree with matching every venue in Unicode', (comment) => {
    const ascii = asciiLettersOnly(comment);
    const candidates = new Set(venueCandidates(comment));
    for (const [v, venue] of VENUES.entries()) {
      const unicode = allMatches(venuePattern(venue, true), comment);
      if (unicode.length > 0) expect(candidates, venue.acronym).toContain(v);
      if (ascii) expect(allMatches(venuePattern(venue, false), comment), venue.acronym).toEqual(unicode);
    }
    expect(candidates.size).toBeLessThan(VENUES.length / 2);
  });

  it('tells comments with letters or digits from outside ASCII apart', () => {
    expect(['CIKM’23', 'Accepted at KDD ’24 — oral', 'KDD 2023'].map(asciiLettersOnly)).toEqual([true, true, true]);
    expect(['éKDD 2023', 'ACL２０２３', '\u212ADD 2023', '\u017FIGIR 2020'].map(asciiLettersOnly)).toEqual([false, false, false, false]);
  });
});
