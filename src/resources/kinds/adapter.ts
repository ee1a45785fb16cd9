/**
 * `dittofs:index:Adapter`: a protocol adapter of the server (NFS or SMB), keyed by type. The server makes both at
 * every start when they are missing (NFS on 12049, SMB on 1445), so an adapter of a type always exists: this kind
 * manages the existing one (create updates it, or creates it when it was deleted) and a destroy puts back what the
 * server makes at start instead of deleting it (a deleted adapter would come back at the next restart anyway).
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import type { Observed, ResourceKind } from "../kind";

export interface AdapterInputs {
  type: string;
  port?: number;
  enabled?: boolean;
}

/** The server's answer (a subset). */
export interface AdapterResponse {
  type: string;
  port: number;
  enabled: boolean;
  running: boolean;
  updated_at: string;
}

/** A health report of `/adapters/{type}/status` (the server caches them for 5 s). */
interface Report {
  status: string;
  message?: string;
  checked_at: string;
}

export const ADAPTER_TYPES = ["nfs", "smb"];

/** What the server makes at start for a missing adapter (its EnsureDefaultAdapters): what a destroy restores. */
export const START_PORTS: Record<string, number> = { nfs: 12049, smb: 1445 };

/** The port an adapter stored with port 0 listens on (the server's built-in defaults). */
const ZERO_PORT_BINDS: Record<string, number> = { nfs: 12049, smb: 12445 };

export const adapterPath = (type: string): string => `/api/v1/adapters/${seg(type)}`;

/** The PUT body: the port only when the inputs manage it. */
function body(i: AdapterInputs): Record<string, unknown> {
  return { enabled: i.enabled ?? true, ...(i.port !== undefined ? { port: i.port } : {}) };
}

function observed(a: AdapterResponse, known: Partial<AdapterInputs>): Observed<AdapterInputs> {
  // The port is shown when the inputs set one, or on an import (nothing known): a refresh of inputs that leave the
  // port to the server must not show the server's port as a change to undo.
  const showPort = known.port !== undefined || known.type === undefined;
  return {
    inputs: {
      type: a.type,
      ...(showPort ? { port: a.port || ZERO_PORT_BINDS[a.type] } : {}),
      enabled: a.enabled,
    },
    outputs: { running: a.running },
  };
}

/** How long an enabled adapter may take to listen after a change before the change counts as failed (tests shorten it). */
export const timing = { serveWaitMs: 15000, pollMs: 500 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for a health report of the adapter made after `since` (the server's clock) that says it serves. The server
 * answers a port change with 200 even when the adapter cannot listen there (it logs the failure): without this wait
 * the resource would report a port nothing listens on.
 */
export async function serving(api: ApiClient, a: AdapterResponse, since: string): Promise<void> {
  const deadline = Date.now() + timing.serveWaitMs;
  let last: Report | undefined;
  for (;;) {
    const r = await api.get<Report>(`${adapterPath(a.type)}/status`);
    if (r && Date.parse(r.checked_at) > Date.parse(since)) {
      last = r;
      if (r.status === "healthy" || r.status === "degraded") return;
    }
    if (Date.now() > deadline)
      throw new Error(
        `the server stored port ${a.port} for the ${a.type} adapter, but the adapter does not serve there (${last ? `${last.status}${last.message ? `: ${last.message}` : ""}` : "no health report"}); the port is probably taken (the REST API's, the metrics', the portmapper's or the other adapter's). Choose another port; the server's log says why`,
      );
    await sleep(timing.pollMs);
  }
}

/** Makes the server's adapter of the type the inputs: updated when it exists, created when someone deleted it. */
async function apply(api: ApiClient, i: AdapterInputs): Promise<Record<string, unknown>> {
  const before = await api.get<AdapterResponse>(adapterPath(i.type));
  if (before) await api.call("PUT", adapterPath(i.type), body(i));
  else
    try {
      // Without a port the server would bind its built-in default (12445 for SMB), not its start port (1445).
      await api.call("POST", "/api/v1/adapters", {
        type: i.type,
        port: START_PORTS[i.type],
        ...body(i),
      });
    } catch (e) {
      // Made by someone else between the two calls: it exists now, so apply the inputs to it.
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      await api.call("PUT", adapterPath(i.type), body(i));
    }
  const after = await api.get<AdapterResponse>(adapterPath(i.type));
  if (!after)
    throw new Error(`the ${i.type} adapter disappeared from the server while it was being changed`);
  if (after.enabled) {
    // A new listener is judged by reports made after the change; an unchanged one by reports since it last changed.
    const rebinds = !before || !before.enabled || before.port !== after.port;
    await serving(api, after, rebinds ? after.updated_at : before.updated_at);
  }
  return { running: after.running };
}

export const adapter: ResourceKind<AdapterInputs> = {
  name: "Adapter",
  description:
    "A protocol adapter of a DittoFS server (NFS or SMB), keyed by type: its port and whether it serves. The server makes both adapters itself at every start when missing (NFS on 12049, SMB on 1445), so this resource manages the existing adapter of its type: creating it applies the inputs to that adapter (`adopt` is not needed), and destroying it restores what the server makes at start (enabled, and the start port when the resource set a port) rather than deleting the adapter, which the server would recreate at its next restart. To leave the adapter as it is on destroy, use the `retainOnDelete` resource option; to stop serving the protocol, set `enabled: false`. The port must match the DittoServer's `adapters[].port`, which opens the container and Service ports.",
  inputs: {
    type: {
      type: "string",
      enum: ADAPTER_TYPES,
      replaceOnChanges: true,
      description:
        "The protocol: `nfs` or `smb` (the only adapters v0.29 can run). A change replaces the resource.",
    },
    port: {
      type: "integer",
      minimum: 1,
      maximum: 65535,
      description:
        "The TCP port the adapter listens on; the adapter restarts on a new port (clients reconnect). Unset, the server's port is left as it is (12049 for NFS and 1445 for SMB on a new server).",
    },
    enabled: {
      type: "boolean",
      default: true,
      description:
        "Whether the adapter runs; `false` stops it and keeps its settings. Defaults to `true`.",
    },
  },
  requiredInputs: ["type"],
  outputs: {
    running: {
      type: "boolean",
      description: "Whether the adapter was running when the server was last asked.",
    },
  },

  id: (i) => i.type,
  keyOf(id) {
    if (!ADAPTER_TYPES.includes(id))
      throw new Error(
        `an Adapter id is the adapter type, one of ${ADAPTER_TYPES.join(", ")}; got ${JSON.stringify(id)}`,
      );
    return { type: id };
  },

  create: (api, i) => apply(api, i),

  async read(api, id, known) {
    const a = await api.get<AdapterResponse>(adapterPath(id));
    return a && observed(a, known);
  },

  update: (api, _id, _olds, news) => apply(api, news),

  async delete(api, id, inputs) {
    const restore = {
      enabled: true,
      ...(inputs.port !== undefined ? { port: START_PORTS[id] } : {}),
    };
    await api.call("PUT", adapterPath(id), restore);
  },
};
