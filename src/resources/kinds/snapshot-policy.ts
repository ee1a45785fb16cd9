/**
 * `dittofs:index:SnapshotPolicy`: a share's snapshot schedule and retention (at most one per share), keyed by the
 * share's name. The server runs it; snapshots it makes are pruned by `keepLast` and `ttl`.
 */
import { ApiError, type ApiClient } from "../api-client";
import type { Failure, ResourceKind } from "../kind";
import { DURATION_PATTERN, observedDuration, parseDuration } from "./duration";
import { SHARE_NAME_PATTERN, shareNameSchema, sharePath } from "./share-name";

export interface SnapshotPolicyInputs {
  share: string;
  interval: string;
  keepLast?: number;
  ttl?: string;
  enabled?: boolean;
  namePrefix?: string;
}

interface PolicyResponse {
  share: string;
  enabled: boolean;
  interval: string;
  keep_last: number;
  ttl?: string;
  name_prefix?: string;
}

const policyPath = (share: string): string => `${sharePath(share)}/snapshot-policy`;

function body(i: SnapshotPolicyInputs): Record<string, unknown> {
  return {
    interval: i.interval,
    keep_last: i.keepLast ?? 0,
    ttl: i.ttl ?? "0",
    enabled: i.enabled ?? true,
    name_prefix: i.namePrefix ?? "",
  };
}

export const snapshotPolicy: ResourceKind<SnapshotPolicyInputs> = {
  name: "SnapshotPolicy",
  description:
    "A share's scheduled snapshots: how often the server takes one, and how many (`keepLast`) or how old (`ttl`) it keeps. Snapshots need the share's local block store to be of type `fs`. One policy per share.",
  inputs: {
    share: shareNameSchema("The share's name (`/export`). A change replaces the policy."),
    interval: {
      type: "string",
      // Go durations and the server's three shorthands; no cron expressions (the server has none).
      pattern: `^(@hourly|@daily|@weekly|${DURATION_PATTERN.slice(2, -2)})$`,
      description:
        "How often a snapshot is taken: a Go duration (`6h`, `1h30m`) or `@hourly`, `@daily`, `@weekly` (no cron expressions).",
    },
    keepLast: {
      type: "integer",
      minimum: 0,
      maximum: 2147483647,
      default: 0,
      description: "How many scheduled snapshots to keep; `0` keeps any number. Defaults to `0`.",
    },
    ttl: {
      type: "string",
      pattern: DURATION_PATTERN,
      description:
        "The age (a Go duration, `720h`) after which scheduled snapshots are pruned; `0` or unset prunes none by age.",
    },
    enabled: {
      type: "boolean",
      default: true,
      description: "Whether the schedule runs. Defaults to `true`.",
    },
    namePrefix: {
      type: "string",
      pattern: "^[A-Za-z0-9_-]{0,64}$",
      description:
        "The prefix of the snapshots' labels (`<prefix>-<timestamp>`): letters, digits, `_` and `-`, at most 64. Unset, the server's.",
    },
  },
  requiredInputs: ["share", "interval"],

  id: (i) => i.share,
  keyOf(id) {
    if (!new RegExp(SHARE_NAME_PATTERN, "u").test(id))
      throw new Error(
        `SnapshotPolicy id ${JSON.stringify(id)} is malformed: expected the share's name with one leading / (\`/export\`)`,
      );
    return { share: id };
  },

  rules(i): Failure[] {
    return i.interval.startsWith("@") || parseDuration(i.interval) > 0
      ? []
      : [{ property: "interval", reason: `${i.interval} is not a positive duration` }];
  },

  async create(api: ApiClient, i) {
    // The server's PUT is an upsert: an existing policy is a conflict here, so only `adopt` takes it over.
    if (await api.get(policyPath(i.share)))
      throw new ApiError(
        "PUT",
        policyPath(i.share),
        409,
        "Conflict: the share already has a snapshot policy",
      );
    await api.call("PUT", policyPath(i.share), body(i));
  },

  async read(api, id, known) {
    const p = await api.get<PolicyResponse>(policyPath(id));
    if (!p) return undefined;
    const interval = observedDuration(p.interval, known.interval) ?? p.interval;
    const ttl = observedDuration(p.ttl, known.ttl);
    return {
      inputs: {
        share: id,
        interval,
        keepLast: p.keep_last,
        ...(ttl !== undefined ? { ttl } : {}),
        enabled: p.enabled,
        ...(p.name_prefix
          ? { namePrefix: p.name_prefix }
          : known.namePrefix === ""
            ? { namePrefix: "" }
            : {}),
      },
    };
  },

  async update(api, id, _olds, news) {
    await api.call("PUT", policyPath(id), body(news));
  },

  async delete(api, id) {
    await api.call("DELETE", policyPath(id));
  },
};
