/** A resolved Feb server → its plan: where its secrets come from, and its config file. */
import type { Spec as FebSpec } from "../../generated/feb2026/spec";
import type { ResolvedServer, ServerPlan } from "../object-model";
import { configText } from "./server-config";
import { secretPlan, secretRefs, type FebRefs } from "./secret-sources";

export type FebServer = ResolvedServer<FebSpec>;
export type FebPlan = ServerPlan<FebSpec, FebRefs>;

export function planFeb(server: FebServer): FebPlan {
  const refs = secretRefs(server);
  return { ...server, refs, secrets: secretPlan(refs), config: configText(server) };
}
