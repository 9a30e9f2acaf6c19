// A minimal tar reader for npm tarballs (ustar, with the pax and GNU long-name
// extensions npm and other packers emit), so fetching tools needs no `tar`
// binary or package.
import zlib from 'node:zlib';

const BLOCK = 512;

export class TarError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TarError';
  }
}

function cString(buf, start, length) {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return slice.toString('utf8', 0, nul === -1 ? slice.length : nul);
}

function octal(buf, start, length) {
  // GNU base-256 encoding for values that do not fit in octal digits.
  if (buf[start] & 0x80) {
    let value = 0;
    for (let i = 1; i < length; i++) value = value * 256 + buf[start + i];
    return value;
  }
  const text = cString(buf, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function verifyChecksum(header, offset) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  if (sum !== octal(header, 148, 8)) throw new TarError(`bad header checksum at byte ${offset}`);
}

// pax records look like "<len> <key>=<value>\n".
function parsePax(data) {
  const out = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = parseInt(data.toString('utf8', at, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

/**
 * Yields the file-like members of an uncompressed tar archive.
 * @param {Buffer} buf
 * @returns {Generator<{name: string, type: 'file'|'directory'|'symlink'|'other', mode: number, data: Buffer, linkName: string}>}
 */
export function* readTarEntries(buf) {
  let at = 0;
  let pending = {};
  while (at + BLOCK <= buf.length) {
    const header = buf.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return;
    verifyChecksum(header, at);
    const size = octal(header, 124, 12);
    const typeFlag = String.fromCharCode(header[156] || 0x30);
    const dataStart = at + BLOCK;
    if (dataStart + size > buf.length) throw new TarError(`truncated tar member at byte ${at}`);
    const data = buf.subarray(dataStart, dataStart + size);
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (typeFlag === 'x') {
      pending = { ...pending, ...parsePax(data) };
      continue;
    }
    if (typeFlag === 'g') continue;
    if (typeFlag === 'L') {
      pending = { ...pending, path: cString(data, 0, data.length) };
      continue;
    }
    if (typeFlag === 'K') {
      pending = { ...pending, linkpath: cString(data, 0, data.length) };
      continue;
    }

    const magic = cString(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
    const baseName = cString(header, 0, 100);
    const name = pending.path ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const linkName = pending.linkpath ?? cString(header, 157, 100);
    pending = {};
    const type =
      typeFlag === '0' || typeFlag === '7' ? 'file'
        : typeFlag === '5' ? 'directory'
          : typeFlag === '2' ? 'symlink'
            : 'other';
    yield { name, type, mode: octal(header, 100, 8), data, linkName };
  }
  if (buf.subarray(at).some((b) => b !== 0)) throw new TarError(`truncated tar header at byte ${at}`);
}

/**
 * Gunzips a .tgz held in memory and yields its members.
 * @param {Buffer} tgz
 */
export function readTgzEntries(tgz) {
  return readTarEntries(zlib.gunzipSync(tgz));
}
