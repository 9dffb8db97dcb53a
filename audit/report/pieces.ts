/**
 * Text written piece by piece: the reports that grow with the audit (report.json, the sponsor
 * summaries) are rendered as generators of small pieces, gathered here into pieces of a size
 * worth one write.
 */

/** About how many characters a gathered piece holds. */
export const PIECE_CHARACTERS = 64 * 1024;

/** Yields `pieces` gathered into pieces of about `size` characters (the last may be smaller). */
export function* gathered(pieces: Iterable<string>, size = PIECE_CHARACTERS): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}
