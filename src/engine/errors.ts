/** The embedded engine could not be started or owned (missing binary, checksum, a locked data folder, a crash). */
export class EmbeddedMeiliError extends Error {
  override name = 'EmbeddedMeiliError';
}
