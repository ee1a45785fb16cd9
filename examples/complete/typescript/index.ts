import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as dittofs from "dittofs";

const config = new pulumi.Config();

// The server (v0.29 model): SQLite control plane, NFS on 12049 and SMB on 1445. The admin's initial password comes
// from the stack's config when set (`pulumi config set --secret adminPassword ...`), else it is generated.
const adminPassword = config.getSecret("adminPassword");
const files = new dittofs.DittoServer("files", {
  namespace: config.get("namespace") ?? "files",
  storage: { metadataSize: "10Gi", contentSize: "50Gi" },
  secretValues: adminPassword ? { adminInitialPassword: adminPassword } : undefined,
});

// The server's REST API, as its admin. `apiUrl` is in-cluster; from outside the cluster set the stack's apiUrl to an
// address that reaches the API Service (`kubectl -n files port-forward svc/files-api 8080:8080`: http://localhost:8080).
const api = new dittofs.Provider("files-api", {
  endpoint: config.get("apiUrl") ?? files.apiUrl,
  username: files.adminUsername,
  password: files.adminPassword,
});
const opts = { provider: api };

// Stores: file trees in BadgerDB, blocks cached on the content volume and offloaded to S3.
const metadata = new dittofs.MetadataStore(
  "metadata",
  { name: "meta", type: "badger", badger: { path: "/data/store/metadata/badger" } },
  opts,
);
const cache = new dittofs.BlockStore(
  "cache",
  { kind: "local", name: "cache", type: "fs", fs: { path: "/data/store/block/cache" } },
  opts,
);
const offload = new dittofs.BlockStore(
  "offload",
  {
    kind: "remote",
    name: "s3",
    type: "s3",
    s3: {
      bucket: config.get("s3Bucket") ?? "example-dittofs-blocks",
      region: config.get("s3Region") ?? "eu-west-1",
      // Another S3-compatible store (MinIO, Ceph, ...): its URL; one on a private address also needs
      // s3AllowPrivateEndpoint.
      endpoint: config.get("s3Endpoint"),
      allowPrivateEndpoint: config.getBoolean("s3AllowPrivateEndpoint"),
      // Set your own with `pulumi config set --secret ...`; the placeholders only let the example run.
      accessKeyId: config.getSecret("s3AccessKeyId") ?? pulumi.secret("AKIAEXAMPLEEXAMPLE00"),
      secretAccessKey:
        config.getSecret("s3SecretAccessKey") ?? pulumi.secret("example-secret-access-key"),
    },
  },
  opts,
);

// Two shares: documents (offloaded to S3, read-only for everyone else) and a scratch area.
const docs = new dittofs.Share(
  "docs",
  {
    name: "/docs",
    metadataStore: metadata.name,
    localBlockStore: cache.name,
    remoteBlockStore: offload.name,
    defaultPermission: "read",
  },
  opts,
);
const scratch = new dittofs.Share(
  "scratch",
  {
    name: "/scratch",
    metadataStore: metadata.name,
    localBlockStore: cache.name,
    trashEnabled: true,
  },
  opts,
);

// People: two users with generated passwords, a group, and who may write where.
const user = (username: string, uid: number) =>
  new dittofs.User(
    username,
    {
      username,
      password: new random.RandomPassword(`${username}-password`, { length: 20 }).result,
      uid,
      gid: 2000,
    },
    opts,
  );
const alice = user("alice", 2001);
const bob = user("bob", 2002);
const editors = new dittofs.Group("editors", { name: "editors", gid: 2000 }, opts);
new dittofs.GroupMembership("alice-edits", { group: editors.name, username: alice.username }, opts);
new dittofs.SharePermission(
  "docs-editors",
  { share: docs.name, principalType: "group", principal: editors.name, level: "read-write" },
  opts,
);
new dittofs.SharePermission(
  "scratch-bob",
  { share: scratch.name, principalType: "user", principal: bob.username, level: "read-write" },
  opts,
);
new dittofs.ShareQuota(
  "scratch-per-user",
  { share: scratch.name, scope: "default-user", limitBytes: "10GiB" },
  opts,
);
new dittofs.SnapshotPolicy(
  "docs-daily",
  { share: docs.name, interval: "@daily", keepLast: 7 },
  opts,
);

export const nfsEndpoint = files.nfsEndpoint;
export const smbEndpoint = files.smbEndpoint;
export const apiUrl = files.apiUrl;
export const shares = [docs.name, scratch.name];
