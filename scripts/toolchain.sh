#!/usr/bin/env bash
# The real-engine toolchain for `npm run e2e`, cached under ${XDG_CACHE_HOME:-$HOME/.cache}/dittofs-toolchain and
# keyed by toolchain/versions.env (one stamp per binary: "<version> <sha256>").
#
#   scripts/toolchain.sh status   # what is there; exit 1 when something is missing
#   scripts/toolchain.sh build    # builds, from Go modules of the Go module proxy, whatever is missing of:
#                                 # pulumi CLI, kubernetes provider, etcd, kube-apiserver/-controller-manager/
#                                 # -scheduler, kubectl, kwok (+ its stages). Idempotent; `nice`d.
#
# Not built here: the language hosts (nodejs, python, go, yaml) and the random provider. The Go proxy refuses their
# modules, so they can only be built from upstream source trees; this repository neither contains nor builds such
# code (the workplace keeps code fetched from public repositories, and recipes that build it, out of commits).
# ../shared/docs/e2e-toolchain.md (sections A, B, D) describes those builds; `status` names what is missing, and the
# e2e scenarios that need a missing piece are skipped with that reason.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC1091
source "$ROOT/toolchain/versions.env"
TC="${DITTOFS_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/dittofs-toolchain}"
export GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 GOMODCACHE="$TC/gomod" GOCACHE="$TC/gocache"
mkdir -p "$TC/bin" "$TC/providers" "$TC/stamps" "$TC/src" "$TC/share/kwok"

gob() { nice -n 19 go build -trimpath -buildvcs=false "$@"; }
stamp() { printf '%s %s\n' "$2" "$(sha256sum "$1" | cut -d' ' -f1)" >"$TC/stamps/$(basename "$1").stamp"; }
have() { [ -x "$1" ] && [ -f "$TC/stamps/$(basename "$1").stamp" ] && [ "$(cut -d' ' -f1 "$TC/stamps/$(basename "$1").stamp")" = "$2" ]; }
module_dir() { (cd "$TC/src/resolve" && go mod download -json "$1" | node -p 'JSON.parse(require("fs").readFileSync(0)).Dir'); }

# name | file | version | how
ITEMS=(
  "pulumi|bin/pulumi|$PULUMI_VERSION|proxy"
  "pulumi-language-nodejs|bin/pulumi-language-nodejs|$PULUMI_VERSION|source tree (pulumi/pulumi $PULUMI_HOSTS_REF)"
  "pulumi-language-python|bin/pulumi-language-python|$PULUMI_VERSION|source tree (pulumi/pulumi $PULUMI_HOSTS_REF)"
  "pulumi-language-go|bin/pulumi-language-go|$PULUMI_VERSION|source tree (pulumi/pulumi $PULUMI_HOSTS_REF)"
  "pulumi-language-yaml|bin/pulumi-language-yaml|$PULUMI_YAML_REF|source tree (pulumi/pulumi-yaml $PULUMI_YAML_REF)"
  "pulumi-resource-kubernetes|providers/pulumi-resource-kubernetes|$K8S_PROVIDER_STAMP|proxy"
  "pulumi-resource-random|providers/pulumi-resource-random|$RANDOM_PROVIDER_STAMP|source tree (pulumi/pulumi-random $RANDOM_PROVIDER_REF)"
  "etcd|bin/etcd|$ETCD_VERSION|proxy"
  "kube-apiserver|bin/kube-apiserver|$KUBE_VERSION|proxy"
  "kube-controller-manager|bin/kube-controller-manager|$KUBE_VERSION|proxy"
  "kube-scheduler|bin/kube-scheduler|$KUBE_VERSION|proxy"
  "kubectl|bin/kubectl|$KUBE_VERSION|proxy"
  "kwok|bin/kwok|$KWOK_VERSION|proxy"
)

status() {
  local missing=0
  for item in "${ITEMS[@]}"; do
    IFS='|' read -r name file version how <<<"$item"
    if have "$TC/$file" "$version"; then
      echo "ok       $name $version"
    else
      echo "missing  $name $version (from the $how)"
      missing=1
    fi
  done
  echo "cache: $TC ($(du -sh "$TC" 2>/dev/null | cut -f1))"
  return $missing
}

