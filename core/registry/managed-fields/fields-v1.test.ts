import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-set.js';
import { FieldsV1Error, fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { fieldElement, keyElement, pathString, valueElement } from './path-element.js';

describe('FieldsV1', () => {
  it('orders fields, then keys, then values, and marks members that have children with "."', () => {
    const set = FieldSet.of(
      ['f:spec', 'f:ports', keyElement([['protocol', 'TCP'], ['port', 80]])],
      ['f:spec', 'f:ports', keyElement([['port', 80], ['protocol', 'TCP']]), 'f:port'],
      ['f:spec', 'f:ports', keyElement([['port', 443], ['protocol', 'TCP']])],
      ['f:metadata', 'f:finalizers', valueElement('b')],
      ['f:metadata', 'f:finalizers', valueElement('a')],
      ['f:metadata', 'f:labels'],
      ['f:metadata', 'f:labels', 'f:z'],
      ['f:metadata', 'f:labels', 'f:a'],
    );
    const json = toFieldsV1(set);
    expect(JSON.stringify(json)).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"a\\"":{},"v:\\"b\\"":{}},"f:labels":{".":{},"f:a":{},"f:z":{}}},' +
        '"f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}},"k:{\\"port\\":443,\\"protocol\\":\\"TCP\\"}":{}}}}',
    );
    expect(fromFieldsV1(json).equals(set)).toBe(true);
  });

  it('reads keys in any field order into the canonical element', () => {
    const set = fromFieldsV1({ 'f:spec': { 'f:ports': { 'k:{"protocol":"TCP","port":80}': {} } } });
    expect(set.has(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).toBe(true);
    expect(set.has(['f:spec', 'f:ports'])).toBe(false);
  });

  it('skips element types it does not know and rejects malformed ones', () => {
    expect(fromFieldsV1({ 'f:a': { 'x:future': {} } }).has(['f:a'])).toBe(true);
    expect(() => fromFieldsV1({ 'k:{oops': {} })).toThrow(FieldsV1Error);
    expect(() => fromFieldsV1({ bad: {} })).toThrow(FieldsV1Error);
  });

  it('prints paths the way conflicts name them', () => {
    expect(pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', keyElement([['name', 'web']]), 'f:image'])).toBe(
      '.spec.template.spec.containers[name="web"].image',
    );
    expect(pathString([fieldElement('spec'), 'f:ports', keyElement([['port', 80], ['protocol', 'TCP']])])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString(['f:metadata', 'f:finalizers', valueElement('x')])).toBe('.metadata.finalizers[="x"]');
  });
});
