#!/usr/bin/env bash
# The real-engine toolchain of `npm run e2e` (and the Pulumi CLI of the SDK check in `npm test`), cached under
# ${XDG_CACHE_HOME:-$HOME/.cache}/dittofs-toolchain and keyed by toolchain/versions.env (one stamp per binary:
# "<version> <sha256>").
#
#   scripts/toolchain.sh status [--porcelain] [NAME...]   # what is there and how to get what is not; exit 1 when
#                                                         # something is missing
#   scripts/toolchain.sh build                           # builds, from Go modules of the Go module proxy, whatever is
#                                                        # missing of: pulumi CLI, kubernetes provider, etcd,
#                                                        # kube-apiserver/-controller-manager/-scheduler, kubectl,
#                                                        # kwok (+ its stages). Idempotent; `nice`d.
#   scripts/toolchain.sh install NAME FILE [EXTRA...]    # puts a binary you built (and files it needs beside it)
#                                                        # in place, and stamps it
#
# `build` cannot make the language hosts (nodejs, python, go, yaml) or the random provider: no package registry serves
# their modules at the pinned versions. `status` names the upstream repository, ref and directory of each: build it
# from that source with Go and `install` it. The same goes for the DittoFS server builds of `npm run test:server`
# (NAME `dittofs-server-<commit>`; see README "Tested against the real server"). A test that needs a missing piece
# is skipped and says which piece, and how to get it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC1091
source "$ROOT/toolchain/versions.env"
TC="${DITTOFS_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/dittofs-toolchain}"
export GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 GOMODCACHE="$TC/gomod" GOCACHE="$TC/gocache"
mkdir -p "$TC/bin" "$TC/providers" "$TC/stamps" "$TC/src" "$TC/share/kwok"

gob() { nice -n 19 go build -trimpath -buildvcs=false "$@"; }
stamp() { printf '%s %s\n' "$2" "$(sha256sum "$1" | cut -d' ' -f1)" >"$TC/stamps/$(basename "$1").stamp"; }
# have FILE VERSION [NAME]: FILE is there, with a stamp (stamps/NAME.stamp, NAME defaulting to FILE's name) of VERSION.
have() {
  local st="$TC/stamps/${3:-$(basename "$1")}.stamp"
  [ -x "$1" ] && [ -f "$st" ] && [ "$(cut -d' ' -f1 "$st")" = "$2" ]
}
module_dir() { (cd "$TC/src/resolve" && go mod download -json "$1" | node -p 'JSON.parse(require("fs").readFileSync(0)).Dir'); }

# name | file | version | source: "proxy" (built by `build`), or "<repository> <ref> <directory>" of the upstream
# source that no package registry serves | a note on that build
ITEMS=(
  "pulumi|bin/pulumi|$PULUMI_VERSION|proxy"
  "pulumi-language-nodejs|bin/pulumi-language-nodejs|$PULUMI_VERSION|github.com/pulumi/pulumi $PULUMI_HOSTS_REF sdk/nodejs/cmd/pulumi-language-nodejs"
  "pulumi-language-python|bin/pulumi-language-python|$PULUMI_VERSION|github.com/pulumi/pulumi $PULUMI_HOSTS_REF sdk/python/cmd/pulumi-language-python|its executor script sdk/python/cmd/pulumi-language-python-exec goes beside it"
  "pulumi-language-go|bin/pulumi-language-go|$PULUMI_VERSION|github.com/pulumi/pulumi $PULUMI_HOSTS_REF sdk/go/pulumi-language-go"
  "pulumi-language-yaml|bin/pulumi-language-yaml|$PULUMI_YAML_REF|github.com/pulumi/pulumi-yaml $PULUMI_YAML_REF cmd/pulumi-language-yaml"
  "pulumi-resource-kubernetes|providers/pulumi-resource-kubernetes|$K8S_PROVIDER_STAMP|proxy"
  "pulumi-resource-random|providers/pulumi-resource-random|$RANDOM_PROVIDER_STAMP|github.com/pulumi/pulumi-random $RANDOM_PROVIDER_REF provider/cmd/pulumi-resource-random|built as version $RANDOM_PROVIDER_STAMP"
  "etcd|bin/etcd|$ETCD_VERSION|proxy"
  "kube-apiserver|bin/kube-apiserver|$KUBE_VERSION|proxy"
  "kube-controller-manager|bin/kube-controller-manager|$KUBE_VERSION|proxy"
  "kube-scheduler|bin/kube-scheduler|$KUBE_VERSION|proxy"
  "kubectl|bin/kubectl|$KUBE_VERSION|proxy"
  "kwok|bin/kwok|$KWOK_VERSION|proxy"
)

