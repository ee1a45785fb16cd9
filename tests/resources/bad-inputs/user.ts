/** Bad inputs of dittofs:index:User. */
import type { BadInput } from "./types";

const T = "dittofs:index:User";
const ok = { username: "alice", password: "pw-alice-1" };

export const USER_BAD_INPUTS: BadInput[] = [
  {
    title: "a role the server does not have",
    type: T,
    inputs: { ...ok, role: "root" },
    property: "role",
    reason: /"root" must be one of user, operator, admin/,
  },
  {
    title: "the server's own admin user",
    type: T,
    inputs: { ...ok, username: "admin" },
    property: "username",
    reason: /the admin user is the server's own/,
  },
  {
    title: "an empty password",
    type: T,
    inputs: { ...ok, password: "" },
    property: "password",
    reason: /must be at least 1 characters/,
  },
  {
    title: "a password that is not a string",
    type: T,
    inputs: { ...ok, password: 12345678 },
    property: "password",
    reason: /must be a string/,
  },
  {
    title: "a username with a space",
    type: T,
    inputs: { ...ok, username: "alice smith" },
    property: "username",
    reason: /must match/,
  },
  {
    title: "a uid beyond 32 bits",
    type: T,
    inputs: { ...ok, uid: 4294967296 },
    property: "uid",
    reason: /must be <= 4294967295/,
  },
  {
    title: "a uid another user holds",
    type: T,
    inputs: { ...ok, username: "dup-uid", uid: 4242 },
    property: "uid",
    reason: /4242 is already the uid of user "alice"/,
    serverOnly: true,
  },
];
