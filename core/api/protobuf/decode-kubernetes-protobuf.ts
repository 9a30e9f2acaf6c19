// Entry point for `application/vnd.kubernetes.protobuf` request bodies: the
// "k8s\0" magic, then a runtime.Unknown envelope whose TypeMeta names the kind
// and whose raw bytes hold the object's own message.
import { ProtobufDecodeError, WireError } from './errors.js';
import { WireReader, WIRE_LENGTH_DELIMITED } from './wire-reader.js';
import { findMessage, protoPackageForGroup, type MessageDescriptor } from './descriptors.js';
import { messageJson, type DecodeContext } from './decode-message.js';

export const KUBERNETES_PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];
const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const META_PACKAGE = 'k8s.io.apimachinery.pkg.apis.meta.v1';
// Option and event kinds every group version accepts; they are meta/v1 types
// whatever apiVersion the envelope carries (helm sends DeleteOptions as "v1").
const META_KINDS = new Set([
  'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'GetOptions', 'ListOptions', 'WatchEvent', 'Status',
]);
const MAX_EMBEDDED_DEPTH = 8;

export interface DecodedKubernetesObject {
  apiVersion: string;
  kind: string;
  /** The object as JSON, with apiVersion and kind set from the envelope. */
  object: Record<string, unknown>;
}

export interface DecodeOptions {
  /**
   * An int64 beyond 2^53 cannot be a JSON-safe number. By default it becomes
   * the nearest double (what JSON.parse does with the same JSON body);
   * 'bigint' keeps it exact as a BigInt, which JSON.stringify will refuse.
   */
  unsafeInt64?: 'number' | 'bigint';
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: [number, number];
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder('utf-8');

function readString(r: WireReader): string {
  const [s, e] = r.lengthDelimited();
  return utf8.decode(r.buf.subarray(s, e));
}

function hasMagic(body: Uint8Array): boolean {
  return body.length >= 4 && KUBERNETES_PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

/** Whether a body starts with the Kubernetes protobuf magic. */
export function isKubernetesProtobuf(body: Uint8Array): boolean {
  return hasMagic(body);
}

// runtime.Unknown{typeMeta=1{apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}
function readEnvelope(body: Uint8Array, seen: Partial<Envelope>): Envelope {
  const r = new WireReader(body, 4, body.length);
  let raw: [number, number] = [body.length, body.length];
  while (!r.done) {
    const tag = r.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    if (wireType !== WIRE_LENGTH_DELIMITED || number < 1 || number > 4) {
      if (number === 0) throw new WireError(`invalid field number 0 in the envelope at byte ${r.pos}`);
      r.skip(wireType, number);
      continue;
    }
    if (number === 1) {
      const [s, e] = r.lengthDelimited();
      const meta = new WireReader(body, s, e);
      while (!meta.done) {
        const metaTag = meta.uint32();
        const metaWire = metaTag & 7;
        const field = metaTag >>> 3;
        if (metaWire === WIRE_LENGTH_DELIMITED && field === 1) seen.apiVersion = readString(meta);
        else if (metaWire === WIRE_LENGTH_DELIMITED && field === 2) seen.kind = readString(meta);
        else if (field === 0) throw new WireError(`invalid field number 0 in the envelope's type at byte ${meta.pos}`);
        else meta.skip(metaWire, field);
      }
    } else if (number === 2) {
      raw = r.lengthDelimited();
    } else if (number === 3) {
      seen.contentEncoding = readString(r);
    } else {
      seen.contentType = readString(r);
    }
  }
  return {
    apiVersion: seen.apiVersion ?? '',
    kind: seen.kind ?? '',
    raw,
    contentEncoding: seen.contentEncoding ?? '',
    contentType: seen.contentType ?? '',
  };
}

function resolveMessage(apiVersion: string, kind: string): MessageDescriptor {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const pkg = protoPackageForGroup(group);
  const own = pkg ? findMessage(`${pkg}.${version}.${kind}`) : undefined;
  if (own && !own.isMapEntry) return own;
  const meta = META_KINDS.has(kind) ? findMessage(`${META_PACKAGE}.${kind}`) : undefined;
  if (meta) return meta;
  throw new WireError(`no protobuf schema is known for kind ${kind} in ${apiVersion || 'an empty apiVersion'}`, 'UnknownKind');
}

function decodeWithDepth(body: Uint8Array, options: DecodeOptions, embedDepth: number): DecodedKubernetesObject {
  const seen: Partial<Envelope> = {};
  try {
    if (!(body instanceof Uint8Array)) throw new WireError('the body is not binary data');
    if (!hasMagic(body)) {
      throw new WireError('the body does not start with the k8s\\0 magic of application/vnd.kubernetes.protobuf');
    }
    const envelope = readEnvelope(body, seen);
    if (!envelope.kind || !envelope.apiVersion) throw new WireError('the envelope names no apiVersion and kind');
    if (envelope.contentEncoding) {
      throw new WireError(`content encoding "${envelope.contentEncoding}" is not supported`, 'Unsupported');
    }
    if (envelope.contentType && envelope.contentType !== PROTOBUF_CONTENT_TYPE) {
      throw new WireError(`embedded content type "${envelope.contentType}" is not supported`, 'Unsupported');
    }
    const message = resolveMessage(envelope.apiVersion, envelope.kind);
    const ctx: DecodeContext = {
      buf: body,
      unsafeInt64: options.unsafeInt64 ?? 'number',
      decodeEmbedded: (bytes) => {
        if (embedDepth >= MAX_EMBEDDED_DEPTH) throw new WireError('embedded objects nested too deeply');
        return decodeWithDepth(bytes, options, embedDepth + 1).object;
      },
    };
    const decoded = messageJson(message, [envelope.raw], ctx, 0) as Record<string, unknown>;
    const object = { apiVersion: envelope.apiVersion, kind: envelope.kind, ...decoded };
    return { apiVersion: envelope.apiVersion, kind: envelope.kind, object };
  } catch (err) {
    throw toDecodeError(err, seen);
  }
}

function toDecodeError(err: unknown, seen: Partial<Envelope>): ProtobufDecodeError {
  if (err instanceof ProtobufDecodeError) return err;
  const subject = seen.apiVersion && seen.kind ? ` for ${seen.apiVersion} ${seen.kind}` : '';
  const context = { apiVersion: seen.apiVersion, kind: seen.kind };
  if (err instanceof WireError) {
    const field = err.pathString() || undefined;
    const where = field ? ` (in ${field})` : '';
    return new ProtobufDecodeError(`unable to decode protobuf body${subject}: ${err.message}${where}`, {
      ...context, reason: err.reason, field,
    });
  }
  // Anything else is a decoder bug or a resource limit; the request must
  // still fail as a bad body rather than take the server down.
  const detail = err instanceof Error ? err.message : String(err);
  return new ProtobufDecodeError(`unable to decode protobuf body${subject}: ${detail}`, { ...context, reason: 'Malformed' });
}

/**
 * Decodes a Kubernetes protobuf request body into the JSON object Go would
 * print for it. Throws ProtobufDecodeError for anything it cannot decode.
 */
export function decodeKubernetesProtobuf(body: Uint8Array, options: DecodeOptions = {}): DecodedKubernetesObject {
  return decodeWithDepth(body, options, 0);
}
