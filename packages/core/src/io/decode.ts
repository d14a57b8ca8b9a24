/**
 * Turns a file's bytes into text, or says clearly why it cannot: jixiao/1 files are UTF-8.
 *
 * - A UTF-8 byte-order mark is accepted silently: it is stripped here (so offsets and columns
 *   count from the first real character, as editors show them) and reported as `bom: true`, so that
 *   a writer can put it back.
 * - CRLF line ends are kept as they are (spans then index the file's own text, so an edit at a span
 *   writes back exactly); `eol` says which line end the file uses, for a writer adding lines.
 * - Anything that is not UTF-8 (GBK/GB18030 from a Chinese Windows editor, UTF-16/32, binary) is a
 *   `parse/encoding` problem placed at the first byte that is wrong. Its `text` is the best reading
 *   of the bytes (GB18030 when that decodes them, else UTF-8 with replacement characters), so that
 *   the position shown is the line and column an editor shows with that encoding.
 * - Files larger than MAX_FILE_BYTES are not decoded at all (`parse/too-large`).
 */
import type { Messages } from '../finding.js';
import type { Span } from '../yaml/tree.js';

/** The largest file we read. jixiao/1 documents are a few hundred kilobytes; 50 MB is far beyond any real one. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type Eol = '\n' | '\r\n';

export interface DecodedText {
  ok: true;
  text: string;
  /** The file started with a UTF-8 byte-order mark (stripped from `text`). */
  bom: boolean;
  /** The line end the file uses (that of its first line; `\n` when it has none). */
  eol: Eol;
}

export interface DecodeError {
  ok: false;
  ruleId: 'parse/encoding' | 'parse/too-large';
  message: Messages;
  /** The best reading of the bytes, against which `span` is given (empty for a file too large to read). */
  text: string;
  span: Span;
}

export type DecodeResult = DecodedText | DecodeError;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/** The size check on its own, for a caller that knows a file's size before reading it. */
export function tooLarge(size: number): DecodeError | null {
  if (size <= MAX_FILE_BYTES) return null;
  const mb = megabytes(size);
  const max = megabytes(MAX_FILE_BYTES);
  return {
    ok: false,
    ruleId: 'parse/too-large',
    message: { zh: `文件过大（${mb} MB，上限 ${max} MB）：未检查`, en: `file too large (${mb} MB, the limit is ${max} MB): not checked` },
    text: '',
    span: [0, 0],
  };
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function eolOf(text: string): Eol {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

function encodingError(zh: string, en: string, text: string, at: number): DecodeError {
  const start = Math.min(Math.max(at, 0), text.length);
  return { ok: false, ruleId: 'parse/encoding', message: { zh, en }, text, span: [start, Math.min(start + 1, text.length)] };
}

function decodeLoosely(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** Does the text decode as GB18030 without error, and read as Chinese? */
function readsAsGb18030(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  // Chinese text has CJK ideographs or fullwidth punctuation; Latin-1 bytes read as GB18030 rarely do nothing else.
  return /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(text) ? text : null;
}

/** UTF-16 without a byte-order mark: ASCII text then has a NUL in every other byte. */
function looksLikeUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const large = tooLarge(bytes.length);
  if (large) return large;

  // Byte-order marks of encodings other than UTF-8 (UTF-32 first: its LE mark starts like UTF-16's).
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return encodingError('文件是 UTF-32 编码：请另存为 UTF-8', 'file is UTF-32 encoded: save it as UTF-8', '', 0);
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = decodeLoosely(encoding, bytes.subarray(2));
    const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    return encodingError(`文件是 ${name} 编码（带 BOM）：请另存为 UTF-8`, `file is ${name} encoded (with a byte-order mark): save it as UTF-8`, text, 0);
  }

  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(UTF8_BOM.length) : bytes;
  // NUL is never in YAML text: UTF-16 without a byte-order mark, or a binary file.
  const nul = body.indexOf(0);
  const utf16 = nul >= 0 ? looksLikeUtf16(body) : null;
  if (utf16) {
    const name = utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    return encodingError(`文件疑似 ${name} 编码（无 BOM）：请另存为 UTF-8`, `file looks like ${name} (without a byte-order mark): save it as UTF-8`, decodeLoosely(utf16, body), 0);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return notUtf8(body);
  }
  if (nul >= 0) {
    const at = decodeLoosely('utf-8', body.subarray(0, nul)).length;
    return encodingError('文件含有 NUL 字节（0x00），不是文本文件：请另存为 UTF-8 文本', 'file contains a NUL byte (0x00), so it is not a text file: save it as UTF-8 text', text, at);
  }
  return { ok: true, text, bom, eol: eolOf(text) };
}

function notUtf8(bytes: Uint8Array): DecodeError {
  const bad = Math.max(firstInvalidUtf8(bytes), 0);
  const gb = readsAsGb18030(bytes);
  if (gb !== null) {
    // Lines end with 0x0A in both encodings (no GB18030 trail byte is 0x0A): find the line, then the
    // column by decoding that line's bytes up to the bad one.
    const lineStartByte = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    let lineStart = 0;
    for (let lines = countByte(bytes, 0x0a, lineStartByte); lines > 0; lines--) lineStart = gb.indexOf('\n', lineStart) + 1;
    const at = lineStart + decodeLoosely('gb18030', bytes.subarray(lineStartByte, bad)).length;
    return encodingError('文件不是 UTF-8 编码（疑似 GBK/GB18030）：请另存为 UTF-8', 'file is not UTF-8 (looks like GBK/GB18030): save it as UTF-8', gb, at);
  }
  const text = decodeLoosely('utf-8', bytes);
  const at = decodeLoosely('utf-8', bytes.subarray(0, bad)).length;
  const byte = hex(bytes[bad] ?? 0);
  return encodingError(`文件不是 UTF-8 编码（无效字节 ${byte}）：请另存为 UTF-8`, `file is not UTF-8 (invalid byte ${byte}): save it as UTF-8`, text, at);
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(byte); i >= 0 && i < end; i = bytes.indexOf(byte, i + 1)) count++;
  return count;
}
