/**
 * A legacy .xls (BIFF8 in an OLE2 compound file): its cell styles, read from the Workbook stream's
 * records, and the bounds checked before SheetJS parses it. The globals give the XF records (cell
 * formats: number format id and the four border line styles) and the sheets (BoundSheet8: name and
 * the offset of its substream); each sheet's substream gives its cell records (NUMBER, RK, MULRK,
 * LABELSST, LABEL, RSTRING, FORMULA, BOOLERR, BLANK, MULBLANK) with their XF index, and its
 * MERGECELLS. Excel 95 and older (BIFF5 `Book` stream, BIFF2–4) and encrypted files are rejected.
 */
import { MAX_CELLS, MAX_SHEETS, reject } from './sheet-limits.js';
import { BOTTOM, cellKey, LEFT, RIGHT, TOP, type CellStyle, type SheetStyles, type WorkbookStyles } from './sheet-grid.js';

/** The SheetJS CFB reader, as the sheet reader passes it in. */
export interface CfbReader {
  read(data: Buffer, opts: { type: 'buffer' }): unknown;
  find(cfb: unknown, path: string): { content?: ArrayLike<number> } | null;
}

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const BOUNDSHEET8 = 0x0085;
const XF = 0x00e0;
const FORMAT = 0x041e;
const SST = 0x00fc;
const MERGECELLS = 0x00e5;
const SINGLE_CELL = new Set([0x0006, 0x00fd, 0x0203, 0x027e, 0x0201, 0x0205, 0x0204, 0x00d6]);
const MULRK = 0x00bd;
const MULBLANK = 0x00be;

/**
 * Record types of BIFF2–BIFF4 that an Excel 97–2003 (BIFF8) stream never holds. SheetJS keeps one
 * table of record parsers for every BIFF version, so it would read such a record with the older
 * layout; on a record too short for it, SheetJS's BIFF2 string reader loops without end (reading
 * past a record gives it no length), growing one array until the heap is gone. Seen with bytes
 * flipped in an .xls; a stream holding any of these is rejected as corrupt before SheetJS reads it.
 */
const OLDER_RECORDS = new Set([
  0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0007, 0x0008, 0x0009, 0x001e, 0x001f, 0x0020, 0x0021, 0x0024, 0x0025, 0x0032, 0x003e, 0x0043,
  0x0044, 0x0045, 0x0056, 0x007e, 0x008f, 0x00bc, 0x0206, 0x0209, 0x0218, 0x0223, 0x0231, 0x0243, 0x0406, 0x0409, 0x0443,
]);

interface BoundSheet {
  name: string;
  offset: number;
}

/** ShortXLUnicodeString: cch (1 byte), fHighByte (1 byte), then the characters. */
function shortString(buf: Buffer, at: number, end: number): string {
  if (at + 2 > end) return '';
  const cch = buf[at]!;
  const high = buf[at + 1]! & 1;
  const start = at + 2;
  const stop = Math.min(end, start + cch * (high ? 2 : 1));
  return high ? buf.toString('utf16le', start, stop - ((stop - start) % 2)) : buf.toString('latin1', start, stop);
}

