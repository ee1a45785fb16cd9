"""The example DittoServer (examples/typescript/scenario.ts) from Python: today's DittoFS with its NFS and SMB
adapters, metadata and content volumes, metrics, PostgreSQL for the control plane (the connection string passed as a
secret value), and a JWT secret and admin password the component generates."""

import pulumi
import pulumi_dittofs as dittofs

config = pulumi.Config()
# Set your own with `pulumi config set --secret postgresConnection ...`; the placeholder only lets the example run.
postgres_connection = config.get_secret("postgresConnection") or pulumi.Output.secret(
    "postgres://dittofs:example-postgres-password@postgres:5432/dittofs?sslmode=require"
)

server = dittofs.DittoServer(
    "demo",
    namespace=config.get("namespace") or "default",
    storage=dittofs.StorageArgs(
        metadata_size="10Gi",
        content_size="50Gi",
    ),
    metrics=dittofs.MetricsArgs(
        enabled=True,
    ),
    database=dittofs.DatabaseArgs(
        type=dittofs.DatabaseType.POSTGRES,
    ),
    # Split into the Secret demo-postgres-connection; the JWT secret and admin password are generated.
    secret_values=dittofs.SecretValuesArgs(
        postgres_connection=postgres_connection,
    ),
    resources=dittofs.ResourceRequirementsArgs(
        requests={
            "cpu": "500m",
            "memory": "1Gi",
        },
        limits={
            "memory": "4Gi",
        },
    ),
)

pulumi.export("nfsEndpoint", server.nfs_endpoint)
pulumi.export("smbEndpoint", server.smb_endpoint)
pulumi.export("apiEndpoint", server.api_endpoint)
pulumi.export("metricsEndpoint", server.metrics_endpoint)
pulumi.export("configHash", server.config_hash)
pulumi.export("adminPassword", server.admin_password)
