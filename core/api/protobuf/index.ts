export {
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
  KUBERNETES_PROTOBUF_MAGIC,
  type DecodedKubernetesObject,
  type DecodeOptions,
} from './decode-kubernetes-protobuf.js';
export { ProtobufDecodeError, type ProtobufDecodeReason } from './errors.js';
