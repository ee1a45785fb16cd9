/**
 * Breakers of the rules both models have beyond their schema (secretValues beside their reference, the server's
 * name, the component-only fields, the image, storage classes and sizes, Percona's backup, the SQLite path, resources,
 * integers beyond 2^53-1, lone surrogates). The tables that differ between the models are their arguments.
 */
import type { PlainArgs } from "../../src/resolve/component-fields";
import type { Obj } from "../helpers/objects";
import { deletePath, getPath, setPath } from "./arbitraries";
import { edit, pick, type Breakage } from "./schema-breakers";

type Case = { args: PlainArgs };

/** A `secretValues` entry and its reference both given: [value, reference path, a value, a reference]. */
export type ConflictKind = [string, string, unknown, Obj];

/** The JWT, admin password and PostgreSQL conflicts (`adminRef`, `postgresKey`: the model's reference and key). */
export const secretValueConflicts = (adminRef: string, postgresKey: string): ConflictKind[] => [
  [
    "jwtSecret",
    "identity.jwt.secretRef",
    "a-jwt-value-that-is-long-enough-000000",
    { name: "jwt", key: "k" },
  ],
  ["adminInitialPassword", adminRef, "initial-pass", { name: "adm", key: "k" }],
  [
    "postgresConnection",
    "database.postgresSecretRef",
    "host=h user=u dbname=d",
    { name: "pg", key: postgresKey },
  ],
];

export function conflictBreak<R extends string>(
  c: Case,
  r: number,
  rule: R,
  kinds: ConflictKind[],
) {
  const [value, ref, plain, refValue] = pick(kinds, r);
  const dotted = `secretValues.${value}`;
  return edit(c, rule, dotted, `${dotted} and ${ref}`, (a) => {
    const existing = getPath(a, ref);
    if (!existing || existing.name === "") setPath(a, ref, refValue);
    if (getPath(a, dotted) === undefined) setPath(a, dotted, plain);
  });
}

/**
 * The server named one of the names no model accepts, or `tooLong` (one character over the model's limit) or `other`
 * (another name the model refuses).
 */
export function nameBreak<R extends string>(
  c: Case,
  r: number,
  rule: R,
  tooLong: string,
  other: string,
): Breakage<R> {
  const bad = ["Ditto", "-ditto", "ditto-", "dit.to", "dit_to", "", tooLong, "d".repeat(63), other];
  const name = pick([...bad, "dittö"], r);
  return {
    rule,
    change: `name = ${JSON.stringify(name)}`,
    name,
    args: structuredClone(c.args),
    path: "metadata.name",
  };
}

/** A bad namespace, the selector's labels, a label or annotation that is no string. */
export function componentBreak<R extends string>(c: Case, r: number, rule: R) {
  const options: Array<[string, unknown]> = [
    ["namespace", pick(["Bad_NS", "-ns", "n".repeat(64), "", "a.b"], r >> 3)],
    ["labels.app", "mine"],
    ["labels.instance", "mine"],
    ["labels.team", 5],
    ["annotations.note", false],
  ];
  const [dotted, value] = pick(options, r);
  return edit(c, rule, dotted, `${dotted} = ${JSON.stringify(value)}`, (a) =>
    setPath(a, dotted, value),
  );
}

/** An image the API server would refuse: empty, blank, with whitespace or control characters. */
export function imageBreak<R extends string>(c: Case, r: number, rule: R) {
  const value = pick(
    ["", " ", "dittofs: latest", "ditto\u2028fs", "ditto\u0000fs", "\ufeffdittofs"],
    r,
  );
  return edit(c, rule, "image", `image = ${JSON.stringify(value)}`, (a) =>
    setPath(a, "image", value),
  );
}

/** A StorageClass name that is no DNS-1123 subdomain (`rPath` picks the field, `rValue` the name). */
export function storageClassBreak<R extends string>(
  c: Case,
  rule: R,
  rPath: number,
  rValue: number,
) {
  const dotted = pick(["storage.storageClassName", "percona.storageClassName"], rPath);
  const value = pick(["Fast_SSD", "-ssd", "ssd-", "a..b", "x".repeat(254), "fast ssd"], rValue);
  return edit(c, rule, dotted, `${dotted} = ${value}`, (a) => setPath(a, dotted, value));
}

/**
 * A claim size of zero, at one of the storage `fields` (`storage.contentSize` too when the case has one; `rPath`
 * picks the field, `rValue` the zero).
 */
