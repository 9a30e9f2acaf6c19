import type { KindBehavior } from '../../behavior.js';
import { invalid, isObject, listOf, notSupported, required, tooMany, type Errors } from '../common/field.js';
import { validIP } from '../common/ip.js';
import { dnsLabel, portNumProblems } from '../common/names.js';

// Endpoints and EndpointSlices, written mostly by controllers but sometimes by hand.

type Obj = Record<string, any>;

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePorts(ports: Obj[], f: string, requireName: boolean, requirePort: boolean): Errors {
  const errs: Errors = [];
  for (const [i, p] of ports.entries()) {
    const pf = `${f}[${i}]`;
    if (requireName && !p.name) errs.push(required(`${pf}.name`));
    else if (p.name) errs.push(...dnsLabel(`${pf}.name`, String(p.name)));
    if (requirePort || (p.port !== undefined && p.port !== null)) for (const m of portNumProblems(p.port ?? 0)) errs.push(invalid(`${pf}.port`, p.port ?? 0, m));
    if (!p.protocol) errs.push(required(`${pf}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
  }
  return errs;
}

export const endpointsBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      for (const ss of listOf(obj.subsets)) for (const p of listOf(ss?.ports)) if (isObject(p)) p.protocol ||= 'TCP';
    },
    validate(obj) {
      const errs: Errors = [];
      for (const [i, ss] of listOf(obj.subsets).entries()) {
        const f = `subsets[${i}]`;
        const addresses = [...listOf(ss.addresses), ...listOf(ss.notReadyAddresses)];
        if (!addresses.length) errs.push(required(f, 'must specify `addresses` or `notReadyAddresses`'));
        for (const key of ['addresses', 'notReadyAddresses'] as const)
          for (const [j, a] of listOf(ss[key]).entries()) errs.push(...validIP(`${f}.${key}[${j}].ip`, String(a.ip ?? '')));
        const ports = listOf(ss.ports);
        errs.push(...validatePorts(ports, `${f}.ports`, ports.length > 1, true));
      }
      return errs;
    },
  },
};

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

export const endpointSliceBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      for (const p of listOf(obj.ports)) {
        if (!isObject(p)) continue;
        p.name ??= '';
        p.protocol ??= 'TCP';
      }
    },
    validate(obj) {
      const errs: Errors = [];
      if (!obj.addressType) errs.push(required('addressType'));
      else if (!ADDRESS_TYPES.includes(obj.addressType)) errs.push(notSupported('addressType', obj.addressType, ADDRESS_TYPES));
      const endpoints = listOf(obj.endpoints);
      if (endpoints.length > 1000) errs.push(tooMany('endpoints', endpoints.length, 1000));
      for (const [i, ep] of endpoints.entries()) {
        const addresses = listOf<string>(ep.addresses);
        if (!addresses.length) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
        else if (addresses.length > 100) errs.push(tooMany(`endpoints[${i}].addresses`, addresses.length, 100));
        if (obj.addressType === 'IPv4' || obj.addressType === 'IPv6')
          for (const [j, a] of addresses.entries()) errs.push(...validIP(`endpoints[${i}].addresses[${j}]`, String(a)));
      }
      const ports = listOf(obj.ports);
      if (ports.length > 100) errs.push(tooMany('ports', ports.length, 100));
      errs.push(...validatePorts(ports, 'ports', false, false));
      return errs;
    },
  },
};
