import type * as k8s from "@pulumi/kubernetes";
import { CONFIG_FILE_NAME } from "../defaults";
import { objectMeta, type MetadataSource } from "./metadata";

/** `<name>-config` with exactly one key, `config.yaml`. */
export function buildConfigMap(
  server: MetadataSource,
  name: string,
  configYaml: string,
): k8s.types.input.core.v1.ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: objectMeta(server, name),
    data: { [CONFIG_FILE_NAME]: configYaml },
  };
}
