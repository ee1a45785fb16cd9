/**
 * Two inputs or two rendered objects with the same identity: `kubectl apply` would keep only the last, so render
 * refuses them.
 */
import { quote } from "../resolve/errors";
import { InputError } from "./input-object";

interface Located {
  name: string;
  namespace: string;
  /** Where it comes from, for the message. */
  from: string;
}

/** Throws when two items share kind, namespace and name. */
export function rejectDuplicates(kind: string, items: Located[], verb = "is given twice"): void {
  const seen = new Map<string, Located>();
  for (const item of items) {
    const id = `${item.namespace}/${item.name}`;
    const first = seen.get(id);
    if (first) throw new InputError(`${kind} ${quote(id)} ${verb}: ${first.from} and ${item.from}`);
    seen.set(id, item);
  }
}

/** Throws when two rendered objects would be the same object in the cluster. */
export function rejectDuplicateObjects(
  objects: Array<{
    object: { kind?: string; metadata?: { name?: string; namespace?: string } };
    from: string;
  }>,
): void {
  const byKind = new Map<string, Located[]>();
  for (const { object, from } of objects) {
    const kind = object.kind ?? "object";
    const list = byKind.get(kind) ?? [];
    list.push({
      name: object.metadata?.name ?? "",
      namespace: object.metadata?.namespace ?? "",
      from,
    });
    byKind.set(kind, list);
  }
  for (const [kind, list] of byKind) rejectDuplicates(kind, list, "would be rendered twice");
}
