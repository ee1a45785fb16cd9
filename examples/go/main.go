// The example DittoServer (examples/typescript/scenario.ts) from Go: S3 payloads with credentials passed as secret
// values, NFS + SMB, metrics, and a JWT secret and admin password the component generates.
package main

import (
	"example.com/pulumi-dittofs/sdk/go/dittofs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		namespace := cfg.Get("namespace")
		if namespace == "" {
			namespace = "default"
		}
		// Set your own with `pulumi config set --secret s3AccessKeyId ...`; the placeholders only let the example run.
		accessKeyID := cfg.GetSecret("s3AccessKeyId")
		if cfg.Get("s3AccessKeyId") == "" {
			accessKeyID = pulumi.ToSecret(pulumi.String("example-access-key-id")).(pulumi.StringOutput)
		}
		secretAccessKey := cfg.GetSecret("s3SecretAccessKey")
		if cfg.Get("s3SecretAccessKey") == "" {
			secretAccessKey = pulumi.ToSecret(pulumi.String("example-secret-access-key")).(pulumi.StringOutput)
		}
		endpoint := cfg.Get("s3Endpoint")
		if endpoint == "" {
			endpoint = "https://s3.example.com"
		}

		server, err := dittofs.NewDittoServer(ctx, "demo", &dittofs.DittoServerArgs{
			Namespace: pulumi.String(namespace),
			Storage: &dittofs.StorageArgs{
				MetadataSize: pulumi.String("10Gi"),
				CacheSize:    pulumi.String("5Gi"),
			},
			Smb: &dittofs.SmbArgs{
				Enabled: pulumi.Bool(true),
			},
			Metrics: &dittofs.MetricsArgs{
				Enabled: pulumi.Bool(true),
			},
			S3: &dittofs.S3Args{
				Region: pulumi.String("eu-west-1"),
				Bucket: pulumi.String("dittofs-demo"),
			},
			// Stored in the Secret demo-s3-credentials; the JWT secret and admin password are generated.
			SecretValues: &dittofs.SecretValuesArgs{
				S3: &dittofs.S3CredentialValuesArgs{
					AccessKeyId:     accessKeyID,
					SecretAccessKey: secretAccessKey,
					Endpoint:        pulumi.String(endpoint),
				},
			},
			Resources: &dittofs.ResourceRequirementsArgs{
				Requests: pulumi.StringMap{
					"cpu":    pulumi.String("500m"),
					"memory": pulumi.String("1Gi"),
				},
				Limits: pulumi.StringMap{
					"memory": pulumi.String("4Gi"),
				},
			},
		})
		if err != nil {
			return err
		}

		ctx.Export("nfsEndpoint", server.NfsEndpoint)
		ctx.Export("smbEndpoint", server.SmbEndpoint)
		ctx.Export("apiEndpoint", server.ApiEndpoint)
		ctx.Export("metricsEndpoint", server.MetricsEndpoint)
		ctx.Export("configHash", server.ConfigHash)
		ctx.Export("adminPassword", server.AdminPassword)
		return nil
	})
}
