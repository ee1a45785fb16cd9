// The example DittoServer (examples/typescript/scenario.ts) from Go: today's DittoFS with its NFS and SMB adapters,
// metadata and content volumes, metrics, PostgreSQL for the control plane (the connection string passed as a secret
// value), and a JWT secret and admin password the component generates.
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
		// Set your own with `pulumi config set --secret postgresConnection ...`; the placeholder only lets the example run.
		postgresConnection := cfg.GetSecret("postgresConnection")
		if cfg.Get("postgresConnection") == "" {
			postgresConnection = pulumi.ToSecret(pulumi.String(
				"postgres://dittofs:example-postgres-password@postgres:5432/dittofs?sslmode=require",
			)).(pulumi.StringOutput)
		}

		server, err := dittofs.NewDittoServer(ctx, "demo", &dittofs.DittoServerArgs{
			Namespace: pulumi.String(namespace),
			Storage: &dittofs.StorageArgs{
				MetadataSize: pulumi.String("10Gi"),
				ContentSize:  pulumi.String("50Gi"),
			},
			Metrics: &dittofs.MetricsArgs{
				Enabled: pulumi.Bool(true),
			},
			Database: &dittofs.DatabaseArgs{
				Type: dittofs.DatabaseTypePostgres,
			},
			// Split into the Secret demo-postgres-connection; the JWT secret and admin password are generated.
			SecretValues: &dittofs.SecretValuesArgs{
				PostgresConnection: postgresConnection,
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
