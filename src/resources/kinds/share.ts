/**
 * `dittofs:index:Share`: an export of the server (NFS export path and SMB share), keyed by its name (`/export`). It
 * names a metadata store and a local block store (and optionally a remote one) that must exist on the server.
 */
import type { ApiClient } from "../api-client";
import type { Failure, Observed, PropertySchema, ResourceKind } from "../kind";
import { byteSizeSchema, observedSize } from "./byte-size";
import { DURATION_PATTERN, observedDuration, parseDuration } from "./duration";
import { shareNameSchema, sharePath } from "./share-name";
import { storeName } from "./store-refs";

export interface ShareInputs {
  name: string;
  metadataStore: string;
  localBlockStore: string;
  remoteBlockStore?: string;
  enabled?: boolean;
  readOnly?: boolean;
  defaultPermission?: string;
  owner?: string;
  encryptData?: boolean;
  blockedOperations?: string[];
  retentionPolicy?: string;
  retentionTtl?: string;
  localStoreSize?: string;
  readBufferSize?: string;
  quotaBytes?: string;
  aclFlagInheritedCanonicalization?: boolean;
  accessBasedEnumeration?: boolean;
  changeNotifyDisabled?: boolean;
  streamsDisabled?: boolean;
  continuousAvailability?: boolean;
  allowMfsymlink?: boolean;
  trashEnabled?: boolean;
  trashRetentionDays?: number;
  trashRestrictToAdmin?: boolean;
  trashMaxBytes?: number;
  trashExcludePatterns?: string[];
}

/** The server's answer (a subset). */
interface ShareResponse {
  id: string;
  name: string;
  metadata_store_id: string;
  local_block_store_id: string;
  remote_block_store_id: string | null;
  read_only: boolean;
  enabled: boolean;
  encrypt_data: boolean;
  default_permission: string;
  owner_uid?: number;
  blocked_operations?: string[];
  retention_policy: string;
  retention_ttl?: string;
  local_store_size?: string;
  read_buffer_size?: string;
  quota_bytes?: string;
  acl_flag_inherited_canonicalization: boolean;
  access_based_enumeration: boolean;
  change_notify_disabled: boolean;
  streams_disabled: boolean;
  continuous_availability: boolean;
  allow_mfsymlink: boolean;
  trash_enabled: boolean;
  trash_retention_days: number;
  trash_restrict_to_admin: boolean;
  trash_max_bytes: number;
  trash_exclude_patterns?: string[];
}

/** The operations the server lets a share block (NFS and SMB). */
const BLOCKABLE = [
  ...["NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE"],
  ...["MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS"],
  ...["FSSTAT", "FSINFO", "PATHCONF", "COMMIT", "OPEN", "CLOSE", "LOCK", "LOCKT", "LOCKU"],
  ...["DELEGRETURN", "PUTFH", "PUTROOTFH", "GETFH", "SAVEFH", "RESTOREFH", "VERIFY", "NVERIFY"],
  ...["SECINFO", "SETCLIENTID", "RENEW", "NEGOTIATE", "SESSION_SETUP", "LOGOFF", "TREE_CONNECT"],
  ...["TREE_DISCONNECT", "FLUSH", "IOCTL", "CANCEL", "ECHO", "QUERY_DIRECTORY", "CHANGE_NOTIFY"],
  ...["QUERY_INFO", "SET_INFO", "OPLOCK_BREAK"],
];

const flag = (description: string, dflt: boolean): PropertySchema => ({
  type: "boolean",
  default: dflt,
  description: `${description} Defaults to \`${dflt}\`.`,
});

const STORE_NAME: Pick<PropertySchema, "type" | "minLength"> = { type: "string", minLength: 1 };

