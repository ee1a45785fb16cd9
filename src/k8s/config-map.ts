import type * as k8s from "@pulumi/kubernetes";
import { CONFIG_FILE_NAME } from "../defaults";
import { objectNames } from "../naming";
import type { ServerPlanInput } from "../spec/types";
import { objectMeta } from "./metadata";

/** `<name>-config` with exactly one key, `config.yaml` (§2.3). */
export function buildConfigMap(
  plan: ServerPlanInput,
  configYaml: string,
): k8s.types.input.core.v1.ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: objectMeta(plan, objectNames(plan.name).configMap),
    data: { [CONFIG_FILE_NAME]: configYaml },
  };
}
