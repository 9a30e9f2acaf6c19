/**
 * Why a body could not be decoded: the bytes are broken (`Malformed`), the
 * envelope names a kind we have no schema for (`UnknownKind`), or it uses an
 * envelope feature we do not implement (`Unsupported`, e.g. a content encoding).
 */
export type ProtobufDecodeReason = 'Malformed' | 'UnknownKind' | 'Unsupported';

/** The one error decodeKubernetesProtobuf throws; the message is meant for the client. */
export class ProtobufDecodeError extends Error {
  readonly reason: ProtobufDecodeReason;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  /** JSON path of the field being decoded when it failed, e.g. `spec.template.spec.containers[0].ports`. */
  readonly field: string | undefined;

  constructor(
    message: string,
    options: { reason: ProtobufDecodeReason; apiVersion?: string; kind?: string; field?: string },
  ) {
    super(message);
    this.name = 'ProtobufDecodeError';
    this.reason = options.reason;
    this.apiVersion = options.apiVersion;
    this.kind = options.kind;
    this.field = options.field;
  }
}

/**
 * Internal failure raised deep in the decoder. Each enclosing message adds its
 * field name on the way out, so the final error can say where it happened.
 */
export class WireError extends Error {
  readonly path: string[] = [];
  readonly reason: ProtobufDecodeReason;

  constructor(message: string, reason: ProtobufDecodeReason = 'Malformed') {
    super(message);
    this.name = 'WireError';
    this.reason = reason;
  }

  /** Records the enclosing field (or `[i]` index); returns this for rethrowing. */
  within(segment: string): this {
    this.path.unshift(segment);
    return this;
  }

  pathString(): string {
    return this.path.reduce((acc, seg) => (seg.startsWith('[') || acc === '' ? acc + seg : `${acc}.${seg}`), '');
  }
}
