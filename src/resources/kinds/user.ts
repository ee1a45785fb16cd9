/**
 * `dittofs:index:User`: a user of the server (REST API, NFS and SMB identity), keyed by username. The password is
 * write-only on the server: it is set at create and reset when the input changes; a refresh cannot see it.
 */
import { seg, type ApiClient } from "../api-client";
import type { Failure, Observed, ResourceKind } from "../kind";

export interface UserInputs {
  username: string;
  password: string;
  role?: string;
  email?: string;
  displayName?: string;
  uid?: number;
  gid?: number;
  enabled?: boolean;
}

/** The server's answer (a subset). */
interface UserResponse {
  id: string;
  username: string;
  role: string;
  email?: string;
  display_name?: string;
  uid?: number;
  gid?: number;
  enabled: boolean;
}

const path = (username: string): string => `/api/v1/users/${seg(username)}`;

/** What the server takes in a create or an update. */
function body(i: UserInputs): Record<string, unknown> {
  return {
    role: i.role,
    email: i.email ?? "",
    display_name: i.displayName ?? "",
    uid: i.uid,
    gid: i.gid,
    enabled: i.enabled ?? true,
  };
}

function observed(u: UserResponse, known: Partial<UserInputs>): Observed<UserInputs> {
  return {
    inputs: {
      username: u.username,
      password: known.password as string,
      role: u.role,
      ...(u.email ? { email: u.email } : {}),
      ...(u.display_name ? { displayName: u.display_name } : {}),
      // The server keeps an id it once had: shown only when the inputs set one (else it is the server's business).
      ...(known.uid !== undefined && u.uid !== undefined ? { uid: u.uid } : {}),
      ...(known.gid !== undefined && u.gid !== undefined ? { gid: u.gid } : {}),
      enabled: u.enabled,
    },
    outputs: { userId: u.id },
  };
}

export const user: ResourceKind<UserInputs> = {
  name: "User",
  description:
    "A user of a DittoFS server: logs in to the REST API and is the identity NFS (by uid) and SMB (by name and password) map to. Group membership is a GroupMembership; share access a SharePermission.",
  inputs: {
    username: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[^/\\\\:\\s\\x00-\\x1f]+$",
      replaceOnChanges: true,
      description:
        "The login name, unique on the server (no whitespace, `/`, `\\` or `:`). A change replaces the user.",
    },
    password: {
      type: "string",
      minLength: 1,
      secret: true,
      description:
        "The password (REST API and SMB). Reset on the server when it changes; the server never shows it, so a refresh cannot detect a change made elsewhere.",
    },
    role: {
      type: "string",
      enum: ["user", "operator", "admin"],
      default: "user",
      description:
        "`user`, `operator` (read-only API access, as the operator's service account) or `admin`. The server makes an `admin` change its password at first login. Defaults to `user`.",
    },
    email: { type: "string", maxLength: 254, description: "An e-mail address, informational." },
    displayName: { type: "string", maxLength: 256, description: "A display name, informational." },
    uid: {
      type: "integer",
      minimum: 0,
      maximum: 4294967295,
      description:
        "The Unix uid NFS clients see for this user. Unset, the server's existing value (if any) is left alone.",
    },
    gid: {
      type: "integer",
      minimum: 0,
      maximum: 4294967295,
      description:
        "The Unix primary gid. Unset, the server's existing value (if any) is left alone.",
    },
    enabled: {
      type: "boolean",
      default: true,
      description: "Whether the user can log in and mount. Defaults to `true`.",
    },
  },
  requiredInputs: ["username", "password"],
  outputs: {
    userId: { type: "string", description: "The server's id of the user." },
  },

  id: (i) => i.username,
  keyOf: (id) => ({ username: id }),

  rules(i): Failure[] {
    return i.username === "admin"
      ? [
          {
            property: "username",
            reason:
              "the admin user is the server's own (its password comes from the DittoServer's identity.admin); manage another user",
          },
        ]
      : [];
  },

  async create(api: ApiClient, i) {
    const created = await api.call<UserResponse>("POST", "/api/v1/users", {
      username: i.username,
      password: i.password,
      ...body(i),
    });
    return { userId: created?.id };
  },

  async read(api, id, known) {
    const u = await api.get<UserResponse>(path(id));
    return u && observed(u, known);
  },

  async update(api, id, olds, news) {
    await api.call("PUT", path(id), body(news));
    if (news.password !== olds.password)
      await api.call("POST", `${path(id)}/password`, { new_password: news.password });
  },

  async delete(api, id) {
    await api.call("DELETE", path(id));
  },
};
