/**
 * The settings of the NFS and SMB adapters as the v0.29 server keeps them (`/api/v1/adapters/{type}/settings`): each
 * with its JSON name, its range as the server validates it, and the server's default. The NFSv4 minor-version and
 * session fields are left out: the server's PATCH accepts them but its store does not save them.
 */
import type { PropertySchema } from "../kind";

export interface SettingField {
  /** The server's JSON name. */
  json: string;
  schema: PropertySchema;
  /** Server value → input value, and back (identity when absent). */
  fromServer?: (v: unknown) => unknown;
  toServer?: (v: unknown) => unknown;
}

const int = (
  json: string,
  minimum: number,
  maximum: number,
  fallback: number,
  what: string,
): SettingField => ({
  json,
  schema: {
    type: "integer",
    minimum,
    maximum,
    default: fallback,
    description: `${what} (${minimum} to ${maximum}). Defaults to \`${fallback}\`.`,
  },
});

const bool = (json: string, fallback: boolean, what: string): SettingField => ({
  json,
  schema: {
    type: "boolean",
    default: fallback,
    description: `${what} Defaults to \`${fallback}\`.`,
  },
});

const choice = (json: string, values: string[], fallback: string, what: string): SettingField => ({
  json,
  schema: {
    type: "string",
    enum: values,
    default: fallback,
    description: `${what} Defaults to \`${fallback}\`.`,
  },
});

const blocked = (operations: string[], protocol: string): SettingField => ({
  json: "blocked_operations",
  schema: {
    type: "array",
    items: { type: "string", enum: operations, description: `An ${protocol} operation.` },
    default: [],
    description: `${protocol} operations the server refuses (each at most once). Defaults to \`[]\`.`,
  },
});

export const NFS_VERSIONS = ["3", "4.0", "4.1"];

const NFS_OPERATIONS = [
  "NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE", "MKDIR", "SYMLINK",
  "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT",
  "OPEN", "CLOSE", "LOCK", "LOCKT", "LOCKU", "DELEGRETURN", "PUTFH", "PUTROOTFH", "GETFH", "SAVEFH", "RESTOREFH",
  "VERIFY", "NVERIFY", "SECINFO", "SETCLIENTID", "RENEW",
]; // prettier-ignore

const SIZE = 16777216;

export const NFS_SETTINGS: Record<string, SettingField> = {
  minVersion: choice("min_version", NFS_VERSIONS, "3", "The lowest NFS version served (`3`, `4.0`, `4.1`)."),
  maxVersion: choice("max_version", NFS_VERSIONS, "4.1", "The highest NFS version served (`3`, `4.0`, `4.1`)."),
  leaseTime: int("lease_time", 10, 3600, 90, "The NFSv4 lease time in seconds"),
  gracePeriod: int("grace_period", 10, 3600, 90, "The grace period after a restart in seconds"),
  delegationRecallTimeout: int("delegation_recall_timeout", 10, 600, 90, "Seconds to wait for a recalled delegation"),
  callbackTimeout: int("callback_timeout", 1, 60, 5, "Seconds to wait for a client callback"),
  leaseBreakTimeout: int("lease_break_timeout", 5, 120, 35, "Seconds to wait for a lease break"),
  maxConnections: int("max_connections", 0, 100000, 0, "The most concurrent connections, 0 for no limit"),
  maxClients: int("max_clients", 1, 1000000, 10000, "The most NFSv4 clients"),
  maxCompoundOps: int("max_compound_ops", 4, 1000, 50, "The most operations in one NFSv4 COMPOUND"),
  maxReadSize: int("max_read_size", 4096, SIZE, 1048576, "The largest READ in bytes"),
  maxWriteSize: int("max_write_size", 4096, SIZE, 1048576, "The largest WRITE in bytes"),
  preferredTransferSize: int("preferred_transfer_size", 4096, SIZE, 1048576, "The transfer size offered to clients in bytes"),
  delegationsEnabled: bool("delegations_enabled", true, "Whether the server grants NFSv4 delegations."),
  maxDelegations: int("max_delegations", 0, 1000000, 10000, "The most outstanding delegations"),
  dirDelegBatchWindowMs: int("dir_deleg_batch_window_ms", 0, 5000, 50, "The directory notification batching window in milliseconds"),
  blockedOperations: blocked(NFS_OPERATIONS, "NFS"),
  portmapperEnabled: bool("portmapper_enabled", false, "Whether the embedded portmapper (TCP and UDP) runs, so NFSv3 clients find the server's services; changing it restarts the NFS adapter."),
  portmapperPort: int("portmapper_port", 1, 65535, 10111, "The embedded portmapper's port; changing it restarts the NFS adapter when the portmapper runs"),
  portmapperRegisterWithSystem: bool("portmapper_register_with_system", false, "Whether the server registers its services with the host's rpcbind on port 111 (kernel NFSv3 locking without `nolock`); changing it restarts the NFS adapter."),
  udpEnabled: bool("udp_enabled", false, "Whether MOUNT, NLM and NSM are also served over UDP (NFSv3 locking from BSD and macOS clients); changing it restarts the NFS adapter."),
  mdnsEnabled: bool("mdns_enabled", false, "Whether the NFS export is advertised over mDNS (applied live)."),
}; // prettier-ignore