const inputs: Record<string, PropertySchema> = {
  name: shareNameSchema(
    "The share's name and NFS export path, with one leading `/` (`/export`); SMB clients see it without the slash. A change replaces the share.",
  ),
  metadataStore: {
    ...STORE_NAME,
    replaceOnChanges: true,
    description:
      "The name (or id) of the metadata store holding the share's file tree; it must exist on the server (a MetadataStore). The server cannot move a share to another metadata store: a change replaces the share.",
  },
  localBlockStore: {
    ...STORE_NAME,
    description:
      "The name (or id) of the local block store (kind `local`) caching the share's data; it must exist on the server. A change rebinds the share in place.",
  },
  remoteBlockStore: {
    ...STORE_NAME,
    description:
      "The name (or id) of a remote block store (kind `remote`, e.g. S3) for durable tiered storage. Unset, the share is local only (removing it detaches the remote tier).",
  },
  enabled: flag("Whether clients can mount the share (a disabled share drops its sessions).", true),
  readOnly: flag("Whether the share is exported read-only.", false),
  defaultPermission: {
    type: "string",
    enum: ["none", "read", "read-write", "admin"],
    default: "none",
    description:
      "The access of users without a SharePermission (and of unmapped NFS uids): `none`, `read`, `read-write` or `admin`. Defaults to `none`.",
  },
  owner: {
    type: "string",
    minLength: 1,
    replaceOnChanges: true,
    description:
      "A username (with a uid) whose uid and gid own the share's root directory. Set at creation only: a change replaces the share. Unset, root owns it.",
  },
  encryptData: flag("Whether SMB3 clients must encrypt their traffic to this share.", false),
  blockedOperations: {
    type: "array",
    items: { type: "string", enum: BLOCKABLE, description: "An NFS or SMB operation name." },
    description:
      "NFS or SMB operations the share refuses (`WRITE`, `REMOVE`, `SET_INFO`, …). Unset, none are blocked.",
  },
  retentionPolicy: {
    type: "string",
    enum: ["lru", "pin", "ttl"],
    default: "lru",
    description:
      "How the local block store evicts the share's blocks: `lru`, `pin` (never evicted) or `ttl` (after `retentionTtl` without access). Defaults to `lru`.",
  },
  retentionTtl: {
    type: "string",
    pattern: DURATION_PATTERN,
    description:
      "A Go duration (`72h`) after which unaccessed blocks are evicted; required with `retentionPolicy: ttl`. Unset, none.",
  },
  localStoreSize: byteSizeSchema(
    "The share's local cache size (`10GiB`), overriding the server's default; applies at the next restart. Unset, the default.",
  ),
  readBufferSize: byteSizeSchema(
    "The share's read buffer size (`2GiB`), overriding the server's default; applies at the next restart. Unset, the default.",
  ),
  quotaBytes: byteSizeSchema(
    "The share's total byte quota (`10GiB`); `0` or unset is unlimited. Per-user and per-group quotas are ShareQuotas.",
  ),
  aclFlagInheritedCanonicalization: flag(
    "Whether SMB SET_INFO canonicalizes the auto-inherited ACL flag as Windows does.",
    true,
  ),
  accessBasedEnumeration: flag(
    "Whether SMB clients see only the directory entries they can read.",
    false,
  ),
  changeNotifyDisabled: flag("Whether SMB CHANGE_NOTIFY is refused on this share.", false),
  streamsDisabled: flag("Whether SMB alternate data streams are refused on this share.", false),
  continuousAvailability: flag(
    "Whether the share offers SMB3 continuous availability (persistent handles).",
    false,
  ),
  allowMfsymlink: flag(
    "Whether XSym (Minshall+French) symlink files written by SMB clients become real symlinks.",
    false,
  ),
  trashEnabled: flag("Whether deletes move files to the share's `#recycle` bin.", false),
  trashRetentionDays: {
    type: "integer",
    minimum: 0,
    maximum: 36500,
    default: 0,
    description: "Days the recycle bin keeps deleted files; `0` keeps them. Defaults to `0`.",
  },
  trashRestrictToAdmin: flag("Whether only admins may empty the recycle bin.", false),
  trashMaxBytes: {
    type: "integer",
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    default: 0,
    description:
      "Bytes the recycle bin may hold before the oldest items go; `0` is unbounded. Defaults to `0`.",
  },
  trashExcludePatterns: {
    type: "array",
    items: { type: "string", minLength: 1, description: "A glob (`*.tmp`)." },
    description: "Globs of file names whose deletion bypasses the recycle bin. Unset, none.",
  },
};

/** A glob Go's path.Match cannot parse: an unclosed `[` or a trailing `\`. */
function badGlob(p: string): boolean {
  let i = 0;
  while (i < p.length) {
    if (p[i] === "\\") {
      if (i + 1 >= p.length) return true;
      i += 2;
    } else if (p[i] === "[") {
      const close = p.indexOf("]", i + 2);
      if (close < 0) return true;
      i = close + 1;
    } else i++;
  }
  return false;
}

