/** Kubernetes objects as the tests read them (plain JSON), and finding one in a render's objects. */

export type Obj = Record<string, any>;

/** A render's result (its `objects`) or a list of objects (parsed CLI output, registered inputs). */
export type Objects = { objects: readonly unknown[] } | readonly unknown[];

const list = (from: Objects): Obj[] =>
  Array.isArray(from) ? from : (from as { objects: Obj[] }).objects;

/** `Kind/name` of each object, in order. */
export function objectIds(from: Objects): string[] {
  return list(from).map((o) => `${o.kind}/${o.metadata.name}`);
}

export function maybe(from: Objects, kind: string, name: string): Obj | undefined {
  return list(from).find((o) => o.kind === kind && o.metadata.name === name);
}

/** The object of that kind and name; throws, listing what there is, when there is none. */
export function find(from: Objects, kind: string, name: string): Obj {
  const found = maybe(from, kind, name);
  if (!found) throw new Error(`no ${kind} ${name} in ${objectIds(from).join(", ")}`);
  return found;
}

export const statefulSet = (from: Objects, name: string): Obj => find(from, "StatefulSet", name);
export const podSpec = (from: Objects, name: string): Obj =>
  statefulSet(from, name).spec.template.spec;
/** The server container of the StatefulSet `name`. */
export const container = (from: Objects, name: string): Obj => podSpec(from, name).containers[0];
export const envNames = (from: Objects, name: string): string[] =>
  container(from, name).env.map((e: Obj) => e.name);

/** The server config file (`config.yaml` of the ConfigMap `<name>-config`). */
export function config(from: Objects, name: string): string {
  return find(from, "ConfigMap", `${name}-config`).data["config.yaml"];
}

/** An env var read from a Secret's key. */
export function secretRef(name: string, secret: string, key: string, optional?: boolean): Obj {
  return {
    name,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
  };
}
