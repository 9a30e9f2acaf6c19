export { SpdyConnection } from './connection.js';
export { SpdyStream } from './stream.js';
export { FrameReader } from './frame-reader.js';
export { HeaderDeflater, HeaderInflater } from './header-compression.js';
export { decodeHeaderBlock, encodeHeaderBlock, headerValue, type SpdyHeaders } from './header-block.js';
export { SPDY3_DICTIONARY } from './dictionary.js';
export * from './frames.js';
