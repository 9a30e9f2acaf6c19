import type { IncomingMessage } from 'node:http';
import { parseAllDocuments, parseDocument } from 'yaml';
import { StatusError, badRequest, tooLarge, unsupportedMediaType } from '../api/errors.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads a request body, refusing more than upstream's 3 MiB with a 413. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** JSON with the parser's position in the message, the way a person can find the mistake. */
export function parseJson(text: string, what = 'request body'): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw badRequest(`error decoding ${what}: invalid JSON${where}: ${msg}`);
  }
}

/** YAML 1.1 as kubectl and helm read it; one document only. */
export function parseYaml(text: string, what = 'request body'): unknown {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(docs) ? docs : [docs];
  const real = list.filter((d) => d.contents !== null);
  if (real.length > 1) throw badRequest(`error decoding ${what}: expected a single YAML document, found ${real.length}`);
  const doc = real[0] ?? parseDocument('');
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw badRequest(`error decoding ${what}: invalid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

export type ProtobufDecoder = (body: Uint8Array) => { apiVersion: string; kind: string; object: Record<string, unknown> };

export interface DecodedBody {
  value: unknown;
  mediaType: string;
}

/** Decodes a write body in any format kubectl or helm send. */
export function decodeBody(buf: Buffer, contentType: string | undefined, protobuf: ProtobufDecoder | undefined, allowed: string[]): DecodedBody {
  const type = mediaType(contentType) || 'application/json';
  if (!allowed.includes(type)) throw unsupportedMediaType(type, allowed);
  if (buf.length === 0) throw badRequest('the request body is empty');
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (!protobuf) throw new StatusError(415, 'UnsupportedMediaType', 'protobuf decoding is unavailable: the generated protobuf descriptors are missing (run npm run prepare)');
    try {
      const { object, apiVersion, kind } = protobuf(buf);
      return { value: { ...object, apiVersion, kind }, mediaType: type };
    } catch (err) {
      if (err instanceof StatusError) throw err;
      throw badRequest(`error decoding request body: ${(err as Error).message}`);
    }
  }
  const text = buf.toString('utf8');
  if (type.endsWith('yaml')) return { value: parseYaml(text), mediaType: type };
  // apply-patch+yaml bodies are usually JSON; YAML is a superset, but JSON parsing is exact and fast.
  const trimmed = text.trimStart();
  if (type === 'application/apply-patch+yaml' && !(trimmed.startsWith('{') || trimmed.startsWith('['))) return { value: parseYaml(text), mediaType: type };
  return { value: parseJson(text), mediaType: type };
}
