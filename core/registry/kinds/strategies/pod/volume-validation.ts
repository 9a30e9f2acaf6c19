import { duplicate, forbidden, invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { dnsLabel } from '../common/names.js';
import { isNegative, tryParseQuantity } from '../common/quantity.js';
import { localNonReservedPath } from './paths.js';
import { volumeSourcesOf } from './pod-defaults.js';

// Upstream's ValidateVolumes for the sources people use; exotic ones only get the one-source rule.

type Obj = Record<string, any>;

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** Validates `volumes` and returns the names mounts may refer to. */
export function validateVolumes(volumes: Obj[], f: string): { errors: Errors; names: Set<string> } {
  const errors: Errors = [];
  const names = new Set<string>();
  for (const [i, v] of volumes.entries()) {
    const vf = `${f}[${i}]`;
    if (!isObject(v)) continue;
    const name = typeof v.name === 'string' ? v.name : '';
    if (!name) errors.push(required(`${vf}.name`));
    else errors.push(...dnsLabel(`${vf}.name`, name));
    if (name && names.has(name)) errors.push(duplicate(`${vf}.name`, name));
    if (name) names.add(name);
    errors.push(...validateSource(v, vf));
  }
  return { errors, names };
}

function validateSource(v: Obj, f: string): Errors {
  const sources = volumeSourcesOf(v);
  if (!sources.length) return [required(f, 'must specify a volume type')];
  // Upstream's own spellings of two of these paths.
  const spelled: Record<string, string> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };
  if (sources.length > 1) return sources.slice(1).map((k) => forbidden(`${f}.${spelled[k] ?? k}`, 'may not specify more than 1 volume type'));
  const [kind] = sources;
  const s = v[kind];
  const sf = `${f}.${kind}`;
  const errs: Errors = [];
  switch (kind) {
    case 'hostPath':
      if (!s.path) {
        errs.push(required(`${sf}.path`));
        break;
      }
      if (String(s.path).split('/').includes('..')) errs.push(invalid(`${sf}.path`, s.path, "must not contain '..'"));
      if (s.type !== undefined && !HOST_PATH_TYPES.includes(s.type)) errs.push(notSupported(`${sf}.type`, s.type, HOST_PATH_TYPES));
      break;
    case 'emptyDir': {
      const q = tryParseQuantity(s.sizeLimit);
      if (q && isNegative(q)) errs.push(forbidden(`${sf}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
      if (s.medium !== undefined && !['', 'Memory', 'HugePages'].includes(s.medium) && !String(s.medium).startsWith('HugePages-'))
        errs.push(notSupported(`${sf}.medium`, s.medium, ['', 'Memory', 'HugePages']));
      break;
    }
    case 'secret':
      if (!s.secretName) errs.push(required(`${sf}.secretName`));
      errs.push(...mode(`${sf}.defaultMode`, s.defaultMode), ...keyToPaths(listOf(s.items), `${sf}.items`));
      break;
    case 'configMap':
      if (!s.name) errs.push(required(`${sf}.name`));
      errs.push(...mode(`${sf}.defaultMode`, s.defaultMode), ...keyToPaths(listOf(s.items), `${sf}.items`));
      break;
    case 'persistentVolumeClaim':
      if (!s.claimName) errs.push(required(`${sf}.claimName`));
      break;
    case 'nfs':
      if (!s.server) errs.push(required(`${sf}.server`));
      if (!s.path) errs.push(required(`${sf}.path`));
      else if (!String(s.path).startsWith('/')) errs.push(invalid(`${sf}.path`, s.path, 'must be an absolute path'));
      break;
    case 'csi':
      if (!s.driver) errs.push(required(`${sf}.driver`));
      break;
    case 'downwardAPI':
      errs.push(...mode(`${sf}.defaultMode`, s.defaultMode));
      for (const [i, item] of listOf(s.items).entries()) {
        if (!item.path) errs.push(required(`${sf}.items[${i}].path`));
        else errs.push(...localNonReservedPath(`${sf}.items[${i}].path`, String(item.path)));
      }
      break;
    case 'projected':
      errs.push(...mode(`${sf}.defaultMode`, s.defaultMode));
      for (const [i, src] of listOf(s.sources).entries()) {
        const kinds = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'].filter((k) => isObject(src?.[k]));
        if (!kinds.length) errs.push(required(`${sf}.sources[${i}]`, 'must specify exactly 1 volume type'));
        else if (kinds.length > 1) errs.push(forbidden(`${sf}.sources[${i}]`, 'may not specify more than 1 volume type per source'));
        if (isObject(src?.serviceAccountToken) && !src.serviceAccountToken.path) errs.push(required(`${sf}.sources[${i}].serviceAccountToken.path`));
      }
      break;
    case 'ephemeral':
      if (!isObject(s.volumeClaimTemplate)) errs.push(required(`${sf}.volumeClaimTemplate`));
      break;
  }
  return errs;
}

function mode(f: string, value: unknown): Errors {
  if (value === undefined || value === null) return [];
  return typeof value === 'number' && value >= 0 && value <= 0o777 ? [] : [invalid(f, value, 'must be a number between 0 and 0777 (octal), both inclusive')];
}

function keyToPaths(items: Obj[], f: string): Errors {
  const errs: Errors = [];
  for (const [i, item] of items.entries()) {
    const itf = `${f}[${i}]`;
    if (!item.key) errs.push(required(`${itf}.key`));
    if (!item.path) errs.push(required(`${itf}.path`));
    else errs.push(...localNonReservedPath(`${itf}.path`, String(item.path)));
    errs.push(...mode(`${itf}.mode`, item.mode));
  }
  return errs;
}
