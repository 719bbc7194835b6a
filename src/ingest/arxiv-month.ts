/**
 * The month an arXiv id was first submitted in
 * ============================================
 *
 * arXiv ids encode the year and month of the first version by definition ("2404.11833" → April
 * 2024, "cs/0112017" → December 2001). Listings that state no submission date — digest
 * replacements, whose only date is the revision's, and abs pages pasted without their
 * "Submitted on" line — still get the right partial date this way, without guessing.
 */

/** "2404.11833" → "2024-04", "cs/0112017v1" → "2001-12"; null for anything else. */
export function monthFromArxivId(id: string): string | null {
  const m = /^(?:[a-z][a-z.-]*\/)?(\d{2})(\d{2})(?:\.\d{4,5}|\d{3})(?:v\d+)?$/i.exec(id.trim());
  if (!m) return null;
  const yy = Number(m[1]);
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  // Old-style ids began in 1991; new-style ids (2007 on) never reach 91.
  return `${yy >= 91 ? 1900 + yy : 2000 + yy}-${m[2]}`;
}
