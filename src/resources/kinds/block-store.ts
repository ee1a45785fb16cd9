/**
 * `dittofs:index:BlockStore`: where a share's file contents live — a local store (a directory, or memory) and, for
 * shares that offload, a remote one (S3, or memory) — keyed by kind and name (`local/<name>`, `remote/<name>`). The
 * server checks the configuration (and creates an fs directory) at create and at update, but does not reach S3 then:
 * a wrong bucket or key shows in the store's status, not as a failed create. The secret access key is never shown by
 * the server (`********`): a refresh cannot see it change.
 */
import { isIP } from "net";
import { ApiError, seg, type ApiClient } from "../api-client";
import { typeBlockFailures } from "./type-blocks";
import type { Failure, Observed, ResourceKind } from "../kind";
import type { Plain } from "../wire";
import { bool, configOf, defined, mergedConfig, num, storeName, str } from "./store-config";

export interface FsConfig {
  path: string;
  maxSize?: number;
}

export interface S3Config {
  bucket: string;
  region?: string;
  endpoint?: string;
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle?: boolean;
  allowPrivateEndpoint?: boolean;
  compression?: "zstd" | "lz4";
  parallelUploads?: number;
}

export interface BlockStoreInputs {
  kind: "local" | "remote";
  name: string;
  type: "fs" | "memory" | "s3";
  fs?: FsConfig;
  s3?: S3Config;
}

interface BlockStoreResponse {
  id: string;
  name: string;
  kind: string;
  type: string;
  config?: unknown;
}

/** The types each kind takes, as the server checks them. */
const TYPES_OF: Record<BlockStoreInputs["kind"], string[]> = {
  local: ["fs", "memory"],
  remote: ["s3", "memory"],
};

const MANAGED: Record<"fs" | "s3", string[]> = {
  fs: ["path", "max_size"],
  s3: [
    ...["bucket", "region", "endpoint", "prefix", "access_key_id", "secret_access_key"],
    ...["force_path_style", "allow_private_endpoint", "compression", "parallel_uploads"],
  ],
};

const path = (kind: string, name: string): string =>
  `/api/v1/store/block/${seg(kind)}/${seg(name)}`;

function configFor(i: BlockStoreInputs): Plain {
  if (i.type === "fs" && i.fs) return defined({ path: i.fs.path, max_size: i.fs.maxSize });
  if (i.type === "s3" && i.s3) {
    const s = i.s3;
    return defined({
      bucket: s.bucket,
      region: s.region,
      endpoint: s.endpoint,
      prefix: s.prefix,
      access_key_id: s.accessKeyId,
      secret_access_key: s.secretAccessKey,
      force_path_style: s.forcePathStyle,
      allow_private_endpoint: s.allowPrivateEndpoint,
      compression: s.compression ? { algo: s.compression } : undefined,
      parallel_uploads: s.parallelUploads,
    });
  }
  return {};
}

function observed(
  b: BlockStoreResponse,
  known: Partial<BlockStoreInputs>,
): Observed<BlockStoreInputs> {
  const c = configOf(b.config);
  const inputs: BlockStoreInputs = {
    kind: b.kind as BlockStoreInputs["kind"],
    name: b.name,
    type: b.type as BlockStoreInputs["type"],
  };
  if (b.type === "fs") {
    const maxSize = num(c, "max_size");
    inputs.fs = defined({
      path: str(c, "path") as string,
      maxSize: maxSize !== undefined && maxSize > 0 ? maxSize : undefined,
    });
  }
  if (b.type === "s3") {
    const compression = c.compression;
    inputs.s3 = defined({
      bucket: str(c, "bucket") as string,
      region: str(c, "region") || "us-east-1",
      endpoint: str(c, "endpoint") || undefined,
      prefix: str(c, "prefix") || undefined,
      accessKeyId: str(c, "access_key_id") as string,
      // Never shown by the server: the one in the state.
      secretAccessKey: known.s3?.secretAccessKey as string,
      forcePathStyle: bool(c, "force_path_style"),
      allowPrivateEndpoint: bool(c, "allow_private_endpoint") ?? false,
      // The server compresses with zstd when the block names no algorithm.
      compression:
        typeof compression === "object" && compression !== null
          ? ((str(compression as Plain, "algo") ?? "zstd") as S3Config["compression"])
          : undefined,
      parallelUploads: num(c, "parallel_uploads") || undefined,
    });
  }
  return { inputs: defined(inputs) };
}

