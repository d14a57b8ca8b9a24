/**
 * The .xlsx package, unpacked within bounds before SheetJS sees it. SheetJS's own unzip trusts the
 * sizes a part declares (it allocates the declared size at once) and inflates without a limit, so
 * every part is read here first, the way SheetJS reads it (end of central directory found from the
 * end, each central entry followed to its local header, the local header's name and sizes, ZIP64
 * sizes from either extra field), and inflated with Node's zlib under a hard output limit. A part
 * that declares or inflates past the bounds, or that does not inflate, rejects the file.
 */
import { inflateRawSync } from 'node:zlib';
import { MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, reject } from './sheet-limits.js';

/** The unpacked parts, by name as SheetJS finds them: lower case, without a leading slash. */
export type ZipParts = Map<string, Buffer>;

export function partName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

interface Zip64 {
  usz?: number;
  csz?: number;
}

/** The ZIP64 extended information field (0x0001) of an extra field, as SheetJS reads it. */
function zip64(buf: Buffer, start: number, end: number): Zip64 {
  const out: Zip64 = {};
  let at = start;
  while (at <= end - 4) {
    const type = buf.readUInt16LE(at);
    const size = buf.readUInt16LE(at + 2);
    const body = at + 4;
    if (type === 0x0001) {
      if (body + 8 <= end) out.usz = buf.readUInt32LE(body + 4) * 2 ** 32 + buf.readUInt32LE(body);
      if (body + 16 <= end) out.csz = buf.readUInt32LE(body + 12) * 2 ** 32 + buf.readUInt32LE(body + 8);
    }
    at = body + size;
  }
  return out;
}

export function unpackZip(file: string, bytes: Uint8Array): ZipParts {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (en: string, zh = '文件已损坏（zip 结构错误）'): never => reject(file, zh, `the file is corrupt (${en})`);
  const need = (at: number, n: number) => {
    if (at < 0 || at + n > buf.length) corrupt('a zip record runs past the end of the file');
  };

  let eocd = buf.length - 4;
  while (eocd >= 0 && !(buf[eocd] === 0x50 && buf[eocd + 1] === 0x4b && buf[eocd + 2] === 0x05 && buf[eocd + 3] === 0x06)) eocd--;
  if (eocd < 0) corrupt('no end of central directory');
  need(eocd, 22);
  const count = buf.readUInt16LE(eocd + 8);
  if (count > MAX_ZIP_ENTRIES) reject(file, `压缩包内文件过多（${count} 个，上限 ${MAX_ZIP_ENTRIES}）`, `too many parts in the package (${count}, at most ${MAX_ZIP_ENTRIES})`);
  let at = buf.readUInt32LE(eocd + 16);

  const parts: ZipParts = new Map();
  let total = 0;
  const tooLarge = (): never =>
    reject(file, `解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB（疑似压缩炸弹）`, `it unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB (a zip bomb?)`);

  for (let i = 0; i < count; i++) {
    need(at, 46);
    if (buf.readUInt32LE(at) !== 0x02014b50) corrupt('a central directory entry has no signature');
    const cdUsz = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    need(at + 46, nameLen + extraLen + commentLen);
    const cdZip64 = zip64(buf, at + 46 + nameLen, at + 46 + nameLen + extraLen);
    at += 46 + nameLen + extraLen + commentLen;

    need(offset, 30);
    if (buf.readUInt32LE(offset) !== 0x04034b50) corrupt('a local file header has no signature');
    const flags = buf.readUInt16LE(offset + 6);
    const method = buf.readUInt16LE(offset + 8);
    let csz = buf.readUInt32LE(offset + 18);
    let usz = buf.readUInt32LE(offset + 22);
    const localNameLen = buf.readUInt16LE(offset + 26);
    const localExtraLen = buf.readUInt16LE(offset + 28);
    need(offset + 30, localNameLen + localExtraLen);
    const name = buf.toString('latin1', offset + 30, offset + 30 + localNameLen);
    const localZip64 = zip64(buf, offset + 30 + localNameLen, offset + 30 + localNameLen + localExtraLen);
    for (const z of [localZip64, cdZip64]) {
      if (z.usz !== undefined) usz = z.usz;
      if (z.csz !== undefined) csz = z.csz;
    }
    if (flags & 0x2041) reject(file, '文件已加密', 'the file is encrypted');
    for (const declared of [cdUsz, usz, cdZip64.usz ?? 0, localZip64.usz ?? 0]) if (total + declared > MAX_UNPACKED_BYTES) tooLarge();

    const dataStart = offset + 30 + localNameLen + localExtraLen;
    let data: Buffer;
    if (method === 0) {
      need(dataStart, csz);
      data = buf.subarray(dataStart, dataStart + csz);
    } else if (method === 8) {
      if (dataStart > buf.length) corrupt('a part starts past the end of the file');
      try {
        data = inflateRawSync(buf.subarray(dataStart), { maxOutputLength: Math.max(1, MAX_UNPACKED_BYTES - total) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) tooLarge();
        return corrupt(`a part does not inflate: ${(e as Error).message}`);
      }
    } else {
      return reject(file, `不支持的压缩方式 ${method}`, `unsupported compression method ${method}`);
    }
    total += Math.max(data.length, usz);
    if (total > MAX_UNPACKED_BYTES) tooLarge();
    const key = partName(name);
    if (parts.has(key)) corrupt(`the part ${name} appears twice`);
    parts.set(key, data);
  }
  return parts;
}
