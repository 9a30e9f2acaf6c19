import type { Duplex, Readable, Writable } from 'node:stream';
import type { KubeObject } from './types.js';

/**
 * What the API server's log, exec, attach and port-forward endpoints need from whatever runs
 * pods (the kubelet). The API server speaks the wire protocols; this speaks to containers.
 */
export interface PodStreams {
  logs(pod: KubeObject, container: string, opts: LogOptions, signal: AbortSignal): Promise<Readable>;
  exec(pod: KubeObject, container: string, opts: ExecOptions): Promise<StreamSession>;
  attach(pod: KubeObject, container: string, opts: AttachOptions): Promise<StreamSession>;
  /** A byte stream to `port` inside the pod's network namespace. */
  portForward(pod: KubeObject, port: number): Promise<Duplex>;
}

export interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
}

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface ExecOptions extends AttachOptions {
  command: string[];
}

export interface StreamSession {
  stdin?: Writable;
  stdout?: Readable;
  /** Absent with a TTY, where stderr is merged into stdout. */
  stderr?: Readable;
  resize(width: number, height: number): void;
  /** Resolves when the process ends; exitCode is undefined for attach sessions that detach. */
  done: Promise<{ exitCode?: number; error?: string }>;
  close(): void;
}
