/**
 * The names users and groups share: the server keys both by name in URL paths, and a membership's id joins them with
 * `/`, so neither may hold `/` (nor `\`, `:`, whitespace or control characters, which NFS and SMB identities refuse).
 */
export const IDENTITY_NAME_PATTERN = "^[^/\\\\:\\s\\x00-\\x1f]+$";

/** The groups the server makes at its first start and refuses to delete. */
export const SYSTEM_GROUPS = ["admins", "operators", "users"];

/** The largest Unix uid or gid (32 bits). */
export const MAX_UNIX_ID = 4294967295;