build_pulumi() {
  have "$TC/bin/pulumi" "$PULUMI_VERSION" && return 0
  local D="$TC/src/pulumi-cli"; mkdir -p "$D"
  cat >"$D/go.mod" <<GOMOD
module dittofs.local/toolchain/pulumi-cli

go 1.25.11

require github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

tool github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
GOMOD
  (cd "$D" && nice -n 19 go mod tidy &&
    gob -tags osusergo,grpcnotrace -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$TC/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  stamp "$TC/bin/pulumi" "$PULUMI_VERSION"
}

build_kubernetes_provider() {
  have "$TC/providers/pulumi-resource-kubernetes" "$K8S_PROVIDER_STAMP" && return 0
  local W="$TC/src/pulumi-kubernetes" src sdkv
  src=$(module_dir "github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE")
  rm -rf "$W"; mkdir -p "$W"; cp -r "$src" "$W/provider"; chmod -R u+w "$W/provider"
  # The provider imports its own SDK module, which must sit at ../sdk (e2e-toolchain.md §C).
  sdkv=$(awk '$1=="github.com/pulumi/pulumi-kubernetes/sdk/v4"{print $2; exit}' "$W/provider/go.mod")
  cp -r "$(module_dir "github.com/pulumi/pulumi-kubernetes/sdk/v4@$sdkv")" "$W/sdk"; chmod -R u+w "$W/sdk"
  (cd "$W/provider" && VERSION=$K8S_PROVIDER_STAMP nice -n 19 go generate ./cmd/pulumi-resource-kubernetes &&
    gob -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_STAMP" \
      -o "$TC/providers/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes)
  stamp "$TC/providers/pulumi-resource-kubernetes" "$K8S_PROVIDER_STAMP"
}

build_etcd() {
  have "$TC/bin/etcd" "$ETCD_VERSION" && return 0
  mkdir -p "$TC/src/etcd"
  printf 'module dittofs.local/toolchain/etcd\n\ngo 1.25.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n\ntool go.etcd.io/etcd/server/v3\n' \
    "$ETCD_VERSION" >"$TC/src/etcd/go.mod"
  (cd "$TC/src/etcd" && nice -n 19 go mod tidy &&
    gob -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION" -o "$TC/bin/etcd" go.etcd.io/etcd/server/v3)
  stamp "$TC/bin/etcd" "$ETCD_VERSION"
}

build_kube() {
  local c all=1
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do have "$TC/bin/$c" "$KUBE_VERSION" || all=0; done
  [ "$all" = 1 ] && return 0
  local sv="v0.${KUBE_VERSION#v1.}" kmod ldf p
  kmod=$(cd "$TC/src/resolve" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | node -p 'JSON.parse(require("fs").readFileSync(0)).GoMod')
  mkdir -p "$TC/src/kube" && cd "$TC/src/kube" && rm -f go.mod go.sum && go mod init dittofs.local/toolchain/kube >/dev/null 2>&1
  go mod edit -go=1.26.0 -require="k8s.io/kubernetes@$KUBE_VERSION"
  # k8s.io/kubernetes requires its staging modules at v0.0.0: pin each to the matching release.
  go mod edit -json "$kmod" | node -e '
    const m = JSON.parse(require("fs").readFileSync(0)), sv = process.argv[1];
    for (const r of m.Require ?? []) if (r.Path.startsWith("k8s.io/") && r.Version === "v0.0.0") console.log(`-replace=${r.Path}=${r.Path}@${sv}`);
    for (const r of m.Replace ?? []) if (r.New.Version) console.log(`-replace=${r.Old.Path}${r.Old.Version ? "@" + r.Old.Version : ""}=${r.New.Path}@${r.New.Version}`);
  ' "$sv" | xargs go mod edit
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do go mod edit -tool="k8s.io/kubernetes/cmd/$c"; done
  nice -n 19 go mod tidy
  ldf="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2) -X $p.gitTreeState=clean"
  done
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    have "$TC/bin/$c" "$KUBE_VERSION" && continue
    gob -tags selinux,notest,grpcnotrace -ldflags "$ldf" -o "$TC/bin/$c" "k8s.io/kubernetes/cmd/$c"
    stamp "$TC/bin/$c" "$KUBE_VERSION"
  done
  cd "$ROOT"
}

build_kwok() {
  if ! have "$TC/bin/kwok" "$KWOK_VERSION"; then
    GOBIN="$TC/bin" nice -n 19 go install -trimpath -buildvcs=false -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
    stamp "$TC/bin/kwok" "$KWOK_VERSION"
  fi
  local kw f
  kw=$(module_dir "sigs.k8s.io/kwok@$KWOK_VERSION")
  for f in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready \
    pod/fast/pod-complete pod/fast/pod-delete volume/fast/pvc-provision volume/fast/pv-bind volume/fast/pvc-delete \
    volume/fast/pv-delete volume/fast/storage-class; do
    install -m 0644 "$kw/kustomize/stage/$f.yaml" "$TC/share/kwok/"
  done
}

build() {
  mkdir -p "$TC/src/resolve"; [ -f "$TC/src/resolve/go.mod" ] || (cd "$TC/src/resolve" && go mod init resolve >/dev/null 2>&1)
  # Priority order: what the most scenarios need first.
  build_pulumi
  build_kubernetes_provider
  build_etcd
  build_kube
  build_kwok
  status || true
}

case "${1:-status}" in
  status) status ;;
  build) build ;;
  *) echo "usage: $0 status|build" >&2; exit 2 ;;
esac
