/** A resolved v0.29 server → its plan: where its secrets come from, and its config file. */
import type { Spec as V029Spec } from "../../generated/v029/spec";
import type { ResolvedServer, ServerPlan } from "../object-model";
import { secretPlan, secretRefs, type V029Refs } from "./secret-sources";
import { configText } from "./server-config";

export type V029Server = ResolvedServer<V029Spec>;
export type V029Plan = ServerPlan<V029Spec, V029Refs>;

export function planV029(server: V029Server): V029Plan {
  const refs = secretRefs(server);
  return { ...server, refs, secrets: secretPlan(refs), config: configText(server) };
}
