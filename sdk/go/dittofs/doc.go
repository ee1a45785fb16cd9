// Pulumi component package that deploys a DittoFS file server (NFS + SMB + REST control plane) on Kubernetes, with the DittoServer CRD spec of the DittoFS operator as its args.
package dittofs