export function storageZeroBreak<R extends string>(
  c: Case,
  rule: R,
  fields: string[],
  rPath: number,
  rValue: number,
) {
  const all = [...fields];
  if ((c.args as Obj).storage?.contentSize !== undefined) all.push("contentSize");
  const dotted = `storage.${pick(all, rPath)}`;
  const value = pick(["0Gi", "0Mi", "00Ti"], rValue);
  return edit(c, rule, dotted, `${dotted} = ${value}`, (a) => setPath(a, dotted, value));
}

/** percona.storageSize that is no quantity, or not above zero. */
export function perconaSizeBreak<R extends string>(c: Case, r: number, rule: R) {
  const value = pick(["ten", "1GB", "10 Gi", "Gi", "1.2.3", "0", "0Gi", "-1Gi", "0.0"], r);
  return edit(c, rule, "percona.storageSize", `percona.storageSize = ${value}`, (a) =>
    setPath(a, "percona.storageSize", value),
  );
}

/** Percona with backups on but the bucket or the endpoint `missing` (deleted, or empty). */
export function backupBreak<R extends string>(
  c: Case,
  rule: R,
  missing: "bucket" | "endpoint",
  remove: boolean,
) {
  const present = missing === "bucket" ? "endpoint" : "bucket";
  const dotted = `percona.backup.${missing}`;
  return edit(c, rule, dotted, `percona + backup on, no ${missing}`, (a) => {
    setPath(a, "percona.enabled", true);
    setPath(a, "percona.backup.enabled", true);
    if (!a.percona.backup[present]) a.percona.backup[present] = "set";
    if (remove) deletePath(a, dotted);
    else setPath(a, dotted, "");
  });
}

/** A SQLite path the server uses (the case's PostgreSQL connection and Percona taken away). */
export function sqlitePathBreak<R extends string>(c: Case, rule: R, value: string) {
  return edit(c, rule, "database.sqlite.path", `database.sqlite.path = ${value}`, (a) => {
    deletePath(a, "database.postgresSecretRef");
    deletePath(a, "secretValues.postgresConnection");
    setPath(a, "percona.enabled", false);
    setPath(a, "database.type", "sqlite");
    setPath(a, "database.sqlite.path", value);
  });
}

/** A negative request, or a request above its limit, of `resource` (`r` picks the value). */
export function resourcesBreak<R extends string>(
  c: Case,
  r: number,
  rule: R,
  resource: string,
  negative: boolean,
) {
  const dotted = `resources.requests.${resource}`;
  if (negative) {
    const value = pick(["-1", "-500m", "-1Gi"], r);
    return edit(c, rule, dotted, `${dotted} = ${value}`, (a) => setPath(a, dotted, value));
  }
  return edit(c, rule, dotted, `${resource}: requests 2 above limits 1`, (a) => {
    setPath(a, `resources.limits.${resource}`, "1");
    setPath(a, dotted, pick(["2", 2, "1001m", "1.5"], r));
  });
}

/** An integer beyond 2^53-1 at one of `paths`. */
export function unsafeIntegerBreak<R extends string>(c: Case, r: number, rule: R, paths: string[]) {
  if (paths.length === 0) return undefined;
  const dotted = pick(paths, r);
  const value = pick([2 ** 53, 2 ** 63, 1e20, -(2 ** 60)], r >> 2);
  return edit(c, rule, dotted, `${dotted} = ${value}`, (a) => setPath(a, dotted, value));
}

/** A lone UTF-16 surrogate (`value`) in free text at `dotted`. */
export function loneSurrogateBreak<R extends string>(
  c: Case,
  rule: R,
  dotted: string,
  value: string,
) {
  return edit(c, rule, dotted, `${dotted} holds a lone surrogate`, (a) =>
    setPath(a, dotted, value),
  );
}

/** The security contexts' required profile types the case has, and a sysctl's value. */
export function securityRequiredPaths(args: Obj): string[] {
  return [
    ...["securityContext", "podSecurityContext"].flatMap((ctx) =>
      ["seccompProfile.type", "appArmorProfile.type"]
        .map((p) => `${ctx}.${p}`)
        .filter((p) => getPath(args, p) !== undefined),
    ),
    ...(args.podSecurityContext?.sysctls?.length ? ["podSecurityContext.sysctls.0.value"] : []),
  ];
}
