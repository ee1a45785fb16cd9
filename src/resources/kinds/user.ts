/**
 * `dittofs:index:User`: a user of the server (REST API, NFS and SMB identity), keyed by username. The password is
 * write-only on the server: it is set at create and reset when the input changes; a refresh cannot see it.
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import type { Failure, Observed, ResourceKind } from "../kind";
import { IDENTITY_NAME_PATTERN, MAX_UNIX_ID } from "./identity-names";
import { holderOf, takenError } from "./unix-ids";

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

const LIST = "/api/v1/users";
const path = (username: string): string => `${LIST}/${seg(username)}`;

/** A uid another user holds, as an error naming it; undefined when it is free. */
async function uidTaken(api: ApiClient, uid: number, username: string): Promise<Error | undefined> {
  const holder = await holderOf(api, LIST, "username", "uid", uid, username);
  return holder === undefined ? undefined : takenError("user", "uid", uid, holder);
}

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
  // An import (no known inputs) shows everything the server has.
  const importing = known.username === undefined;
  return {
    inputs: {
      username: u.username,
      // Never returned by the server: the state's, absent on import.
      ...(known.password !== undefined ? { password: known.password } : {}),
      role: u.role,
      ...(u.email ? { email: u.email } : {}),
      ...(u.display_name ? { displayName: u.display_name } : {}),
      // The server keeps an id it once had: a refresh shows it only when the inputs set one (else it is the server's
      // business, and an update could not take it away).
      ...((importing || known.uid !== undefined) && u.uid !== undefined ? { uid: u.uid } : {}),
      ...((importing || known.gid !== undefined) && u.gid !== undefined ? { gid: u.gid } : {}),
      enabled: u.enabled,
    } as UserInputs,
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
      pattern: IDENTITY_NAME_PATTERN,
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
    email: {
      type: "string",
      maxLength: 254,
      description: "An e-mail address, informational. Defaults to none.",
    },
    displayName: {
      type: "string",
      maxLength: 256,
      description: "A display name, informational. Defaults to none.",
    },
    uid: {
      type: "integer",
      minimum: 0,
      maximum: MAX_UNIX_ID,
      description:
        "The Unix uid NFS clients see for this user, unique on the server. Unset, the server's existing value (if any) is left alone.",
    },
    gid: {
      type: "integer",
      minimum: 0,
      maximum: MAX_UNIX_ID,
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
    try {
      const created = await api.call<UserResponse>("POST", LIST, {
        username: i.username,
        password: i.password,
        ...body(i),
      });
      return { userId: created?.id };
    } catch (e) {
      // The server says 409 "already exists" for a taken uid too: only a taken name is a conflict to adopt.
      if (e instanceof ApiError && e.status === 409 && i.uid !== undefined) {
        if (await api.get(path(i.username))) throw e;
        throw (await uidTaken(api, i.uid, i.username)) ?? e;
      }
      throw e;
    }
  },

  async read(api, id, known) {
    const u = await api.get<UserResponse>(path(id));
    // The server also finds a user by its internal id: only the user of this name is this resource.
    return u && u.username === id ? observed(u, known) : undefined;
  },

  async update(api, id, olds, news) {
    // The server answers a taken uid with a 500: ask first.
    if (news.uid !== undefined && news.uid !== olds.uid) {
      const taken = await uidTaken(api, news.uid, id);
      if (taken) throw taken;
    }
    await api.call("PUT", path(id), body(news));
    if (news.password !== olds.password)
      await api.call("POST", `${path(id)}/password`, { new_password: news.password });
  },

  async delete(api, id) {
    await api.call("DELETE", path(id));
  },
};