const path = sharePath;
const orNone = <T>(list: T[] | undefined): T[] => list ?? [];

/** The server's create body. */
function createBody(i: ShareInputs): Record<string, unknown> {
  return {
    name: i.name,
    metadata_store_id: i.metadataStore,
    local_block_store: i.localBlockStore,
    ...(i.remoteBlockStore ? { remote_block_store: i.remoteBlockStore } : {}),
    ...(i.owner ? { owner: i.owner } : {}),
    ...(i.retentionTtl ? { retention_ttl: i.retentionTtl } : {}),
    ...(i.localStoreSize ? { local_store_size: i.localStoreSize } : {}),
    ...(i.readBufferSize ? { read_buffer_size: i.readBufferSize } : {}),
    ...(i.quotaBytes ? { quota_bytes: i.quotaBytes } : {}),
    ...settings(i),
  };
}

/** The fields create and update both take, as the server names them (defaults filled). */
function settings(i: ShareInputs): Record<string, unknown> {
  return {
    read_only: i.readOnly ?? false,
    encrypt_data: i.encryptData ?? false,
    default_permission: i.defaultPermission ?? "none",
    blocked_operations: orNone(i.blockedOperations),
    retention_policy: i.retentionPolicy ?? "lru",
    acl_flag_inherited_canonicalization: i.aclFlagInheritedCanonicalization ?? true,
    access_based_enumeration: i.accessBasedEnumeration ?? false,
    change_notify_disabled: i.changeNotifyDisabled ?? false,
    streams_disabled: i.streamsDisabled ?? false,
    continuous_availability: i.continuousAvailability ?? false,
    allow_mfsymlink: i.allowMfsymlink ?? false,
    trash_enabled: i.trashEnabled ?? false,
    trash_retention_days: i.trashRetentionDays ?? 0,
    trash_restrict_to_admin: i.trashRestrictToAdmin ?? false,
    trash_max_bytes: i.trashMaxBytes ?? 0,
    trash_exclude_patterns: orNone(i.trashExcludePatterns),
  };
}

/** The update body: only what differs (unset sizes and durations as the server's "none", `0`). */
function updateBody(olds: ShareInputs, news: ShareInputs): Record<string, unknown> {
  const before = settings(olds);
  const after = settings(news);
  const body: Record<string, unknown> = Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])),
  );
  if (news.localBlockStore !== olds.localBlockStore)
    body.local_block_store_id = news.localBlockStore;
  if (news.remoteBlockStore !== olds.remoteBlockStore)
    body.remote_block_store_id = news.remoteBlockStore ?? "";
  const text = (k: keyof ShareInputs, field: string): void => {
    if (news[k] !== olds[k]) body[field] = (news[k] as string | undefined) ?? "0";
  };
  text("localStoreSize", "local_store_size");
  text("readBufferSize", "read_buffer_size");
  text("quotaBytes", "quota_bytes");
  text("retentionTtl", "retention_ttl");
  // The server checks a policy against the TTL it is given, or else the stored one: send both together.
  if ("retention_policy" in body || "retention_ttl" in body) {
    body.retention_policy = after.retention_policy;
    body.retention_ttl = news.retentionTtl ?? "0";
  }
  return body;
}

