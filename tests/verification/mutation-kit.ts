/**
 * What both models' mutation lists are made of: single changes to a valid case, each keeping it valid, with the kind
 * that says what the config hash must do (`secret`: the hash changes, the config does not; `config`: both change;
 * `maybe`: the hash changes exactly when the config does; `other`: neither changes).
 */
import { deletePath, getPath, setPath } from "./arbitraries";
import type { Obj } from "../helpers/objects";

export type MutationKind = "secret" | "config" | "maybe" | "other";

/** What a mutated case holds (both models' generated cases). */
export interface MutationCase {
  name: string;
  args: unknown;
  secrets: Record<string, Record<string, string>>;
  generated: { jwtSecret: string; adminInitialPassword: string };
  postgres?: { passwordAt: number; passwordLength: number };
}

export interface Mutation<C> {
  label: string;
  kind: MutationKind;
  /** The changed case, or undefined when the change does not apply to this case. */
  apply(c: C, r: number): C | undefined;
}

export type Apply<C> = Mutation<C>["apply"];

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Changes one alphanumeric character of `text` (within [from, from+length)) to another one. */
export function flipByte(text: string, r: number, from = 0, length = text.length): string {
  const positions: number[] = [];
  for (let i = from; i < from + length; i++) if (ALNUM.includes(text[i])) positions.push(i);
  if (positions.length === 0) throw new Error("no alphanumeric character to change");
  const at = positions[r % positions.length];
  const replacement =
    ALNUM[(ALNUM.indexOf(text[at]) + 1 + (r % (ALNUM.length - 1))) % ALNUM.length];
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

/** Where a secret value of a case is. */
export interface Location<C> {
  label: string;
  read(c: C): string;
  write(c: C, value: string): void;
  /** The part that may change and keep the value valid (the password of a connection string). */
  range?(c: C): [number, number];
}

const refAt = (c: MutationCase, refPath: string) => getPath(c.args as Obj, refPath);

/** The key of the Secret that the ref at `refPath` names. */
export const refLocation = <C extends MutationCase>(
  label: string,
  refPath: string,
): Location<C> => ({
  label,
  read: (c) => c.secrets[refAt(c, refPath).name][refAt(c, refPath).key],
  write: (c, v) => (c.secrets[refAt(c, refPath).name][refAt(c, refPath).key] = v),
});

/** A value in the args (`secretValues`). */
export const valueLocation = <C extends MutationCase>(
  label: string,
  path: string,
): Location<C> => ({
  label,
  read: (c) => getPath(c.args as Obj, path),
  write: (c, v) => setPath(c.args as Obj, path, v),
});

/** A generated value. */
export const generatedLocation = <C extends MutationCase>(
  value: "jwtSecret" | "adminInitialPassword",
  label = `generated ${value}`,
): Location<C> => ({
  label,
  read: (c) => c.generated[value],
  write: (c, v) => (c.generated[value] = v),
});

/** The password part of a case's PostgreSQL connection string. */
export const postgresRange = (c: MutationCase): [number, number] => [
  c.postgres!.passwordAt,
  c.postgres!.passwordLength,
];

/** One byte of one of the case's `locations` changes. */
export function flipAt<C extends MutationCase>(
  kind: MutationKind,
  label: string,
  locations: (c: C) => Array<Location<C>>,
): Mutation<C> {
  return {
    label,
    kind,
    apply(c, r) {
      const all = locations(c);
      if (all.length === 0) return undefined;
      const location = all[r % all.length];
      const next = structuredClone(c);
      const text = location.read(next);
      const [from, length] = location.range ? location.range(next) : [0, text.length];
      location.write(next, flipByte(text, Math.floor(r / 7), from, length));
      return next;
    },
  };
}

/** Another int32 value: one more, or 1 after the largest (the fields are `format: int32`). */
export const nextInt32 = (n: number) => (n >= 2 ** 31 - 1 ? 1 : n + 1);

export interface KitOptions<C> {
  /** The model's spec schema (for enum values). */
  schema: Obj;
  /** A field's default when the args leave it out. */
  defaultOf(path: string): unknown;
  /** Whether a changed case is still valid (else the change does not apply). */
  valid(c: C): boolean;
  /** A port no listener of the args uses. */
  freePort(args: Obj, r: number): number;
}

/** The building blocks of a model's mutations, and the changes both models share. */
export function mutationKit<C extends MutationCase>(o: KitOptions<C>) {
  const clone = (c: C): C => structuredClone(c);
  const effective = (args: Obj, path: string): any => getPath(args, path) ?? o.defaultOf(path);

  /** A change of args; undefined when the case would no longer be valid. */
  function editArgs(fn: (args: Obj, r: number, c: C) => boolean | void): Apply<C> {
    return (c, r) => {
      const next = clone(c);
      if (fn(next.args as Obj, r, next) === false) return undefined;
      return o.valid(next) ? next : undefined;
    };
  }

  /** A different value for a string field (defaults considered). */
  const changeText = (path: string) =>
    editArgs((args) => setPath(args, path, `${effective(args, path) ?? ""}x`));

  /** Another value of an enum field. */
  function changeEnum(path: string): Apply<C> {
    let schema: any = o.schema;
    for (const k of path.split(".")) schema = schema.properties[k];
    const values: string[] = schema.enum;
    return editArgs((args, r) => {
      const others = values.filter((v) => v !== effective(args, path));
      if (others.length === 0) return false;
      setPath(args, path, others[r % others.length]);
      return true;
    });
  }

  const toggle = (path: string) => editArgs((args) => setPath(args, path, !effective(args, path)));
  const newPort = (path: string) => editArgs((args, r) => setPath(args, path, o.freePort(args, r)));

  /** Changes of fields both models have, by path. */
  const common: Record<string, Apply<C>> = {
    image: editArgs((a) => setPath(a, "image", `${effective(a, "image")}-other`)),
    replicas: editArgs((a) => setPath(a, "replicas", 1 - effective(a, "replicas"))),
    "storage.metadataSize": editArgs((a) => setPath(a, "storage.metadataSize", "777Mi")),
    "storage.contentSize": editArgs((a) =>
      a.storage.contentSize === undefined
        ? setPath(a, "storage.contentSize", "779Mi")
        : deletePath(a, "storage.contentSize"),
    ),
    "storage.controlPlaneSize": editArgs((a) => setPath(a, "storage.controlPlaneSize", "780Mi")),
    "storage.storageClassName": changeText("storage.storageClassName"),
    "service.type": changeEnum("service.type"),
    "percona.replicas": editArgs((a) =>
      setPath(a, "percona.replicas", (effective(a, "percona.replicas") % 5) + 1),
    ),
    "percona.storageSize": editArgs((a) => setPath(a, "percona.storageSize", "31Gi")),
    resources: editArgs((a) => setPath(a, "resources", { limits: { cpu: "3", memory: "3Gi" } })),
    securityContext: editArgs((a) =>
      setPath(a, "securityContext", { runAsUser: 4242, runAsNonRoot: true }),
    ),
    podSecurityContext: editArgs((a) => setPath(a, "podSecurityContext", { fsGroup: 4242 })),
    labels: editArgs((a) => setPath(a, "labels", { ...a.labels, "example.com/added": "yes" })),
    annotations: editArgs((a) =>
      setPath(a, "annotations", { ...a.annotations, "example.com/added": "yes" }),
    ),
    namespace: editArgs((a) =>
      setPath(a, "namespace", `${a.namespace ?? "default"}-other`.slice(-63)),
    ),
    "database.sqlite.path": editArgs((a) =>
      setPath(a, "database.sqlite.path", `${effective(a, "database.sqlite.path")}x`),
    ),
    "database.type": changeEnum("database.type"),
    "controlPlane.port": newPort("controlPlane.port"),
    "identity.jwt.accessTokenDuration": changeText("identity.jwt.accessTokenDuration"),
    "identity.jwt.refreshTokenDuration": changeText("identity.jwt.refreshTokenDuration"),
    "identity.admin.username": changeText("identity.admin.username"),
  };
  /** The shared changes of these fields, in this order. */
  const fields = (...paths: string[]): Array<[string, Apply<C>]> =>
    paths.map((p) => {
      if (!common[p]) throw new Error(`no common mutation for ${p}`);
      return [p, common[p]];
    });

  /** The pod's resources and security contexts, and every object's labels, annotations and namespace. */
  const podAndMetadata = fields(
    "resources",
    "securityContext",
    "podSecurityContext",
    "labels",
    "annotations",
    "namespace",
  );

  /** Percona on or off (a backup without its bucket or endpoint stays off); `when`: only for such cases. */
  const perconaEnabled = (when: (c: C) => boolean = () => true) =>
    editArgs((a, _r, c) => {
      if (!when(c)) return false;
      setPath(a, "percona.enabled", !effective(a, "percona.enabled"));
      const backup = a.percona.backup ?? {};
      return !(a.percona.enabled && backup.enabled && (!backup.bucket || !backup.endpoint));
    });

  const unreferencedSecret: Mutation<C> = {
    label: "a Secret nothing references",
    kind: "other",
    apply(c, r) {
      const next = clone(c);
      const old = next.secrets["unreferenced-secret"]?.value;
      next.secrets["unreferenced-secret"] = { value: old ? flipByte(old, r) : "added" };
      return next;
    },
  };

  /** A generated value the deployment does not use (`used`: which ones it uses). */
  const unusedGenerated = (used: (c: C) => { jwt: boolean; admin: boolean }): Mutation<C> => ({
    label: "a generated value the deployment does not use",
    kind: "other",
    apply(c, r) {
      const { jwt, admin } = used(c);
      if (jwt && admin) return undefined;
      const next = clone(c);
      if (!jwt) next.generated.jwtSecret = flipByte(next.generated.jwtSecret, r);
      if (!admin)
        next.generated.adminInitialPassword = flipByte(next.generated.adminInitialPassword, r);
      return next;
    },
  });

  return {
    clone,
    effective,
    editArgs,
    changeText,
    changeEnum,
    toggle,
    newPort,
    fields,
    podAndMetadata,
    perconaEnabled,
    unreferencedSecret,
    unusedGenerated,
  };
}

/** The mutation list: the secret ones first, then each field list with its kind. */
export function mutationList<C>(
  secret: Array<Mutation<C>>,
  other: Array<[string, Apply<C>]>,
  config: Array<[string, Apply<C>]>,
  maybe: Array<[string, Apply<C>]>,
): Array<Mutation<C>> {
  return [
    ...secret,
    ...other.map(([label, apply]) => ({ label, kind: "other" as const, apply })),
    ...config.map(([label, apply]) => ({ label, kind: "config" as const, apply })),
    ...maybe.map(([label, apply]) => ({ label, kind: "maybe" as const, apply })),
  ];
}

/**
 * `picks.length` applicable mutations for `c`, picked by `picks`: the first from `first` (a secret byte), the
 * others from `rest`.
 */
export function pickFrom<C>(
  c: C,
  picks: number[],
  first: Array<Mutation<C>>,
  rest: Array<Mutation<C>>,
): Array<{ mutation: Mutation<C>; changed: C }> {
  const chosen: Array<{ mutation: Mutation<C>; changed: C }> = [];
  picks.forEach((pick, i) => {
    const pool = i === 0 ? first : rest;
    for (let step = 0; step < pool.length; step++) {
      const mutation = pool[(pick + step) % pool.length];
      const changed = mutation.apply(c, pick);
      if (changed) {
        chosen.push({ mutation, changed });
        return;
      }
    }
  });
  return chosen;
}
