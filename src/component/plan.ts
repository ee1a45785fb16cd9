/** Args → the plan of the objects: now from the plain values, later (validated again) when Outputs resolve. */
import * as pulumi from "@pulumi/pulumi";
import type { DittoServerArgs } from "../args";
import { DittoSpecError } from "../spec/errors";
import { resolveSpec, type PlainArgs } from "../spec/resolve";
import type { ServerPlanInput } from "../spec/types";
import {
  decidesStructure,
  deferredPaths,
  displayPath,
  withSecretValuePresence,
  withStandIns,
} from "./output-args";

export type Plan =
  /** No Output anywhere in the spec: `now` is the real plan and nothing waits. */
  | { known: true; now: ServerPlanInput; warnings: string[] }
  /** Outputs in the spec: `now` is planned from stand-ins; `later` is the real plan, validated when they resolve. */
  | { known: false; now: ServerPlanInput; later: pulumi.Output<ServerPlanInput>; warnings: [] };

/** Resolves plain args now; with Outputs inside, plans from stand-ins now and validates the real values later. */
export function plan(name: string, args: DittoServerArgs): Plan {
  const subject = `DittoServer ${JSON.stringify(name)}`;
  const paths = deferredPaths(args);
  const deciding = paths.filter(decidesStructure);
  if (deciding.length > 0) {
    throw new DittoSpecError(
      subject,
      deciding.map(
        (p) =>
          `${displayPath(p)}: must be a plain value, not an Output: it decides which objects exist`,
      ),
    );
  }
  const specArgs = withSecretValuePresence(args);
  // The Outputs of `specArgs`: those of the args but the secret values, which withSecretValuePresence replaced
  // (`secretValues` and `secretValues.s3` themselves decide, so they are plain here).
  const deferred = paths.filter((p) => p[0] !== "secretValues");
  if (deferred.length === 0) {
    const resolved = resolveSpec(name, specArgs as unknown as PlainArgs, subject);
    return { known: true, now: resolved.plan, warnings: resolved.warnings };
  }
  const probe = resolveSpec(
    name,
    withStandIns(specArgs, deferred) as unknown as PlainArgs,
    subject,
    {
      crossFieldRules: false,
    },
  );
  const later = pulumi.output(specArgs).apply((plainArgs) => {
    const resolved = resolveSpec(name, plainArgs as PlainArgs, subject);
    for (const w of resolved.warnings) void pulumi.log.warn(w);
    return resolved.plan;
  });
  return { known: false, now: probe.plan, later, warnings: [] };
}
