// Reads the model classes that @kubernetes/client-node generates from the
// Kubernetes OpenAPI spec. They are our source for JSON property names,
// descriptions and required lists; the .js holds the typed attribute list and
// the .d.ts keeps the doc comments and the optional markers.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ name: string, jsonName: string, type: string, format: string, description?: string, required: boolean }} ModelAttribute
 * @typedef {{ className: string, description?: string, attributes: ModelAttribute[], byJsonName: Map<string, ModelAttribute> }} Model
 */

const TYPE_MAP_RE = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/;

// openapi-generator escapes quotes in comments; undo it so texts read as upstream.
function unescapeDoc(text) {
  return text.replace(/\\(['"`\\])/g, '$1');
}

function parseDocComment(lines) {
  return unescapeDoc(
    lines
      .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/\s*$/, ''))
      .filter((l) => l !== '')
      .join('\n')
      .trim(),
  );
}

// Walks the declaration file: a doc comment applies to the class or property
// declared on the line right after it.
function parseDeclarations(dts) {
  const lines = dts.split('\n');
  const props = new Map();
  let classDescription;
  let pending = null;
  let collecting = null;
  for (const line of lines) {
    const trimmed = line.trim();
    if (collecting) {
      collecting.push(trimmed);
      if (trimmed.endsWith('*/')) {
        pending = parseDocComment(collecting);
        collecting = null;
      }
      continue;
    }
    if (trimmed.startsWith('/**')) {
      collecting = [trimmed];
      if (trimmed.endsWith('*/') && trimmed.length > 3) {
        pending = parseDocComment(collecting);
        collecting = null;
      }
      continue;
    }
    if (trimmed.startsWith('export declare class')) {
      classDescription = pending ?? undefined;
      pending = null;
      continue;
    }
    const prop = /^'([^']+)'(\?)?:/.exec(trimmed);
    if (prop) {
      props.set(prop[1], { description: pending ?? undefined, required: prop[2] !== '?' });
    }
    pending = null;
  }
  return { classDescription, props };
}

/**
 * @param {string} dir the extracted dist/gen/models folder
 * @returns {Map<string, Model>}
 */
export function loadClientNodeModels(dir) {
  const models = new Map();
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.js')) continue;
    const className = file.slice(0, -3);
    const js = fs.readFileSync(path.join(dir, file), 'utf8');
    const match = TYPE_MAP_RE.exec(js);
    if (!match) continue;
    const rawAttributes = JSON.parse(match[1]);
    const dtsPath = path.join(dir, `${className}.d.ts`);
    const decl = fs.existsSync(dtsPath)
      ? parseDeclarations(fs.readFileSync(dtsPath, 'utf8'))
      : { classDescription: undefined, props: new Map() };
    const attributes = rawAttributes.map((a) => {
      const info = decl.props.get(a.name) ?? {};
      return {
        name: a.name,
        jsonName: a.baseName,
        type: a.type.replace(/\s+/g, ''),
        format: a.format,
        description: info.description,
        required: info.required ?? false,
      };
    });
    models.set(className, {
      className,
      description: decl.classDescription,
      attributes,
      byJsonName: new Map(attributes.map((a) => [a.jsonName, a])),
    });
  }
  return models;
}
