import { fieldSchema, hasOwn, isNamedField, itemSchema, type JsonObject, type ListSemantics, type SchemaNode } from '../patch/index.js';
import type { FieldSet } from './field-set.js';
import { indexItems } from './list-items.js';
import { isEmptyList, isEmptyMap, shapeOf } from './typed-shape.js';

// What an applier stops applying is removed from the object, unless someone
// still owns it. This is upstream's prune, add-back-owned and
// add-back-dangling steps folded into one walk over the applier's previous set:
// a field it applied last time goes when no manager owns it now (a declared
// field counts as owned when anything below it is), and so does anything it
// applied last time below such a field. Containers left empty go with them.

/** `owned` holds every manager's current set, the applier's new one included. */
export function pruneUnapplied(merged: JsonObject, lastApplied: FieldSet, owned: readonly FieldSet[], node: SchemaNode): void {
  pruneMap(merged, node, lastApplied, owned, false, false);
}

/** Membership with declared fields promoted: owning `.spec.replicas` also owns `.spec`. */
function holds(set: FieldSet | undefined, named: boolean): boolean {
  return !!set && (set.member || (named && !set.isEmpty()));
}

const holdsAny = (sets: readonly FieldSet[], named: boolean) => sets.some((s) => holds(s, named));

function childrenOf(sets: readonly FieldSet[], pe: string): FieldSet[] {
  const out: FieldSet[] = [];
  for (const s of sets) {
    const c = s.child(pe);
    if (c) out.push(c);
  }
  return out;
}

interface Step {
  value: unknown;
  node: SchemaNode;
  named: boolean;
}

/** Decides one child; returns true when it must be removed (itself, or because removals below emptied it). */
function visit(step: Step, last: FieldSet, owned: readonly FieldSet[], underLast: boolean, doomed: boolean): boolean {
  const inLast = holds(last, step.named);
  const shape = shapeOf(step.node, step.value);
  const counted = !(shape.type === 'list' && isEmptyList(step.value));
  const unowned = (inLast || underLast) && !holdsAny(owned, step.named) && counted;
  if (inLast && counted && (unowned || doomed)) return true;
  if (last.isEmpty()) return false;
  const below = { underLast: inLast || underLast, doomed: doomed || unowned };
  if (shape.type === 'map') return pruneMap(step.value as JsonObject, step.node, last, owned, below.underLast, below.doomed);
  if (shape.type === 'list') return pruneList(step.value as unknown[], step.node, shape.sem, last, owned, below.underLast, below.doomed);
  return false;
}

/** Returns true when the removals emptied the map (upstream leaves null there, which the typed object drops). */
function pruneMap(obj: JsonObject, node: SchemaNode, last: FieldSet, owned: readonly FieldSet[], underLast: boolean, doomed: boolean): boolean {
  if (!last.children) return false;
  let removed = false;
  for (const [pe, lastChild] of last.children) {
    if (!pe.startsWith('f:')) continue;
    const key = pe.slice(2);
    if (!hasOwn(obj, key)) continue;
    const step = { value: obj[key], node: fieldSchema(node, key), named: isNamedField(node, key) };
    if (visit(step, lastChild, childrenOf(owned, pe), underLast, doomed)) {
      delete obj[key];
      removed = true;
    }
  }
  return removed && isEmptyMap(obj);
}

function pruneList(
  list: unknown[],
  node: SchemaNode,
  sem: ListSemantics,
  last: FieldSet,
  owned: readonly FieldSet[],
  underLast: boolean,
  doomed: boolean,
): boolean {
  if (!last.children) return false;
  const { elements } = indexItems(sem, node, list, []);
  const itemNode = itemSchema(node);
  const drop = new Set<number>();
  elements.forEach((pe, i) => {
    const lastChild = last.child(pe);
    if (!lastChild) return;
    if (visit({ value: list[i], node: itemNode, named: false }, lastChild, childrenOf(owned, pe), underLast, doomed)) drop.add(i);
  });
  if (!drop.size) return false;
  const kept = list.filter((_, i) => !drop.has(i));
  list.length = 0;
  list.push(...kept);
  return list.length === 0;
}
