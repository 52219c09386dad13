/** A text file whose format cannot be read (bad front matter): a failed document, not a failed run. */
export class FormatError extends Error {
  override name = 'FormatError';
}