async function observed(
  api: ApiClient,
  s: ShareResponse,
  known: Partial<ShareInputs>,
): Promise<Observed<ShareInputs>> {
  const list = (l: string[] | undefined, k: string[] | undefined): string[] | undefined =>
    l && l.length > 0 ? l : k && k.length === 0 ? k : undefined;
  const remote = s.remote_block_store_id
    ? await storeName(
        api,
        "/api/v1/store/block/remote",
        s.remote_block_store_id,
        known.remoteBlockStore,
      )
    : undefined;
  return {
    inputs: {
      name: s.name,
      metadataStore: await storeName(
        api,
        "/api/v1/store/metadata",
        s.metadata_store_id,
        known.metadataStore,
      ),
      localBlockStore: await storeName(
        api,
        "/api/v1/store/block/local",
        s.local_block_store_id,
        known.localBlockStore,
      ),
      ...(remote ? { remoteBlockStore: remote } : {}),
      enabled: s.enabled,
      readOnly: s.read_only,
      defaultPermission: s.default_permission || "none",
      ...optional(
        "owner",
        s.owner_uid === undefined ? undefined : (known.owner ?? (await ownerOf(api, s.owner_uid))),
      ),
      encryptData: s.encrypt_data,
      ...optional("blockedOperations", list(s.blocked_operations, known.blockedOperations)),
      retentionPolicy: s.retention_policy || "lru",
      ...optional("retentionTtl", observedDuration(s.retention_ttl, known.retentionTtl)),
      ...optional("localStoreSize", observedSize(s.local_store_size, known.localStoreSize)),
      ...optional("readBufferSize", observedSize(s.read_buffer_size, known.readBufferSize)),
      ...optional("quotaBytes", observedSize(s.quota_bytes, known.quotaBytes)),
      aclFlagInheritedCanonicalization: s.acl_flag_inherited_canonicalization,
      accessBasedEnumeration: s.access_based_enumeration,
      changeNotifyDisabled: s.change_notify_disabled,
      streamsDisabled: s.streams_disabled,
      continuousAvailability: s.continuous_availability,
      allowMfsymlink: s.allow_mfsymlink,
      trashEnabled: s.trash_enabled,
      trashRetentionDays: s.trash_retention_days,
      trashRestrictToAdmin: s.trash_restrict_to_admin,
      trashMaxBytes: s.trash_max_bytes,
      ...optional(
        "trashExcludePatterns",
        list(s.trash_exclude_patterns, known.trashExcludePatterns),
      ),
    },
    outputs: { shareId: s.id },
  };
}

/**
 * The server shows the owner's uid only: the name the inputs gave stands while an owner is set; on import, the user
 * with that uid (so an import does not read as a change of owner, which would replace the share).
 */
async function ownerOf(api: ApiClient, uid: number): Promise<string | undefined> {
  const users = (await api.get<{ username: string; uid?: number }[]>("/api/v1/users")) ?? [];
  return users.find((u) => u.uid === uid)?.username;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export const share: ResourceKind<ShareInputs> = {
  name: "Share",
  description:
    "A share of a DittoFS server: one NFS export and SMB share over a metadata store and block stores. Access is a default permission plus SharePermissions; quotas per identity are ShareQuotas; scheduled snapshots a SnapshotPolicy. Give those the share's `name` output, so that a replacement of the share (which drops its permissions on the server) replaces them too.",
  inputs,
  requiredInputs: ["name", "metadataStore", "localBlockStore"],
  outputs: { shareId: { type: "string", description: "The server's id of the share." } },

  id: (i) => i.name,
  keyOf(id) {
    if (!new RegExp(inputs.name.pattern!, "u").test(id))
      throw new Error(
        `Share id ${JSON.stringify(id)} is malformed: expected the share's name with one leading / (\`/export\`)`,
      );
    return { name: id };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    if (i.retentionPolicy === "ttl" && !(parseDuration(i.retentionTtl ?? "0") > 0))
      failures.push({
        property: "retentionTtl",
        reason: "retentionPolicy `ttl` needs a positive duration (`72h`)",
      });
    (i.trashExcludePatterns ?? []).forEach((p, n) => {
      if (badGlob(p))
        failures.push({
          property: `trashExcludePatterns[${n}]`,
          reason: `${JSON.stringify(p)} is not a glob (an unclosed \`[\` or a trailing \`\\\`)`,
        });
    });
    const ops = i.blockedOperations ?? [];
    ops.forEach((op, n) => {
      if (ops.indexOf(op) !== n)
        failures.push({ property: `blockedOperations[${n}]`, reason: `${op} is listed twice` });
    });
    return failures;
  },

  async create(api, i) {
    const created = await api.call<ShareResponse>("POST", "/api/v1/shares", createBody(i));
    // The server creates shares enabled; a disabled one takes a second call (a failure there is a half-made create).
    if (i.enabled === false) await api.call("POST", `${path(i.name)}/disable`);
    return { shareId: created?.id };
  },

  async read(api, id, known) {
    const s = await api.get<ShareResponse>(path(id));
    return s && observed(api, s, known);
  },

  async update(api, id, olds, news) {
    const body = updateBody(olds, news);
    if (Object.keys(body).length > 0) await api.call("PUT", path(id), body);
    if ((news.enabled ?? true) !== (olds.enabled ?? true))
      await api.call("POST", `${path(id)}/${news.enabled === false ? "disable" : "enable"}`);
  },

  async delete(api, id) {
    await api.call("DELETE", path(id));
  },
};
