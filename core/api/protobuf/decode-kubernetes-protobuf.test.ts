import { describe, expect, test } from 'vitest';
import { decodeKubernetesProtobuf, ProtobufDecodeError } from './index.js';
import { bytes, encodeFields, int, kubernetesEnvelope, msg, str, type ProtoField } from './testing/proto-writer.js';

const podWithEmptyDir: ProtoField[] = [
  [1, msg([1, str('p1')], [3, str('default')], [8, msg()], [11, msg([1, str('app')], [2, str('web')])])],
  [2, msg(
    // Volume{name, volumeSource{emptyDir{}}}: the embedded VolumeSource is flattened.
    [1, msg([1, str('scratch')], [2, msg([2, msg()])])],
    [2, msg(
      [1, str('c')], [2, str('nginx')], [8, msg()],
      [10, msg([1, msg([2, msg([1, str('/healthz')], [2, msg([1, int(1)], [3, str('http')])])])], [2, int(0)])],
    )],
    [3, str('Always')],
    [11, int(0)],
  )],
  [3, msg()],
];

describe('decodeKubernetesProtobuf', () => {
  test('flattens embedded structs and keeps present-but-empty pointers', () => {
    const { object } = decodeKubernetesProtobuf(kubernetesEnvelope('v1', 'Pod', podWithEmptyDir));
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1', namespace: 'default', labels: { app: 'web' } },
      spec: {
        volumes: [{ name: 'scratch', emptyDir: {} }],
        containers: [{
          name: 'c',
          image: 'nginx',
          resources: {},
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
        }],
        restartPolicy: 'Always',
      },
      status: {},
    });
  });

  test('keeps zero values of pointer scalars and of fields without omitempty', () => {
    const body = kubernetesEnvelope('apps/v1', 'Deployment', [
      [1, msg([1, str('d')])],
      [2, msg([1, int(0)], [3, msg([2, msg([2, msg([1, str('')], [6, msg([3, int(0)])])])])], [5, int(0)])],
    ]);
    const spec = decodeKubernetesProtobuf(body).object.spec as Record<string, unknown>;
    expect(spec.replicas).toBe(0);
    expect(spec.minReadySeconds).toBeUndefined();
    // Container.name and ContainerPort.containerPort have no omitempty in Go.
    expect(spec.template).toEqual({ metadata: {}, spec: { containers: [{ name: '', ports: [{ containerPort: 0 }], resources: {} }] } });
  });

  test('renders times, micro times, zero times and managed fields', () => {
    const body = kubernetesEnvelope('v1', 'Event', [
      [1, msg(
        [1, str('e1')],
        [8, msg([1, int(1_700_000_000)])],
        [17, msg([1, str('kubectl')], [4, msg([1, int(1_700_000_001)], [2, int(5)])], [6, str('FieldsV1')],
          [7, msg([1, bytes('{"f:metadata":{"f:labels":{}}}')])])],
      )],
      [2, msg([1, str('Pod')])],
      [6, msg()],
      [10, msg([1, int(1_700_000_002)], [2, int(123_456_789)])],
    ]);
    const { object } = decodeKubernetesProtobuf(body);
    expect(object.metadata).toEqual({
      name: 'e1',
      creationTimestamp: '2023-11-14T22:13:20Z',
      managedFields: [{
        manager: 'kubectl',
        time: '2023-11-14T22:13:21Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': {} } },
      }],
    });
    expect(object.firstTimestamp).toBeUndefined();
    expect(object.eventTime).toBe('2023-11-14T22:13:22.123456Z');
    expect(object.involvedObject).toEqual({ kind: 'Pod' });
  });

  test('embeds RawExtension JSON and nested protobuf objects', () => {
    const json = kubernetesEnvelope('apps/v1', 'ControllerRevision', [
      [1, msg([1, str('rev')])],
      [2, msg([1, bytes('{"spec":{"template":{"metadata":{}}}}')])],
      [3, int(0)],
    ]);
    expect(decodeKubernetesProtobuf(json).object).toEqual({
      apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'rev' },
      data: { spec: { template: { metadata: {} } } }, revision: 0,
    });
    const nested = kubernetesEnvelope('apps/v1', 'ControllerRevision', [
      [2, msg([1, { bytes: kubernetesEnvelope('v1', 'ConfigMap', [[1, msg([1, str('inner')])]]) }])],
      [3, int(7)],
    ]);
    expect(decodeKubernetesProtobuf(nested).object.data).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' } });
  });

  test('reads packed and unpacked repeated scalars and big int64s', () => {
    const securityContext = msg([4, { packed: [1000, 2000] }], [4, int(3000)], [2, int(2n ** 60n)]);
    const body = kubernetesEnvelope('v1', 'Pod', [[2, msg([14, securityContext])]]);
    const spec = decodeKubernetesProtobuf(body).object.spec as { securityContext: Record<string, unknown> };
    expect(spec.securityContext.supplementalGroups).toEqual([1000, 2000, 3000]);
    expect(spec.securityContext.runAsUser).toBe(2 ** 60);
    const exact = decodeKubernetesProtobuf(body, { unsafeInt64: 'bigint' }).object.spec as typeof spec;
    expect(exact.securityContext.runAsUser).toBe(2n ** 60n);
  });

  test('negative int32 values arrive sign-extended to ten bytes', () => {
    const body = kubernetesEnvelope('v1', 'Pod', [[2, msg([25, int(-5)])]]);
    expect((decodeKubernetesProtobuf(body).object.spec as { priority: number }).priority).toBe(-5);
  });

  test('secret data is base64 and map keys come out sorted like encoding/json', () => {
    const body = kubernetesEnvelope('v1', 'Secret', [
      [1, msg([1, str('s')])],
      [2, msg([1, str('z')], [2, bytes(new Uint8Array([0xff, 0x00]))])],
      [2, msg([1, str('a')], [2, bytes('hi')])],
      [3, str('Opaque')],
    ]);
    const { object } = decodeKubernetesProtobuf(body);
    expect(Object.keys(object.data as object)).toEqual(['a', 'z']);
    expect(object.data).toEqual({ a: 'aGk=', z: '/wA=' });
    expect(object.type).toBe('Opaque');
  });

  test('DeleteOptions decode with the meta/v1 schema under any group version', () => {
    const options: ProtoField[] = [[1, int(0)], [4, str('Background')], [5, str('All')]];
    for (const apiVersion of ['v1', 'apps/v1', 'rbac.authorization.k8s.io/v1']) {
      expect(decodeKubernetesProtobuf(kubernetesEnvelope(apiVersion, 'DeleteOptions', options)).object).toEqual({
        apiVersion, kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Background', dryRun: ['All'],
      });
    }
  });

  test('skips unknown field numbers, including groups', () => {
    // Field 15 as a group: start tag, a varint inside it, end tag.
    const unknown = [...encodeFields([[99, int(1)], [98, str('x')]]), (15 << 3) | 3, 8, 1, (15 << 3) | 4];
    const raw = new Uint8Array([...encodeFields([[1, msg([1, str('cm')])]]), ...unknown]);
    const body = kubernetesEnvelope('v1', 'ConfigMap', []);
    // Rebuild the envelope by hand so the raw object carries the unknown fields.
    const envelope = new Uint8Array([
      ...body.subarray(0, 4),
      ...encodeFields([[1, msg([1, str('v1')], [2, str('ConfigMap')])], [2, { bytes: raw }]]),
    ]);
    expect(decodeKubernetesProtobuf(envelope).object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
  });

  test('a singular message sent twice merges', () => {
    const body = kubernetesEnvelope('v1', 'ConfigMap', [[1, msg([1, str('a')])], [1, msg([3, str('ns')])]]);
    expect(decodeKubernetesProtobuf(body).object.metadata).toEqual({ name: 'a', namespace: 'ns' });
  });
});

