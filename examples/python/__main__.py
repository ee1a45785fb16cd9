"""The example DittoServer (examples/typescript/scenario.ts) from Python: S3 payloads with credentials passed as
secret values, NFS + SMB, metrics, and a JWT secret and admin password the component generates."""

import pulumi
import pulumi_dittofs as dittofs

config = pulumi.Config()
# Set your own with `pulumi config set --secret s3AccessKeyId ...`; the placeholders only let the example run.
access_key_id = config.get_secret("s3AccessKeyId") or pulumi.Output.secret("example-access-key-id")
secret_access_key = config.get_secret("s3SecretAccessKey") or pulumi.Output.secret(
    "example-secret-access-key"
)

server = dittofs.DittoServer(
    "demo",
    namespace=config.get("namespace") or "default",
    storage=dittofs.StorageArgs(
        metadata_size="10Gi",
        cache_size="5Gi",
    ),
    smb=dittofs.SmbArgs(
        enabled=True,
    ),
    metrics=dittofs.MetricsArgs(
        enabled=True,
    ),
    s3=dittofs.S3Args(
        region="eu-west-1",
        bucket="dittofs-demo",
    ),
    # Stored in the Secret demo-s3-credentials; the JWT secret and admin password are generated.
    secret_values=dittofs.SecretValuesArgs(
        s3=dittofs.S3CredentialValuesArgs(
            access_key_id=access_key_id,
            secret_access_key=secret_access_key,
            endpoint=config.get("s3Endpoint") or "https://s3.example.com",
        ),
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