/** `local/<name>` or `remote/<name>` → its parts; anything else is refused, naming the expected shape. */
function keyOfId(id: string): { kind: BlockStoreInputs["kind"]; name: string } {
  const at = id.indexOf("/");
  const kind = id.slice(0, at);
  const name = id.slice(at + 1);
  if (at < 0 || (kind !== "local" && kind !== "remote") || !name || name.includes("/"))
    throw new Error(
      `a BlockStore id is \`local/<name>\` or \`remote/<name>\`, got ${JSON.stringify(id)}`,
    );
  return { kind, name };
}

/** Why the server would refuse an endpoint written as a literal IP address (hostnames only the server resolves). */
function endpointProblem(endpoint: string, allowPrivate: boolean): string | undefined {
  const host = endpoint
    .replace(/^[a-z]+:\/\//i, "")
    .split("/")[0]
    .replace(/^\[(.*)\](:\d+)?$/, "$1")
    .replace(/^([^:]*):\d+$/, "$1");
  const family = isIP(host);
  if (family === 0) return undefined;
  const v4 = family === 4 ? host.split(".").map(Number) : [];
  const lower = host.toLowerCase();
  if ((v4[0] === 169 && v4[1] === 254) || lower.startsWith("fe80:"))
    return `${host} is link-local (the cloud metadata address range); the server never allows it`;
  const privateOrLoopback =
    v4[0] === 127 ||
    v4[0] === 10 ||
    (v4[0] === 172 && v4[1] >= 16 && v4[1] <= 31) ||
    (v4[0] === 192 && v4[1] === 168) ||
    v4[0] === 0 ||
    lower === "::1" ||
    /^f[cd]/.test(lower);
  if (privateOrLoopback && !allowPrivate)
    return `${host} is a private or loopback address; set s3.allowPrivateEndpoint: true for an in-house object store (MinIO, ...)`;
  return undefined;
}

export const blockStore: ResourceKind<BlockStoreInputs> = {
  name: "BlockStore",
  description:
    "A block store of a DittoFS server: where the contents of the shares that name it live. A `local` store (a directory or memory) holds every share's blocks; a `remote` one (S3 or memory) is where shares offload them. The server checks the configuration at create and update but does not reach S3 then (a wrong bucket or key shows in the store's status). A changed configuration is saved and used when shares next attach the store (at the server's next start). The server refuses to delete a store a share still uses (HTTP 409): delete or change those shares first. The S3 secret access key is never shown by the server, so a refresh cannot detect a change made elsewhere.",
  inputs: {
    kind: {
      type: "string",
      enum: ["local", "remote"],
      replaceOnChanges: true,
      description:
        "`local` (a share's own blocks, on the server) or `remote` (where shares offload blocks). A change replaces the store.",
    },
    name: storeName("block store"),
    type: {
      type: "string",
      enum: ["fs", "memory", "s3"],
      replaceOnChanges: true,
      description:
        "For a `local` store `fs` (a directory, set `fs`) or `memory`; for a `remote` one `s3` (set `s3`) or `memory`. Memory stores lose their blocks when the server stops. A change replaces the store.",
    },
    fs: {
      type: "object",
      description: "Directory settings; required when `type` is `fs`, refused otherwise.",
      properties: {
        path: {
          type: "string",
          minLength: 2,
          pattern: "^/",
          description:
            "The absolute path of the block directory inside the server's container (created when missing); put it on a persistent volume (the DittoServer mounts one at `/data/store/block` when `storage.contentSize` is set).",
        },
        maxSize: {
          type: "integer",
          minimum: 1,
          description: "The most bytes the store keeps on disk. Unset: the server's default.",
        },
      },
      required: ["path"],
      additionalProperties: false,
    },
    s3: {
      type: "object",
      description: "S3 settings; required when `type` is `s3`, refused otherwise.",
      properties: {
        bucket: {
          type: "string",
          minLength: 3,
          maxLength: 255,
          // Catches `s3://bucket`, `bucket/prefix` and blanks; S3-compatible stores allow more than AWS.
          pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$",
          description: "The bucket (it must exist; the server does not create it).",
        },
        region: {
          type: "string",
          minLength: 1,
          pattern: "^[a-z0-9-]+$",
          default: "us-east-1",
          description: "The bucket's region. Defaults to `us-east-1`.",
        },
        endpoint: {
          type: "string",
          minLength: 1,
          pattern: "^(https?://)?[^\\s/?#]+(/[^\\s?#]*)?$",
          description:
            "The endpoint of an S3-compatible store (MinIO, Ceph, ...), e.g. `https://minio.example.com:9000`; `https://` when no scheme is given. Unset: AWS S3 for `region`. A private or loopback address needs `allowPrivateEndpoint`.",
        },
        prefix: {
          type: "string",
          maxLength: 1024,
          description: "A key prefix for the store's objects within the bucket. Unset: none.",
        },
        accessKeyId: {
          type: "string",
          minLength: 1,
          secret: true,
          description: "The access key id.",
        },
        secretAccessKey: {
          type: "string",
          minLength: 1,
          secret: true,
          description:
            "The secret access key. The server never shows it, so a refresh cannot detect a change made elsewhere.",
        },
        forcePathStyle: {
          type: "boolean",
          description:
            "Path-style addressing (`endpoint/bucket/key`). Unset: on when `endpoint` is set, else off (virtual-hosted style, as AWS wants).",
        },
        allowPrivateEndpoint: {
          type: "boolean",
          default: false,
          description:
            "Allow an `endpoint` on a private or loopback address (an in-house object store); link-local addresses stay refused. Defaults to `false`.",
        },
        compression: {
          type: "string",
          enum: ["zstd", "lz4"],
          description: "Compress blocks before upload with `zstd` or `lz4`. Unset: no compression.",
        },
        parallelUploads: {
          type: "integer",
          minimum: 1,
          maximum: 256,
          description:
            "The most uploads at once to this store. Unset: adapted by the server to the uplink.",
        },
      },
      required: ["bucket", "accessKeyId", "secretAccessKey"],
      additionalProperties: false,
    },
  },
  requiredInputs: ["kind", "name", "type"],

  id: (i) => `${i.kind}/${i.name}`,
  keyOf: keyOfId,

  rules(i): Failure[] {
    const failures: Failure[] = [];
    if (!TYPES_OF[i.kind].includes(i.type))
      failures.push({
        property: "type",
        reason: `${i.type} is not a type of a ${i.kind} store (a ${i.kind} store is ${TYPES_OF[i.kind].join(" or ")})`,
      });
    failures.push(...typeBlockFailures(i.type, ["fs", "s3"], i));
    const s = i.s3;
    if (i.type === "s3" && s?.endpoint) {
      const problem = endpointProblem(s.endpoint, s.allowPrivateEndpoint === true);
      if (problem) failures.push({ property: "s3.endpoint", reason: problem });
    }
    return failures;
  },

  async create(api: ApiClient, i) {
    const config = configFor(i);
    await api.call("POST", `/api/v1/store/block/${seg(i.kind)}`, {
      name: i.name,
      type: i.type,
      ...(Object.keys(config).length > 0 ? { config: JSON.stringify(config) } : {}),
    });
  },

  async read(api, id, known) {
    const { kind, name } = keyOfId(id);
    const b = await api.get<BlockStoreResponse>(path(kind, name));
    return b && observed(b, known);
  },

  async update(api, id, _olds, news) {
    const { kind, name } = keyOfId(id);
    const current = await api.call<BlockStoreResponse>("GET", path(kind, name));
    const managed = news.type === "memory" ? [] : MANAGED[news.type];
    const config = mergedConfig(configOf(current?.config), managed, configFor(news));
    await api.call("PUT", path(kind, name), { config: JSON.stringify(config) });
  },

  async delete(api, id) {
    const { kind, name } = keyOfId(id);
    await api.call("DELETE", path(kind, name)).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 409)
        throw new ApiError(
          e.method,
          e.path,
          e.status,
          `${e.detail} (delete or change those shares first)`,
        );
      throw e;
    });
  },
};
