/**
 * `dittofs:index:SharePermission`: one principal's access level on one share — a local user, a local group, or a
 * Windows/AD SID. Id `<share>|<type>:<principal>` (`/export|user:alice`, `/export|sid:S-1-5-21-1-2-3-1001`).
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import type { Failure, ResourceKind } from "../kind";
import { shareNameSchema, sharePath, splitShareId } from "./share-name";

export interface SharePermissionInputs {
  share: string;
  principalType: "user" | "group" | "sid";
  principal: string;
  level: string;
  isGroup?: boolean;
  displayName?: string;
}

/** An entry of GET /shares/{name}/permissions. */
interface PermissionEntry {
  type: "user" | "group" | "sid";
  name: string;
  level: string;
  sid?: string;
  is_group?: boolean;
}

const TYPES = ["user", "group", "sid"] as const;
/** The canonical form the server stores (and lists) a SID in. */
const SID_PATTERN = /^S-1-[0-9]+(-[0-9]+)+$/;

const segment = { user: "users", group: "groups", sid: "sids" } as const;
const grantPath = (
  i: Pick<SharePermissionInputs, "share" | "principalType" | "principal">,
): string => `${sharePath(i.share)}/permissions/${segment[i.principalType]}/${seg(i.principal)}`;

const SHAPE = "`<share>|user:<username>`, `<share>|group:<group>` or `<share>|sid:<SID>`";

async function find(
  api: ApiClient,
  i: Pick<SharePermissionInputs, "share" | "principalType" | "principal">,
): Promise<PermissionEntry | undefined> {
  const list = await api.get<PermissionEntry[] | null>(`${sharePath(i.share)}/permissions`);
  return (list ?? []).find((e) =>
    i.principalType === "sid"
      ? e.type === "sid" && e.sid === i.principal
      : e.type === i.principalType && e.name === i.principal,
  );
}

function grantBody(i: SharePermissionInputs): Record<string, unknown> {
  return i.principalType === "sid"
    ? { level: i.level, is_group: i.isGroup ?? true, display_name: i.displayName ?? "" }
    : { level: i.level };
}

export const sharePermission: ResourceKind<SharePermissionInputs> = {
  name: "SharePermission",
  description:
    "A principal's access level on a share: a local User or Group by name, or a Windows/AD user or group by SID (no local object needed). Principals without one get the share's defaultPermission.",
  inputs: {
    share: shareNameSchema("The share's name (`/export`). A change replaces the permission."),
    principalType: {
      type: "string",
      enum: [...TYPES],
      replaceOnChanges: true,
      description:
        "`user` (a local User), `group` (a local Group) or `sid` (a Windows/AD SID). A directory principal without a local object is granted by `sid` (the server stores a name it resolves through LDAP as a SID grant, which a `user` or `group` permission would not find again). A change replaces the permission.",
    },
    principal: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      // A `/` would end the path segment; the server's router does not unescape `%2F` for these names.
      pattern: "^[^/\\x00-\\x1f]+$",
      replaceOnChanges: true,
      description:
        "The username, group name, or SID (`S-1-5-21-…`, canonical upper-case form). The user or group must exist on the server. A change replaces the permission.",
    },
    level: {
      type: "string",
      enum: ["none", "read", "read-write", "admin"],
      description:
        "`none`, `read`, `read-write` or `admin` (`none` denies even with a group grant).",
    },
    isGroup: {
      type: "boolean",
      description:
        "With `principalType: sid`: whether the SID is a group (else a user). The server treats an unset value as a group. Only for SIDs.",
    },
    displayName: {
      type: "string",
      maxLength: 256,
      description: "With `principalType: sid`: the name shown for the SID. Only for SIDs.",
    },
  },
  requiredInputs: ["share", "principalType", "principal", "level"],

  id: (i) => `${i.share}|${i.principalType}:${i.principal}`,
  keyOf(id) {
    const { share, rest } = splitShareId(id, "SharePermission", SHAPE);
    const m = /^(user|group|sid):(.+)$/s.exec(rest);
    if (!m)
      throw new Error(`SharePermission id ${JSON.stringify(id)} is malformed: expected ${SHAPE}`);
    return {
      share,
      principalType: m[1] as SharePermissionInputs["principalType"],
      principal: m[2],
    };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    if (i.principalType === "sid" && !SID_PATTERN.test(i.principal))
      failures.push({
        property: "principal",
        reason: `${JSON.stringify(i.principal)} is not a SID in canonical form (\`S-1-5-21-…\`, upper-case S)`,
      });
    if (i.principalType !== "sid")
      for (const k of ["isGroup", "displayName"] as const)
        if (i[k] !== undefined)
          failures.push({ property: k, reason: `applies to principalType \`sid\` only` });
    return failures;
  },

  async create(api, i) {
    // The server's PUT is an upsert: an existing grant is a conflict here, so only `adopt` takes it over.
    if (await find(api, i))
      throw new ApiError(
        "PUT",
        grantPath(i),
        409,
        "Conflict: the principal already has a permission on the share",
      );
    await api.call("PUT", grantPath(i), grantBody(i));
  },

  async read(api, id, known) {
    const key = sharePermission.keyOf(id) as SharePermissionInputs;
    const e = await find(api, key);
    if (!e) return undefined;
    const sid = key.principalType === "sid";
    return {
      inputs: {
        ...key,
        level: e.level,
        // The server always has an is_group for a SID: shown when the inputs set it, or when it is not the default.
        ...(sid && (known.isGroup !== undefined || e.is_group === false)
          ? { isGroup: e.is_group }
          : {}),
        ...(sid && e.name !== e.sid ? { displayName: e.name } : {}),
      },
    };
  },

  async update(api, _id, _olds, news) {
    await api.call("PUT", grantPath(news), grantBody(news));
  },

  async delete(api, id) {
    const i = sharePermission.keyOf(id) as SharePermissionInputs;
    try {
      await api.call("DELETE", grantPath(i));
    } catch (e) {
      // With the share gone the grant is gone too (the server may answer that with an error other than 404).
      if (e instanceof ApiError && !(await api.get(sharePath(i.share)))) return;
      throw e;
    }
  },
};
