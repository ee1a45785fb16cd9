/**
 * The server config text of a DittoServer, rendered once per distinct config in a program: servers of a fleet mostly
 * share their config (it is made from the spec only, never from names, namespaces or secrets), and rendering YAML is
 * the largest part of the component's own work per server. The cache key is the config itself (`serverConfig`, a
 * small object of plain values), so the text is exactly what `renderConfig` gives for it.
 */
import { renderConfig, serverConfig } from "../config/render-config";
import type { ServerPlanInput } from "../spec/types";

/** Distinct configs kept (a program has few; the bound only caps memory in a pathological one). */
const MAX_ENTRIES = 256;
const texts = new Map<string, string>();

export function configText(p: ServerPlanInput): string {
  const hasPostgresValue = p.values.postgresConnection;
  const key = JSON.stringify(serverConfig(p.spec, hasPostgresValue));
  let text = texts.get(key);
  if (text === undefined) {
    text = renderConfig(p.spec, hasPostgresValue);
    if (texts.size >= MAX_ENTRIES) texts.clear();
    texts.set(key, text);
  }
  return text;
}
