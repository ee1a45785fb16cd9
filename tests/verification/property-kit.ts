/**
 * What both models' property suites share: the field paths of a CRD schema and of generated args (every field must be
 * generated at least once), the config file of a render, and the config-hash check over a case's mutations.
 */
import { expect } from "chai";
import { CONFIG_FILE_NAME } from "../../src/defaults";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";
import type { RenderResult } from "../../src/render";
import type { Obj } from "../helpers/objects";
import type { Mutation, MutationKind } from "./mutation-kit";

/** Every field path of the CRD spec (`[]` for array items, map values not included). */
export function schemaPaths(schema: Obj, at: string[] = []): string[] {
  const own = at.length > 0 ? [at.join(".")] : [];
  const props = Object.entries((schema.properties ?? {}) as Record<string, Obj>).flatMap(([k, s]) =>
    schemaPaths(s, [...at, k]),
  );
  const items = schema.items ? schemaPaths(schema.items, [...at, "[]"]) : [];
  return [...own, ...props, ...items];
}

/** Every field path present in generated args (array indices as `[]`). */
export function presentPaths(
  value: unknown,
  at: string[] = [],
  out = new Set<string>(),
): Set<string> {
  if (at.length > 0) out.add(at.join("."));
  if (Array.isArray(value)) value.forEach((v) => presentPaths(v, [...at, "[]"], out));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) presentPaths(v, [...at, k], out);
  return out;
}

/** The CRD fields (but those `notGenerated`) no generated spec had; `seen`: the paths they had. */
export const neverGenerated = (schema: Obj, seen: Set<string>, notGenerated: RegExp): string[] =>
  schemaPaths(schema).filter((p) => !notGenerated.test(p) && !seen.has(p));

/** The server config file of a render. */
export function configOf(r: RenderResult): string {
  return (r.objects as Obj[]).find((o) => o.kind === "ConfigMap")!.data[CONFIG_FILE_NAME];
}

/** The mutation counts of a suite, and how many conditional ones changed the config. */
export interface MutationStats {
  mutations: Record<MutationKind, number>;
  maybeChanged: number;
}

export const newMutationStats = (): MutationStats => ({
  mutations: { secret: 0, config: 0, maybe: 0, other: 0 },
  maybeChanged: 0,
});

/**
 * The render's hash is on its pod template, and changes exactly with the config and the secret bytes the pod reads:
 * each mutated case is rendered and compared with `first` as its mutation's kind says.
 */
export function expectHashFollows<C>(
  first: RenderResult,
  mutated: Array<{ mutation: Mutation<C>; changed: C }>,
  renderOf: (c: C) => RenderResult,
  stats: MutationStats,
): void {
  const hash = first.configHash;
  const template = (first.objects as Obj[]).find((o) => o.kind === "StatefulSet")!.spec.template;
  expect(template.metadata.annotations[CONFIG_HASH_ANNOTATION]).to.equal(hash);
  const config = configOf(first);
  for (const { mutation, changed } of mutated) {
    const next = renderOf(changed);
    const configChanged = configOf(next) !== config;
    const hashChanged = next.configHash !== hash;
    const what = `${mutation.kind} mutation "${mutation.label}"`;
    switch (mutation.kind) {
      case "secret":
        expect(configChanged, `${what}: config`).to.equal(false);
        expect(hashChanged, `${what}: hash`).to.equal(true);
        break;
      case "config":
        expect(configChanged, `${what}: config`).to.equal(true);
        expect(hashChanged, `${what}: hash`).to.equal(true);
        break;
      case "maybe":
        expect(hashChanged, `${what}: hash follows config`).to.equal(configChanged);
        if (configChanged) stats.maybeChanged++;
        break;
      case "other":
        expect(configChanged, `${what}: config`).to.equal(false);
        expect(hashChanged, `${what}: hash`).to.equal(false);
        break;
    }
    stats.mutations[mutation.kind]++;
  }
}

/** Each kind of mutation ran more than `min` times. */
export function expectEveryKind(stats: MutationStats, min = 50): void {
  for (const kind of ["secret", "config", "maybe", "other"] as const)
    expect(stats.mutations[kind], kind).to.be.greaterThan(min);
}

/** The summary's part on the hash mutations. */
export const mutationSummary = (s: MutationStats): string =>
  `hash mutations secret ${s.mutations.secret} / config ${s.mutations.config} / ` +
  `conditional ${s.mutations.maybe} (${s.maybeChanged} changed the config) / other ${s.mutations.other}`;

/** Counts a feature that is on. */
export const countOn = (counts: Record<string, number>, key: string, on: boolean): void => {
  if (on) counts[key] = (counts[key] ?? 0) + 1;
};
