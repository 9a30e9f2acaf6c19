// A kind as the dashboard shows it: where it sits in the navigation, its columns, its status
// colour and what can be done to it. Generic list and detail views are driven by these.
import type { KubeObject } from '../bridge/index.js';
import type { StatusText, Tone } from './tone.js';

export interface Column {
  id: string;
  title: string;
  /** CSS grid track, e.g. `minmax(160px, 2fr)` or `70px`. */
  width: string;
  value(o: KubeObject, now: number): string | number;
  /** Defaults to value. */
  sortKey?(o: KubeObject): string | number;
  tone?(o: KubeObject): Tone | undefined;
  align?: 'end';
}

export type KindAction = 'scale' | 'restart' | 'logs' | 'shell' | 'delete';

export interface KindSpec {
  /** The URL segment: `pods`, `deployments`. */
  key: string;
  title: string;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  section: 'Workloads' | 'Network' | 'Configuration' | 'Cluster';
  columns: Column[];
  status?(o: KubeObject): StatusText;
  actions: KindAction[];
}
