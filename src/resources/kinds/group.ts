/**
 * `dittofs:index:Group`: a group of users of the server, keyed by name. Its members are GroupMemberships; its share
 * access SharePermissions. The server cannot rename a group (a new name replaces it) nor take a gid away.
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import type { Failure, Observed, ResourceKind } from "../kind";
import { IDENTITY_NAME_PATTERN, MAX_UNIX_ID, SYSTEM_GROUPS } from "./identity-names";
import { holderOf, takenError } from "./unix-ids";

export interface GroupInputs {
  name: string;
  description?: string;
  gid?: number;
}

/** The server's answer (a subset). */
interface GroupResponse {
  id: string;
  name: string;
  gid?: number;
  description?: string;
}

const LIST = "/api/v1/groups";
const path = (name: string): string => `${LIST}/${seg(name)}`;

function observed(g: GroupResponse, known: Partial<GroupInputs>): Observed<GroupInputs> {
  // An import (no known inputs) shows everything; a refresh shows the gid only when the inputs manage it, because
  // the server keeps a gid it once had and an update cannot take it away.
  const importing = known.name === undefined;
  const showGid = g.gid !== undefined && (importing || known.gid !== undefined);
  return {
    inputs: {
      name: g.name,
      ...(g.description ? { description: g.description } : {}),
      ...(showGid ? { gid: g.gid } : {}),
    },
    outputs: { groupId: g.id },
  };
}

/** A gid another group holds, as an error naming it; undefined when it is free. */
async function gidTaken(api: ApiClient, gid: number, name: string): Promise<Error | undefined> {
  const holder = await holderOf(api, LIST, "name", "gid", gid, name);
  return holder === undefined ? undefined : takenError("group", "gid", gid, holder);
}

export const group: ResourceKind<GroupInputs> = {
  name: "Group",
  description:
    "A group of users of a DittoFS server: NFS sees it by gid, SMB and share permissions by name. Its members are GroupMemberships, its access to shares SharePermissions.",
  inputs: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      pattern: IDENTITY_NAME_PATTERN,
      replaceOnChanges: true,
      description:
        "The group's name, unique on the server (no whitespace, `/`, `\\` or `:`). Not `admins`, `operators` or `users`: those are the server's own groups (add members to them with GroupMembership). A change replaces the group.",
    },
    description: {
      type: "string",
      maxLength: 1024,
      description: "What the group is for, informational. Defaults to none.",
    },
    gid: {
      type: "integer",
      // 0 is the server's `admins` group, and a create reads 0 as "no gid".
      minimum: 1,
      maximum: MAX_UNIX_ID,
      description:
        "The Unix gid NFS clients see for this group, unique on the server (0 is the `admins` group's). Unset, the group has no gid, or keeps the one it has: the server cannot take a gid away.",
    },
  },
  requiredInputs: ["name"],
  outputs: {
    groupId: { type: "string", description: "The server's id of the group." },
  },

  id: (i) => i.name,
  keyOf: (id) => {
    if (!id || id.includes("/"))
      throw new Error(`a Group id is the group's name (no \`/\`), got ${JSON.stringify(id)}`);
    return { name: id };
  },

  rules(i): Failure[] {
    return SYSTEM_GROUPS.includes(i.name)
      ? [
          {
            property: "name",
            reason: `${JSON.stringify(i.name)} is one of the server's own groups (${SYSTEM_GROUPS.join(", ")}), which exist already and cannot be deleted; add users to it with a GroupMembership, or name a group of your own`,
          },
        ]
      : [];
  },

  async create(api, i) {
    try {
      const created = await api.call<GroupResponse>("POST", LIST, {
        name: i.name,
        description: i.description ?? "",
        ...(i.gid !== undefined ? { gid: i.gid } : {}),
      });
      return { groupId: created?.id };
    } catch (e) {
      // The server says 409 "already exists" for a taken gid too: only a taken name is a conflict to adopt.
      if (e instanceof ApiError && e.status === 409 && i.gid !== undefined) {
        if (await api.get(path(i.name))) throw e;
        throw (await gidTaken(api, i.gid, i.name)) ?? e;
      }
      throw e;
    }
  },

  async read(api, id, known) {
    const g = await api.get<GroupResponse>(path(id));
    // The server also finds a group by its internal id: only the group of this name is this resource.
    return g && g.name === id ? observed(g, known) : undefined;
  },

  async update(api, id, olds, news) {
    // The server answers a taken gid with a 500: ask first.
    if (news.gid !== undefined && news.gid !== olds.gid) {
      const taken = await gidTaken(api, news.gid, id);
      if (taken) throw taken;
    }
    await api.call("PUT", path(id), {
      description: news.description ?? "",
      ...(news.gid !== undefined ? { gid: news.gid } : {}),
    });
  },

  async delete(api, id) {
    await api.call("DELETE", path(id));
  },
};