export function scanXls(file: string, bytes: Uint8Array, cfbReader: CfbReader): WorkbookStyles {
  const corrupt = (en: string): never => reject(file, '文件已损坏', `the file is corrupt (${en})`);
  let cfb: unknown;
  try {
    cfb = cfbReader.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch (e) {
    return corrupt(`not a readable OLE2 compound file: ${(e as Error).message}`);
  }
  const stream = cfbReader.find(cfb, 'Workbook')?.content;
  if (!stream) {
    if (cfbReader.find(cfb, 'EncryptionInfo')) reject(file, '文件已加密（受密码保护的工作簿）', 'the file is encrypted (a password-protected workbook)');
    if (cfbReader.find(cfb, 'Book')) reject(file, '这是 Excel 95 或更早的格式（BIFF5），请另存为 .xlsx', 'an Excel 95 or older workbook (BIFF5): save it as .xlsx');
    return reject(file, '不是 Excel 工作簿（没有 Workbook 流）', 'not an Excel workbook (no Workbook stream)');
  }
  const buf = Buffer.isBuffer(stream) ? stream : Buffer.from(Uint8Array.from(stream));

  // Every record of the stream, end to end, as SheetJS reads it (not only the sheets' substreams).
  let records = 0;
  for (let at = 0, last = -1; at < buf.length - 1; records++) {
    const type = buf.readUInt16LE(at);
    if (type === 0 && last === EOF) break; // padding after the last EOF
    if (at + 4 > buf.length) corrupt('a record header runs past the end of the stream');
    const len = buf.readUInt16LE(at + 2);
    if (at + 4 + len > buf.length) corrupt('a record runs past the end of the stream');
    if (OLDER_RECORDS.has(type)) corrupt(`a record of an older Excel format (0x${type.toString(16).padStart(4, '0')}) in an Excel 97–2003 workbook`);
    last = type;
    at += 4 + len;
  }

  const styles: CellStyle[] = [];
  const formats = new Set<number>();
  const bound: BoundSheet[] = [];
  let cells = 0;
  const tooMany = () => {
    if (cells > MAX_CELLS) reject(file, `单元格过多（超过 ${MAX_CELLS} 个）`, `too many cells (more than ${MAX_CELLS})`);
  };

  // The substreams of a sound file do not overlap: all walks together visit each record about once.
  let steps = 2 * records + 16;
  /** Walks one substream from its BOF to its matching EOF; returns false if it does not start with a BOF. */
  const walk = (start: number, visit: (type: number, at: number, len: number, depth: number) => void): boolean => {
    let at = start;
    let depth = 0;
    let first = true;
    while (at + 4 <= buf.length) {
      if (--steps < 0) corrupt('its sheets overlap');
      const type = buf.readUInt16LE(at);
      const len = buf.readUInt16LE(at + 2);
      const body = at + 4;
      if (body + len > buf.length) corrupt('a record runs past the end of the stream');
      if (first) {
        if (type !== BOF) return false;
        first = false;
      }
      if (type === BOF) depth++;
      visit(type, body, len, depth);
      if (type === EOF && --depth === 0) return true;
      at = body + len;
    }
    return !first;
  };

  const globalsOk = walk(0, (type, at, len, depth) => {
    if (depth !== 1) return;
    if (type === BOF && len >= 2 && buf.readUInt16LE(at) !== 0x0600) {
      reject(file, '这是 Excel 95 或更早的格式，请另存为 .xlsx', 'an Excel 95 or older workbook: save it as .xlsx');
    }
    if (type === FILEPASS) reject(file, '文件已加密（受密码保护的工作簿）', 'the file is encrypted (a password-protected workbook)');
    if (type === XF && len >= 20) {
      const b = buf.readUInt32LE(at + 10);
      let mask = 0;
      if (b & 0x000f) mask |= LEFT;
      if (b & 0x00f0) mask |= RIGHT;
      if (b & 0x0f00) mask |= TOP;
      if (b & 0xf000) mask |= BOTTOM;
      styles.push({ borders: mask, numFmtId: buf.readUInt16LE(at + 2) });
    }
    if (type === FORMAT && len >= 2) formats.add(buf.readUInt16LE(at));
    if (type === BOUNDSHEET8 && len >= 8) bound.push({ offset: buf.readUInt32LE(at), name: shortString(buf, at + 6, at + len) });
    if (type === SST && len >= 8) {
      const unique = buf.readUInt32LE(at + 4);
      if (unique > MAX_CELLS) reject(file, `共享字符串过多（${unique} 个，上限 ${MAX_CELLS}）`, `too many shared strings (${unique}, at most ${MAX_CELLS})`);
    }
  });
  if (!globalsOk) corrupt('the Workbook stream does not start with a BOF record');

  const sheets: SheetStyles[] = [];
  if (bound.length > MAX_SHEETS) reject(file, `工作表过多（${bound.length} 张，上限 ${MAX_SHEETS}）`, `too many sheets (${bound.length}, at most ${MAX_SHEETS})`);
  for (const sheet of bound) {
    const map = new Map<number, number>();
    if (sheet.offset >= buf.length) corrupt(`the sheet ${sheet.name} starts past the end of the stream`);
    walk(sheet.offset, (type, at, len, depth) => {
      if (depth !== 1) return;
      if (SINGLE_CELL.has(type) && len >= 6) {
        map.set(cellKey(buf.readUInt16LE(at), buf.readUInt16LE(at + 2)), buf.readUInt16LE(at + 4));
        cells++;
      } else if ((type === MULRK || type === MULBLANK) && len >= 6) {
        const row = buf.readUInt16LE(at);
        const first = buf.readUInt16LE(at + 2);
        const step = type === MULRK ? 6 : 2;
        const n = Math.floor((len - 6) / step);
        cells += n;
        tooMany();
        for (let i = 0; i < n; i++) map.set(cellKey(row, first + i), buf.readUInt16LE(at + 4 + i * step));
      } else if (type === MERGECELLS && len >= 2) {
        cells += buf.readUInt16LE(at);
      }
      tooMany();
    });
    sheets.push({ name: sheet.name, cells: map });
  }
  return { styles, formats, sheets };
}
