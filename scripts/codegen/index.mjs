#!/usr/bin/env node
// Generates core/api/generated/ from the real kubectl 1.34 binary (wire
// schema) and the client-node 1.34 models (JSON names and texts):
//   proto-descriptors.json  the table the protobuf request decoder reads
//   definitions.json        OpenAPI v3 component schemas of every served kind,
//                           with the patch metadata merged in
//
//   node scripts/codegen/index.mjs [--verbose]
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, toolPath } from '../lib/tools.mjs';
import { extractGeneratedDescriptors } from './descriptor-extract.mjs';
import { loadClientNodeModels } from './client-node-models.mjs';
import { buildDefinitions } from './definitions.mjs';
import { buildProtoTable } from './proto-table.mjs';
import { mergePatchMetadata } from './patch-metadata.mjs';

const OUT_DIR = path.join(REPO_ROOT, 'core', 'api', 'generated');
const PATCH_METADATA_TS = path.join(REPO_ROOT, 'core', 'api', 'schema', 'patch-metadata.ts');

// Embedded Go structs the decoder must flatten; if detection ever misses one,
// protobuf bodies would decode with a stray nested object, so fail loudly.
const EXPECTED_INLINE = [
  'k8s.io.api.core.v1.Volume#volumeSource',
  'k8s.io.api.core.v1.PersistentVolumeSpec#persistentVolumeSource',
  'k8s.io.api.core.v1.Probe#handler',
  'k8s.io.api.core.v1.EphemeralContainer#ephemeralContainerCommon',
  'k8s.io.api.networking.v1.IngressRule#ingressRuleValue',
  'k8s.io.api.core.v1.ConfigMapKeySelector#localObjectReference',
  'k8s.io.api.core.v1.SecretKeySelector#localObjectReference',
  'k8s.io.api.core.v1.ConfigMapEnvSource#localObjectReference',
  'k8s.io.api.core.v1.SecretEnvSource#localObjectReference',
  'k8s.io.api.core.v1.ConfigMapVolumeSource#localObjectReference',
  'k8s.io.api.core.v1.ConfigMapProjection#localObjectReference',
  'k8s.io.api.core.v1.SecretProjection#localObjectReference',
];

function requireInputs() {
  const kubectl = toolPath('kubectl-1.34');
  const models = toolPath('client-node');
  const missing = [kubectl, models].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.map((p) => path.relative(REPO_ROOT, p)).join(' and ')}; ` +
        'run `node scripts/fetch-tools.mjs --only=kubectl-1.34,client-node` first',
    );
  }
  return { kubectl, models };
}

function writeJson(name, value) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const target = path.join(OUT_DIR, name);
  // A per-process temp name keeps concurrent runs (prepare beside a test
  // setup) from reading a half-written file.
  const tmp = `${target}.${process.pid}.partial`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, target);
  return fs.statSync(target).size;
}

async function main() {
  const verbose = process.argv.includes('--verbose');
  const started = Date.now();
  const inputs = requireInputs();

  const files = extractGeneratedDescriptors(inputs.kubectl);
  if (files.length < 60) throw new Error(`found only ${files.length} proto descriptors in ${inputs.kubectl}`);
  const protoMessages = new Map(files.flatMap((f) => f.messages.map((m) => [m.fullName, m])));
  const models = loadClientNodeModels(inputs.models);

  const { walker, rootMessages } = buildDefinitions({ protoMessages, models });
  const missingInline = EXPECTED_INLINE.filter((key) => !walker.inlineFields.has(key));
  if (missingInline.length > 0) throw new Error(`embedded structs not detected: ${missingInline.join(', ')}`);

  const table = buildProtoTable(protoMessages, rootMessages, walker);
  const warnings = [...walker.warnings, ...(await mergePatchMetadata(walker.definitions, PATCH_METADATA_TS))];

  const definitions = Object.fromEntries([...walker.definitions.keys()].sort().map((k) => [k, walker.definitions.get(k)]));
  const descriptorBytes = writeJson('proto-descriptors.json', table);
  const definitionBytes = writeJson('definitions.json', definitions);

  for (const w of verbose ? warnings : []) console.warn(`warning: ${w}`);
  const kb = (n) => `${Math.round(n / 1024)} KiB`;
  console.log(
    `codegen: ${Object.keys(table.messages).length} proto messages (${kb(descriptorBytes)}), ` +
      `${Object.keys(definitions).length} definitions (${kb(definitionBytes)}) in ${Date.now() - started} ms` +
      (warnings.length > 0 && !verbose ? `; ${warnings.length} warnings (--verbose lists them)` : ''),
  );
}

main().catch((err) => {
  console.error(`codegen: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
