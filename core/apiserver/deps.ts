import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { UserInfo } from '../registry/context.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { ObjectAPI } from '../registry/object-api.js';
import type { Registry } from '../registry/registry.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { AcceptChoice } from './accept.js';
import type { ProtobufDecoder } from './body.js';
import type { ResourceRequest } from './request-info.js';

export interface SubresourceCall {
  deps: ApiServerDeps;
  req: IncomingMessage;
  res: ServerResponse;
  info: ResourceRequest;
  descriptor: ResourceDescriptor;
  query: URLSearchParams;
  user: UserInfo;
  accept: AcceptChoice;
}

/** A subresource served by something other than the generic registry (logs, bindings, tokens). */
export type SubresourceHandler = (call: SubresourceCall) => Promise<void>;

export interface UpgradeCall {
  deps: ApiServerDeps;
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  info: ResourceRequest;
  descriptor: ResourceDescriptor;
  query: URLSearchParams;
  user: UserInfo;
}

/** Streams that upgrade the connection (exec, attach, port-forward). */
export type UpgradeHandler = (call: UpgradeCall) => void | Promise<void>;

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface ApiServerDeps {
  objects: ObjectAPI;
  registry: Registry;
  clock: Clock;
  logger: Logger;
  protobuf?: ProtobufDecoder;
  /** Keyed `pods/log`, or `*\/status` for every resource. */
  subresources: Map<string, SubresourceHandler>;
  upgrades: Map<string, UpgradeHandler>;
  version: VersionInfo;
  /** Serves `/openapi/v3` and its group-version documents. */
  openapi?: OpenApiProvider;
  /** Interval of periodic watch bookmarks. */
  bookmarkIntervalMs: number;
  /** Whether `/readyz` answers ok. */
  ready: () => boolean;
}

export interface OpenApiProvider {
  /** `{ paths: { "apis/apps/v1": { serverRelativeURL } } }` */
  root(): string;
  /** The document for `api/v1` or `apis/apps/v1`, and the hash its URL carries. */
  document(groupVersionPath: string): { body: string; hash: string } | undefined;
}
