// Go binaries built with gogo-protobuf register every generated.proto as a
// gzipped FileDescriptorProto. kubectl 1.34 links all of k8s.io/api and
// apimachinery, so its binary is a complete, versioned source of the wire
// schema (field numbers, types, and the gogoproto options that say which Go
// fields are pointers, embedded or renamed).
import fs from 'node:fs';
import zlib from 'node:zlib';
import { forEachField } from './wire-reader.mjs';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
// No compressed descriptor comes close; this bounds the work per candidate.
const MAX_COMPRESSED = 1 << 20;

// gogoproto FieldOptions extension numbers.
const GOGO_NULLABLE = 65001;
const GOGO_EMBED = 65002;
const GOGO_CUSTOMNAME = 65004;
const GOGO_CASTTYPE = 65007;

const TYPE_NAMES = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32',
  8: 'bool', 9: 'string', 10: 'group', 11: 'message', 12: 'bytes', 13: 'uint32', 14: 'enum',
  15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};

const text = (v) => v.toString('utf8');

function parseFieldOptions(buf) {
  const opts = {};
  forEachField(buf, (n, _w, v) => {
    if (n === 2) opts.packed = v !== 0n;
    else if (n === GOGO_NULLABLE) opts.nullable = v !== 0n;
    else if (n === GOGO_EMBED) opts.embed = v !== 0n;
    else if (n === GOGO_CUSTOMNAME) opts.customname = text(v);
    else if (n === GOGO_CASTTYPE) opts.casttype = text(v);
  });
  return opts;
}

function parseField(buf) {
  const field = { name: '', number: 0, label: 1, type: '', typeName: null, jsonName: null, options: {} };
  forEachField(buf, (n, _w, v) => {
    if (n === 1) field.name = text(v);
    else if (n === 3) field.number = Number(v);
    else if (n === 4) field.label = Number(v);
    else if (n === 5) field.type = TYPE_NAMES[Number(v)] ?? `unknown${v}`;
    else if (n === 6) field.typeName = text(v).replace(/^\./, '');
    else if (n === 10) field.jsonName = text(v);
    else if (n === 8) field.options = parseFieldOptions(v);
  });
  return field;
}

function parseMessage(buf, scope, out) {
  const msg = { name: '', fields: [], mapEntry: false, fullName: '' };
  const nested = [];
  forEachField(buf, (n, _w, v) => {
    if (n === 1) msg.name = text(v);
    else if (n === 2) msg.fields.push(parseField(v));
    else if (n === 3) nested.push(v);
    else if (n === 7) {
      forEachField(v, (on, _ow, ov) => {
        if (on === 7) msg.mapEntry = ov !== 0n;
      });
    }
  });
  msg.fullName = `${scope}.${msg.name}`;
  out.push(msg);
  for (const child of nested) parseMessage(child, msg.fullName, out);
}

function parseEnumNames(buf, scope, out) {
  let name = '';
  forEachField(buf, (n, _w, v) => {
    if (n === 1) name = text(v);
  });
  out.push(`${scope}.${name}`);
}

/**
 * @param {Buffer} buf a serialized FileDescriptorProto
 */
export function parseFileDescriptor(buf) {
  const file = { name: '', package: '', messages: [], enums: [] };
  const rawMessages = [];
  const rawEnums = [];
  forEachField(buf, (n, _w, v) => {
    if (n === 1) file.name = text(v);
    else if (n === 2) file.package = text(v);
    else if (n === 4) rawMessages.push(v);
    else if (n === 5) rawEnums.push(v);
  });
  for (const m of rawMessages) parseMessage(m, file.package, file.messages);
  for (const e of rawEnums) parseEnumNames(e, file.package, file.enums);
  return file;
}

// The magic pins FLG to 0, so the deflate stream starts right after the fixed
// 10-byte header. Inflating that raw stream (rather than gunzipping) stops at
// the end of this member; gunzip would run on into an adjacent descriptor and
// the two would parse as one merged message.
const GZIP_HEADER_LENGTH = 10;

function tryGunzip(buf, at) {
  try {
    const start = at + GZIP_HEADER_LENGTH;
    return zlib.inflateRawSync(buf.subarray(start, Math.min(buf.length, start + MAX_COMPRESSED)), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
  } catch {
    return null;
  }
}

/**
 * Finds every gzipped `*generated.proto` descriptor in a Go binary.
 * @param {string} binaryPath
 * @returns {ReturnType<typeof parseFileDescriptor>[]}
 */
export function extractGeneratedDescriptors(binaryPath) {
  const bin = fs.readFileSync(binaryPath);
  const files = new Map();
  for (let at = bin.indexOf(GZIP_MAGIC); at !== -1; at = bin.indexOf(GZIP_MAGIC, at + 1)) {
    const raw = tryGunzip(bin, at);
    if (!raw) continue;
    let file;
    try {
      file = parseFileDescriptor(raw);
    } catch {
      continue;
    }
    if (file.name.endsWith('generated.proto') && file.package.startsWith('k8s.io.')) files.set(file.name, file);
  }
  return [...files.values()];
}