# The item line of NAME; a DittoFS server build `dittofs-server-<commit>` is an item of its own.
item() {
  local it
  for it in "${ITEMS[@]}"; do [ "${it%%|*}" = "$1" ] && { echo "$it"; return 0; }; done
  if [[ "$1" =~ ^dittofs-server-([0-9a-f]{40})$ ]]; then
    echo "$1|bin/dittofs-server/dittofs-${BASH_REMATCH[1]}|${BASH_REMATCH[1]}|github.com/marmos91/dittofs ${BASH_REMATCH[1]} cmd/dittofs|cmd/dfs from v0.29 on"
    return 0
  fi
  return 1
}

# How to get a missing item, in one line.
how() {
  local name=$1 file=$2 source=$3 note=$4 repo ref dir extra=""
  if [ "$source" = proxy ]; then
    echo "\`scripts/toolchain.sh build\` builds it from the Go module proxy"
    return
  fi
  read -r repo ref dir <<<"$source"
  case "$name" in
    pulumi-language-nodejs | pulumi-language-python | pulumi-language-go)
      note="${note:+$note; }the Pulumi CLI $PULUMI_VERSION release archive also contains it" ;;
  esac
  [ "$name" = pulumi-language-python ] && extra=" <pulumi-language-python-exec>"
  echo "not served by any package registry: build it from the upstream source ($repo at $ref, directory $dir${note:+; $note})" \
    "and place it at $TC/$file with \`scripts/toolchain.sh install $name <binary>$extra\`"
}

# One line per item (all, or the NAMEs given): "ok       NAME VERSION" or "missing  NAME VERSION: how to get it";
# --porcelain: "NAME<TAB>VERSION<TAB>ok|missing<TAB>proxy|upstream<TAB>PATH<TAB>how to get it".
status() {
  local porcelain=0 missing=0 names=() it name file version source note state kind
  [ "${1:-}" = --porcelain ] && { porcelain=1; shift; }
  if [ $# -gt 0 ]; then names=("$@"); else for it in "${ITEMS[@]}"; do names+=("${it%%|*}"); done; fi
  for name in "${names[@]}"; do
    it=$(item "$name") || { echo "unknown toolchain item: $name" >&2; return 2; }
    IFS='|' read -r name file version source note <<<"$it"
    if have "$TC/$file" "$version" "$name"; then state=ok; else state=missing; missing=1; fi
    kind=upstream; [ "$source" = proxy ] && kind=proxy
    if [ "$porcelain" = 1 ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$state" "$kind" "$TC/$file" "$(how "$name" "$file" "$source" "$note")"
    elif [ "$state" = ok ]; then
      echo "ok       $name $version"
    else
      echo "missing  $name $version: $(how "$name" "$file" "$source" "$note")"
    fi
  done
  [ "$porcelain" = 1 ] || [ $# -gt 0 ] || echo "cache: $TC ($(du -sh "$TC" 2>/dev/null | cut -f1))"
  return $missing
}

# install NAME FILE [EXTRA...]: copies FILE to NAME's place (EXTRA files beside it) and writes NAME's stamp.
install_item() {
  [ $# -ge 2 ] || { echo "usage: $0 install NAME FILE [EXTRA...]" >&2; return 2; }
  local it name file version source src=$2 extra
  it=$(item "$1") || { echo "unknown toolchain item: $1 (see: $0 status)" >&2; return 2; }
  IFS='|' read -r name file version source <<<"$it"
  [ -f "$src" ] || { echo "$src: no such file" >&2; return 2; }
  mkdir -p "$(dirname "$TC/$file")"
  install -m 0755 "$src" "$TC/$file"
  shift 2
  for extra in "$@"; do install -m 0755 "$extra" "$(dirname "$TC/$file")/"; done
  printf '%s %s\n' "$version" "$(sha256sum "$TC/$file" | cut -d' ' -f1)" >"$TC/stamps/$name.stamp"
  echo "installed $name $version at $TC/$file"
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
  # The provider imports its own SDK module, which must sit at ../sdk (a stub go.mod there does not build).
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

cmd=${1:-status}
[ $# -gt 0 ] && shift
case "$cmd" in
  status) status "$@" ;;
  build) build ;;
  install) install_item "$@" ;;
  *) echo "usage: $0 status [--porcelain] [NAME...] | build | install NAME FILE [EXTRA...]" >&2; exit 2 ;;
esac
