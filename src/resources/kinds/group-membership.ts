/**
 * `dittofs:index:GroupMembership`: one user in one group, keyed `group/username`. Nothing of it can change in place:
 * another group or user is another membership. The server adds a member twice without a word, so the provider looks
 * first and treats an existing membership as the conflict it is (adopt it, or import it).
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import type { ResourceKind } from "../kind";
import { IDENTITY_NAME_PATTERN } from "./identity-names";

export interface GroupMembershipInputs {
  group: string;
  username: string;
}

/** A member as the server lists it (a subset). */
interface MemberResponse {
  username: string;
}

const members = (group: string): string => `/api/v1/groups/${seg(group)}/members`;

/** The group's members' names; undefined when the group does not exist. */
async function memberNames(api: ApiClient, group: string): Promise<string[] | undefined> {
  const list = await api.get<MemberResponse[]>(members(group));
  return list?.map((m) => m.username);
}

/** An existing membership, as the 409 the server does not send (lifecycle.ts adopts or refuses it). */
function alreadyMember(i: GroupMembershipInputs): ApiError {
  const e = new ApiError("GET", members(i.group), 409, "already a member");
  e.message = `username: ${JSON.stringify(i.username)} is already a member of group ${JSON.stringify(i.group)} (GET ${members(i.group)})`;
  return e;
}

export const groupMembership: ResourceKind<GroupMembershipInputs> = {
  name: "GroupMembership",
  description:
    "A user's membership of a group on a DittoFS server (the user gets the group's share permissions). The group may be one of the server's own (`admins`, `operators`, `users`).",
  inputs: {
    group: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      pattern: IDENTITY_NAME_PATTERN,
      replaceOnChanges: true,
      description:
        "The group's name; it must exist on the server (a Group, or one of the server's own groups). A change replaces the membership.",
    },
    username: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: IDENTITY_NAME_PATTERN,
      replaceOnChanges: true,
      description:
        "The user's name; the user must exist on the server. A change replaces the membership.",
    },
  },
  requiredInputs: ["group", "username"],

  id: (i) => `${i.group}/${i.username}`,
  keyOf: (id) => {
    const parts = id.split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new Error(
        `a GroupMembership id is \`<group>/<username>\` (e.g. \`developers/alice\`), got ${JSON.stringify(id)}`,
      );
    return { group: parts[0], username: parts[1] };
  },

  async create(api, i) {
    // A missing group is left to the POST, whose answer says so.
    if ((await memberNames(api, i.group))?.includes(i.username)) throw alreadyMember(i);
    try {
      await api.call("POST", members(i.group), { username: i.username });
    } catch (e) {
      // The server's 404 says which is missing, but not in the inputs' terms: name the field.
      if (e instanceof ApiError && e.status === 404)
        e.message = `${/group/i.test(e.detail) ? "group" : "username"}: ${e.message}`;
      throw e;
    }
  },

  async read(api, id) {
    const key = groupMembership.keyOf(id) as GroupMembershipInputs;
    const names = await memberNames(api, key.group);
    return names?.includes(key.username) ? { inputs: key } : undefined;
  },

  // Both inputs replace: an update changes nothing on the server (adoption calls it for secrets; there are none).
  async update() {},

  async delete(api, id) {
    const key = groupMembership.keyOf(id) as GroupMembershipInputs;
    await api.call("DELETE", `${members(key.group)}/${seg(key.username)}`);
  },
};
