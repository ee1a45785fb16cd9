/**
 * `dittofs:index:ShareQuota`: a byte and file-count quota on one share for one user (by uid), one group (by gid), or
 * every user without a quota of their own (`default-user`). Id `<share>|user:<uid>`, `<share>|group:<gid>` or
 * `<share>|default-user`. The share's own total is the Share's `quotaBytes`.
 */
import { ApiError, type ApiClient } from "../api-client";
import type { Failure, PropertySchema, ResourceKind } from "../kind";
import { byteSizeSchema, observedSize, parseByteSize } from "./byte-size";
import { shareNameSchema, sharePath, splitShareId } from "./share-name";

export interface ShareQuotaInputs {
  share: string;
  scope: "user" | "group" | "default-user";
  identityId?: number;
  limitBytes?: string;
  softBytes?: string;
  limitFiles?: number;
  softFiles?: number;
  graceSeconds?: number;
}

interface QuotaResponse {
  share_name: string;
  scope: ShareQuotaInputs["scope"];
  identity_id?: number;
  limit_bytes?: string;
  soft_bytes?: string;
  limit_files: number;
  soft_files: number;
  grace_seconds: number;
}

type Key = Pick<ShareQuotaInputs, "share" | "scope" | "identityId">;

// The v0.29 server's own `/quotas/default-user` routes answer 400 (their handler reads a {scope} they lack); the
// generic `/quotas/{scope}/{id}` route serves default-user too and ignores the id, so `default-user/0` it is.
const quotaPath = (k: Key): string =>
  `${sharePath(k.share)}/quotas/${k.scope}/${k.scope === "default-user" ? 0 : k.identityId}`;

const SHAPE = "`<share>|user:<uid>`, `<share>|group:<gid>` or `<share>|default-user`";

const count = (description: string): PropertySchema => ({
  type: "integer",
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  default: 0,
  description: `${description} Defaults to \`0\`.`,
});

function body(i: ShareQuotaInputs): Record<string, unknown> {
  // The server replaces the whole quota: every field, with "none" for those unset.
  return {
    limit_bytes: i.limitBytes ?? "0",
    soft_bytes: i.softBytes ?? "0",
    limit_files: i.limitFiles ?? 0,
    soft_files: i.softFiles ?? 0,
    grace_seconds: i.graceSeconds ?? 0,
  };
}

export const shareQuota: ResourceKind<ShareQuotaInputs> = {
  name: "ShareQuota",
  description:
    "A per-identity quota on a share: bytes and files, hard and soft, for a user (uid), a group (gid), or every user without their own (`default-user`). NFS and SMB both enforce it.",
  inputs: {
    share: shareNameSchema("The share's name (`/export`). A change replaces the quota."),
    scope: {
      type: "string",
      enum: ["user", "group", "default-user"],
      replaceOnChanges: true,
      description:
        "`user` (one uid), `group` (one gid) or `default-user` (each user without a `user` quota). A change replaces the quota.",
    },
    identityId: {
      type: "integer",
      minimum: 0,
      maximum: 4294967295,
      replaceOnChanges: true,
      description:
        "The uid (scope `user`) or gid (scope `group`) the quota applies to; not set for `default-user`. A change replaces the quota.",
    },
    limitBytes: byteSizeSchema("The hard byte limit (`10GiB`); `0` or unset is no limit."),
    softBytes: byteSizeSchema(
      "The soft byte threshold (`8GiB`), enforced as hard after `graceSeconds`; at most `limitBytes`. `0` or unset is none.",
    ),
    limitFiles: count("The hard limit on files (inodes); `0` is no limit."),
    softFiles: count("The soft file threshold, at most `limitFiles`; `0` is none."),
    graceSeconds: count(
      "Seconds usage may stay above a soft threshold before it counts as hard; `0` makes soft thresholds advisory.",
    ),
  },
  requiredInputs: ["share", "scope"],

  id: (i) =>
    `${i.share}|${i.scope === "default-user" ? "default-user" : `${i.scope}:${i.identityId}`}`,
  keyOf(id) {
    const { share, rest } = splitShareId(id, "ShareQuota", SHAPE);
    if (rest === "default-user") return { share, scope: "default-user" };
    const m = /^(user|group):(0|[1-9][0-9]{0,9})$/.exec(rest);
    if (!m || Number(m[2]) > 4294967295)
      throw new Error(`ShareQuota id ${JSON.stringify(id)} is malformed: expected ${SHAPE}`);
    return { share, scope: m[1] as "user" | "group", identityId: Number(m[2]) };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    if (i.scope === "default-user" && i.identityId !== undefined)
      failures.push({
        property: "identityId",
        reason:
          "scope `default-user` applies to every user without a quota: leave identityId unset",
      });
    if (i.scope !== "default-user" && i.identityId === undefined)
      failures.push({
        property: "identityId",
        reason: `scope \`${i.scope}\` needs the ${i.scope === "user" ? "uid" : "gid"} it applies to`,
      });
    const hard = parseByteSize(i.limitBytes ?? "0");
    const soft = parseByteSize(i.softBytes ?? "0");
    if (hard > 0 && soft > hard)
      failures.push({
        property: "softBytes",
        reason: `${i.softBytes} exceeds limitBytes ${i.limitBytes}`,
      });
    if ((i.limitFiles ?? 0) > 0 && (i.softFiles ?? 0) > (i.limitFiles ?? 0))
      failures.push({
        property: "softFiles",
        reason: `${i.softFiles} exceeds limitFiles ${i.limitFiles}`,
      });
    return failures;
  },

  async create(api: ApiClient, i) {
    // The server stores a quota for any share name, existing or not: refuse one the quota would never apply to.
    if (!(await api.get(sharePath(i.share))))
      throw new ApiError(
        "GET",
        sharePath(i.share),
        404,
        `Share not found: ${i.share} does not exist on the server`,
      );
    // Its PUT is an upsert: an existing quota is a conflict here, so only `adopt` takes it over.
    if (await api.get(quotaPath(i)))
      throw new ApiError("PUT", quotaPath(i), 409, "Conflict: the share already has this quota");
    await api.call("PUT", quotaPath(i), body(i));
  },

  async read(api, id, known) {
    const key = shareQuota.keyOf(id) as Key;
    const q = await api.get<QuotaResponse>(quotaPath(key));
    if (!q) return undefined;
    const limitBytes = observedSize(q.limit_bytes, known.limitBytes);
    const softBytes = observedSize(q.soft_bytes, known.softBytes);
    return {
      inputs: {
        ...key,
        ...(limitBytes !== undefined ? { limitBytes } : {}),
        ...(softBytes !== undefined ? { softBytes } : {}),
        limitFiles: q.limit_files,
        softFiles: q.soft_files,
        graceSeconds: q.grace_seconds,
      } as ShareQuotaInputs,
    };
  },

  async update(api, _id, _olds, news) {
    await api.call("PUT", quotaPath(news), body(news));
  },

  async delete(api, id) {
    await api.call("DELETE", quotaPath(shareQuota.keyOf(id) as Key));
  },
};
