/**
 * venueFromComment (src/ingest/venue.ts): comment lines → canonical "ACRONYM YEAR", as a table.
 */
import { describe, expect, it } from 'vitest';
import { VENUES, venueFromComment } from '../../src/ingest/venue.js';

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

  it('is fast on a long hostile comment', () => {
    const started = performance.now();
    expect(venueFromComment(`${'A '.repeat(500_000)}`, 2020)).toBeNull();
    expect(venueFromComment(`${"'".repeat(1_000_000)}`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
