/** Bad inputs of dittofs:index:Group. */
import type { BadInput } from "./types";

const T = "dittofs:index:Group";

export const GROUP_BAD_INPUTS: BadInput[] = [
  {
    title: "a group without a name",
    type: T,
    inputs: { description: "no name" },
    property: "name",
    reason: /is required/,
  },
  {
    title: "an empty group name",
    type: T,
    inputs: { name: "" },
    property: "name",
    reason: /must be at least 1 characters/,
  },
  {
    title: "a group name with a slash (the server routes by name)",
    type: T,
    inputs: { name: "eng/dev" },
    property: "name",
    reason: /must match/,
  },
  {
    title: "one of the server's own groups",
    type: T,
    inputs: { name: "users", gid: 1000 },
    property: "name",
    reason: /one of the server's own groups.*GroupMembership/,
  },
  {
    title: "gid 0 (the admins group's, and 'no gid' to a create)",
    type: T,
    inputs: { name: "devs", gid: 0 },
    property: "gid",
    reason: /must be >= 1/,
  },
  {
    title: "a negative gid",
    type: T,
    inputs: { name: "devs", gid: -5 },
    property: "gid",
    reason: /must be >= 1/,
  },
  {
    title: "a gid that is not an integer",
    type: T,
    inputs: { name: "devs", gid: "1001" },
    property: "gid",
    reason: /must be an integer/,
  },
  {
    title: "members listed on the group (they are GroupMemberships)",
    type: T,
    inputs: { name: "devs", members: ["alice"] },
    property: "members",
    reason: /unknown field/,
  },
  {
    title: "a gid another group holds",
    type: T,
    inputs: { name: "devs-two", gid: 1000 },
    property: "gid",
    reason: /1000 is already the gid of group "users"/,
    serverOnly: true,
  },
];
