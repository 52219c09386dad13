// Telling text from binary by the first bytes, as `file` and browsers do: magic numbers first,
// then NUL bytes (no text format has them), then how much of the sample is not UTF-8 or is
// control characters. Binary input is reported, never indexed as a document of garbage.

const MAGIC: [string, number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or docx/xlsx/odt)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data (name it .gz to index it)', [0x1f, 0x8b]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['bzip2 data', [0x42, 0x5a, 0x68]],
  ['xz data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7-zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
];

/** How many leading bytes are looked at. */
export const SNIFF_BYTES = 8192;

const decoder = new TextDecoder('utf-8');

/** Why these leading bytes are not text, or undefined when they look like text. */
export function binaryReason(sample: Uint8Array): string | undefined {
  for (const [name, magic] of MAGIC) {
    if (sample.length >= magic.length && magic.every((b, i) => sample[i] === b)) return `binary file (${name})`;
  }
  if (sample.includes(0)) return 'binary file (NUL bytes)';
  // A multi-byte character cut at the end of the sample is not an error: leave its bytes out.
  const text = decoder.decode(sample.subarray(0, Math.max(0, sample.length - 3)), { stream: true });
  let bad = 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
  }
  if (text.length > 0 && (bad + controls) / text.length > 0.1) return 'binary file (mostly bytes that are not UTF-8 text)';
  return undefined;
}
