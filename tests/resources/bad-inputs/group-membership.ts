/** Bad inputs of dittofs:index:GroupMembership. */
import type { BadInput } from "./types";

const T = "dittofs:index:GroupMembership";

export const GROUP_MEMBERSHIP_BAD_INPUTS: BadInput[] = [
  {
    title: "a membership without a user",
    type: T,
    inputs: { group: "devs" },
    property: "username",
    reason: /is required/,
  },
  {
    title: "a membership without a group",
    type: T,
    inputs: { username: "alice" },
    property: "group",
    reason: /is required/,
  },
  {
    title: "a group name with a slash (the id joins group and user with one)",
    type: T,
    inputs: { group: "eng/dev", username: "alice" },
    property: "group",
    reason: /must match/,
  },
  {
    title: "a list of users in one membership",
    type: T,
    inputs: { group: "devs", username: ["alice", "bob"] },
    property: "username",
    reason: /must be a string/,
  },
  {
    title: "a duplicate membership",
    type: T,
    inputs: { group: "devs", username: "alice" },
    property: "username",
    reason: /^username: "alice" is already a member of group "devs".*Set adopt: true/,
    serverOnly: true,
  },
  {
    title: "a user that does not exist",
    type: T,
    inputs: { group: "devs", username: "nobody" },
    property: "username",
    reason: /^username: POST .*: HTTP 404: Not Found: User not found/,
    serverOnly: true,
  },
  {
    title: "a group that does not exist",
    type: T,
    inputs: { group: "no-such-group", username: "alice" },
    property: "group",
    reason: /^group: POST .*: HTTP 404: Not Found: Group not found/,
    serverOnly: true,
  },
];