/** NFS settings the adapter reads only when it starts: the kind restarts a running adapter when one changes. */
export const NFS_RESTART_SETTINGS = [
  "portmapperEnabled",
  "portmapperPort",
  "portmapperRegisterWithSystem",
  "udpEnabled",
];

export const SMB_DIALECTS = ["SMB2.0", "SMB2.1", "SMB3.0", "SMB3.0.2", "SMB3.1.1"];

const SMB_OPERATIONS = [
  "NEGOTIATE", "SESSION_SETUP", "LOGOFF", "TREE_CONNECT", "TREE_DISCONNECT", "CREATE", "CLOSE", "FLUSH", "READ",
  "WRITE", "LOCK", "IOCTL", "CANCEL", "ECHO", "QUERY_DIRECTORY", "CHANGE_NOTIFY", "QUERY_INFO", "SET_INFO",
  "OPLOCK_BREAK",
]; // prettier-ignore

export const SMB_SETTINGS: Record<string, SettingField> = {
  minDialect: choice("min_dialect", SMB_DIALECTS, "SMB2.0", "The lowest SMB dialect negotiated."),
  maxDialect: choice("max_dialect", SMB_DIALECTS, "SMB3.1.1", "The highest SMB dialect negotiated."),
  sessionTimeout: int("session_timeout", 60, 86400, 900, "Seconds an idle session lives"),
  oplockBreakTimeout: int("oplock_break_timeout", 5, 120, 35, "Seconds to wait for an oplock break"),
  maxConnections: int("max_connections", 0, 100000, 0, "The most concurrent connections, 0 for no limit"),
  maxSessions: int("max_sessions", 1, 1000000, 10000, "The most sessions"),
  enableEncryption: bool("enable_encryption", false, "Whether SMB3 encryption is offered."),
  signing: {
    ...choice("signing", ["inherit", "disabled", "enabled", "required"], "inherit", "Message signing: `required`, `enabled` (offered), `disabled`, or `inherit` (the server's configuration file decides; SMB 3.1.1 always signs)."),
    fromServer: (v) => (v === "" ? "inherit" : v),
    toServer: (v) => (v === "inherit" ? "" : v),
  },
  directoryLeasingEnabled: bool("directory_leasing_enabled", true, "Whether directory leases are granted."),
  blockedOperations: blocked(SMB_OPERATIONS, "SMB"),
  mdnsEnabled: bool("mdns_enabled", false, "Whether the SMB service is advertised over mDNS (applied live)."),
  wsDiscoveryEnabled: bool("wsdiscovery_enabled", false, "Whether the host is advertised over WS-Discovery for Windows Explorer (applied live)."),
}; // prettier-ignore

export const SETTINGS_OF: Record<string, Record<string, SettingField>> = {
  nfs: NFS_SETTINGS,
  smb: SMB_SETTINGS,
};

/** A type's settings block as a property schema (every setting with its default: the block is the whole state). */
export function blockSchema(type: string, description: string): PropertySchema {
  return {
    type: "object",
    description,
    properties: Object.fromEntries(
      Object.entries(SETTINGS_OF[type]).map(([k, f]) => [k, f.schema]),
    ),
    additionalProperties: false,
  };
}

/** Server JSON → the block's inputs. */
export function fromServer(type: string, json: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(SETTINGS_OF[type]).map(([k, f]) => [
      k,
      (f.fromServer ?? ((v) => v))(json[f.json] ?? f.schema.default),
    ]),
  );
}

/** Block inputs → server JSON (only the settings given). */
export function toServer(type: string, block: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(SETTINGS_OF[type])
      .filter(([k]) => block[k] !== undefined)
      .map(([k, f]) => [f.json, (f.toServer ?? ((v) => v))(block[k])]),
  );
}
