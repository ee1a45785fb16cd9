/**
 * `dittofs:index:AdapterSettings`: the protocol settings of the NFS or SMB adapter, keyed by type. The server keeps
 * exactly one settings record per adapter and has no create or delete for it: a create applies the inputs, a destroy
 * resets the record to the server's defaults. Settings the NFS adapter reads only when it starts (portmapper, UDP) are
 * applied by restarting the running adapter through the API, so they take effect without restarting the server.
 */
import { isDeepStrictEqual } from "util";
import type { ApiClient } from "../api-client";
import type { Failure, ResourceKind } from "../kind";
import { adapterPath, ADAPTER_TYPES, serving, type AdapterResponse } from "./adapter";
import {
  blockSchema,
  fromServer,
  NFS_RESTART_SETTINGS,
  NFS_VERSIONS,
  SMB_DIALECTS,
  toServer,
} from "./adapter-settings-fields";

type Block = Record<string, unknown>;

export interface AdapterSettingsInputs {
  type: string;
  nfs?: Block;
  smb?: Block;
}

const settingsPath = (type: string): string => `${adapterPath(type)}/settings`;

/** The settings the server has now, as a block; undefined when the adapter does not exist. */
async function current(api: ApiClient, type: string): Promise<Block | undefined> {
  const json = await api.get<Record<string, unknown>>(settingsPath(type));
  return json && fromServer(type, json);
}

function missingAdapter(type: string): Error {
  return new Error(
    `the server has no ${type} adapter, so no ${type} settings: create it with an Adapter of type ${type} (and make this resource depend on it)`,
  );
}

/** Restarts the adapter when it runs and a setting it reads only at start changed, so the change takes effect. */
async function restartIfNeeded(api: ApiClient, type: string, before: Block, after: Block) {
  const restart =
    type === "nfs" && NFS_RESTART_SETTINGS.some((k) => !isDeepStrictEqual(before[k], after[k]));
  if (!restart) return;
  const a = await api.get<AdapterResponse>(adapterPath(type));
  if (!a?.enabled) return; // a stopped adapter reads them when it is enabled
  await api.call("PUT", adapterPath(type), { enabled: false });
  const restarted = await api.call<AdapterResponse>("PUT", adapterPath(type), { enabled: true });
  if (restarted) await serving(api, restarted, restarted.updated_at);
}

/** Makes the server's settings the block: only the differing settings are sent. */
async function apply(api: ApiClient, type: string, block: Block): Promise<void> {
  const before = await current(api, type);
  if (!before) throw missingAdapter(type);
  const wanted = { ...before, ...block };
  const changed = Object.fromEntries(
    Object.entries(block).filter(([k, v]) => !isDeepStrictEqual(before[k], v)),
  );
  if (Object.keys(changed).length === 0) return;
  await api.call("PATCH", settingsPath(type), toServer(type, changed));
  await restartIfNeeded(api, type, before, wanted);
}

const order = (values: string[], v: unknown): number => values.indexOf(v as string);

function duplicates(values: unknown): string[] {
  const list = Array.isArray(values) ? (values as string[]) : [];
  return list.filter((v, i) => list.indexOf(v) !== i);
}

export const adapterSettings: ResourceKind<AdapterSettingsInputs> = {
  name: "AdapterSettings",
  description:
    "The protocol settings of a DittoFS server's NFS or SMB adapter (versions, timeouts, limits, blocked operations, the NFS portmapper, discovery), keyed by adapter type. The block matching `type` is the whole of the adapter's settings: a setting left out takes the server's default, so a refresh shows any setting changed elsewhere. The server keeps one settings record per adapter and cannot create or delete it: creating this resource applies the block (`adopt` is not needed), and destroying it resets every setting to the server's default (use the `retainOnDelete` resource option to keep them). NFS settings read only when the adapter starts (`portmapperEnabled`, `portmapperPort`, `portmapperRegisterWithSystem`, `udpEnabled`) are applied by restarting the running NFS adapter through the API (NFS clients reconnect). The adapter itself must exist (the server makes both at start; an Adapter resource manages its port).",
  inputs: {
    type: {
      type: "string",
      enum: ADAPTER_TYPES,
      replaceOnChanges: true,
      description:
        "The adapter whose settings these are: `nfs` or `smb`. A change replaces the resource.",
    },
    nfs: blockSchema(
      "nfs",
      "The NFS adapter's settings; required when `type` is `nfs` (`{}` for the server's defaults). Each setting left out takes the server's default.",
    ),
    smb: blockSchema(
      "smb",
      "The SMB adapter's settings; required when `type` is `smb` (`{}` for the server's defaults). Each setting left out takes the server's default.",
    ),
  },
  requiredInputs: ["type"],

  id: (i) => i.type,
  keyOf(id) {
    if (!ADAPTER_TYPES.includes(id))
      throw new Error(
        `an AdapterSettings id is the adapter type, one of ${ADAPTER_TYPES.join(", ")}; got ${JSON.stringify(id)}`,
      );
    return { type: id };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    for (const t of ADAPTER_TYPES) {
      if (t === i.type && i[t as "nfs" | "smb"] === undefined)
        failures.push({
          property: t,
          reason: `is required when type is ${t} (\`{}\` sets every ${t} setting to the server's default)`,
        });
      if (t !== i.type && i[t as "nfs" | "smb"] !== undefined)
        failures.push({
          property: t,
          reason: `${t} settings do not apply to an adapter of type ${i.type}; remove them or set type to ${t}`,
        });
    }
    const nfs = i.type === "nfs" ? i.nfs : undefined;
    if (nfs && order(NFS_VERSIONS, nfs.minVersion) > order(NFS_VERSIONS, nfs.maxVersion))
      failures.push({
        property: "nfs.minVersion",
        reason: `${JSON.stringify(nfs.minVersion)} is above nfs.maxVersion ${JSON.stringify(nfs.maxVersion)}: no client could mount`,
      });
    const smb = i.type === "smb" ? i.smb : undefined;
    if (smb && order(SMB_DIALECTS, smb.minDialect) > order(SMB_DIALECTS, smb.maxDialect))
      failures.push({
        property: "smb.minDialect",
        reason: `${JSON.stringify(smb.minDialect)} is above smb.maxDialect ${JSON.stringify(smb.maxDialect)}: no client could connect`,
      });
    for (const t of ADAPTER_TYPES) {
      const block = t === i.type ? i[t as "nfs" | "smb"] : undefined;
      const twice = [...new Set(duplicates(block?.blockedOperations))];
      if (twice.length > 0)
        failures.push({
          property: `${t}.blockedOperations`,
          reason: `lists ${twice.join(", ")} more than once`,
        });
    }
    return failures;
  },

  async create(api, i) {
    await apply(api, i.type, i[i.type as "nfs" | "smb"] ?? {});
  },

  async read(api, id) {
    const block = await current(api, id);
    return block && { inputs: { type: id, [id]: block } };
  },

  async update(api, id, _olds, news) {
    await apply(api, id, news[id as "nfs" | "smb"] ?? {});
  },

  async delete(api, id) {
    const before = await current(api, id);
    if (!before) return; // no adapter, no settings
    await api.call("POST", `${settingsPath(id)}/reset`);
    const after = await current(api, id);
    if (after) await restartIfNeeded(api, id, before, after);
  },
};