describe('decode errors', () => {
  const deployment = kubernetesEnvelope('apps/v1', 'Deployment', [
    [1, msg([1, str('web')])],
    [2, msg([1, int(3)])],
  ]);

  function decodeError(body: Uint8Array): ProtobufDecodeError {
    try {
      decodeKubernetesProtobuf(body);
    } catch (err) {
      expect(err).toBeInstanceOf(ProtobufDecodeError);
      return err as ProtobufDecodeError;
    }
    throw new Error('expected a decode error');
  }

  test('say which object and where', () => {
    const truncated = new Uint8Array([...deployment, 0x08, 0x80]);
    const err = decodeError(truncated);
    expect(err.message).toBe(`unable to decode protobuf body for apps/v1 Deployment: truncated varint at byte ${deployment.length + 1}`);
    expect(err.reason).toBe('Malformed');
    expect(err).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
  });

  test('name the field being decoded', () => {
    const body = kubernetesEnvelope('apps/v1', 'Deployment', [[2, msg([1, str('three')])]]);
    const err = decodeError(body);
    expect(err.message).toMatch(/^unable to decode protobuf body for apps\/v1 Deployment: wire type 2 where 0 was expected at byte \d+ \(in spec\.replicas\)$/);
    expect(err.field).toBe('spec.replicas');
  });

  test('reject bodies without the magic and unknown kinds', () => {
    expect(decodeError(new TextEncoder().encode('{"kind":"Pod"}')).message).toMatch(/does not start with the k8s\\0 magic/);
    const unknown = decodeError(kubernetesEnvelope('example.com/v1', 'Widget', []));
    expect(unknown.reason).toBe('UnknownKind');
    expect(unknown.message).toBe('unable to decode protobuf body for example.com/v1 Widget: no protobuf schema is known for kind Widget in example.com/v1');
    expect(decodeError(kubernetesEnvelope('v1', 'NoSuchKind', [])).reason).toBe('UnknownKind');
  });

  test('never throw anything but ProtobufDecodeError, whatever the bytes', () => {
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const samples = [deployment, kubernetesEnvelope('v1', 'Pod', podWithEmptyDir)];
    const inputs: Uint8Array[] = [];
    for (const sample of samples) {
      for (let cut = 0; cut <= sample.length; cut++) inputs.push(sample.subarray(0, cut));
      for (let i = 0; i < 500; i++) {
        const mutated = Uint8Array.from(sample);
        const flips = 1 + Math.floor(random() * 4);
        for (let f = 0; f < flips; f++) mutated[4 + Math.floor(random() * (mutated.length - 4))] = Math.floor(random() * 256);
        inputs.push(mutated);
      }
    }
    for (let i = 0; i < 500; i++) {
      const noise = new Uint8Array(Math.floor(random() * 200));
      for (let j = 0; j < noise.length; j++) noise[j] = Math.floor(random() * 256);
      inputs.push(new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...noise]));
    }
    for (const input of inputs) {
      try {
        decodeKubernetesProtobuf(input);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtobufDecodeError);
      }
    }
  });

  test('objects embedded in objects are refused past a fixed depth', () => {
    // RawExtension may carry a nested protobuf object; a chain of them is the
    // only way to nest without bound, since the built-in types never recurse.
    let body = kubernetesEnvelope('v1', 'ConfigMap', [[1, msg([1, str('leaf')])]]);
    for (let i = 0; i < 20; i++) {
      body = kubernetesEnvelope('apps/v1', 'ControllerRevision', [[2, msg([1, { bytes: body }])], [3, int(i)]]);
    }
    expect(decodeError(body).message).toMatch(/embedded objects nested too deeply/);
  });
});
