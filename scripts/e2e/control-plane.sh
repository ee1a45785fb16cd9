#!/usr/bin/env bash
# A local Kubernetes control plane on loopback for the e2e tests: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler and kwok (pods of the StatefulSet become Ready without a container runtime, LoadBalancer Services get
# an address), with the PerconaPGCluster CRD installed. Binaries come from the toolchain cache (scripts/toolchain.sh).
#
#   control-plane.sh start RUN_DIR   # prints KUBECONFIG=...; pids in RUN_DIR/pids
#   control-plane.sh stop RUN_DIR    # kills by pid, in reverse order
set -euo pipefail

TC="${DITTOFS_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/dittofs-toolchain}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PERCONA_CRD="$ROOT/../shared/reference/percona/perconapgclusters.pgv2.percona.com-v2.8.2.yaml"
cmd="${1:?start|stop}"
RUN="${2:?run dir}"
export PATH="$TC/bin:$PATH"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "timed out waiting for: $*" >&2; return 1; fi
    sleep 0.3
  done
}

start_bg() { # start_bg NAME CMD... (logs in $RUN/logs/NAME.log, pid appended to $RUN/pids)
  local name=$1; shift
  "$@" >"$RUN/logs/$name.log" 2>&1 &
  echo "$! $name" >>"$RUN/pids"
}

pki() {
  local P="$RUN/pki"; mkdir -p "$P"; cd "$P"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=dittofs-e2e-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout apiserver.key -out apiserver.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >apiserver.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile apiserver.ext -out apiserver.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=dittofs-e2e-admin" -keyout admin.key -out admin.csr 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >admin.ext
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile admin.ext -out admin.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  cd - >/dev/null
}

start() {
  mkdir -p "$RUN/logs"; : >"$RUN/pids"
  local P="$RUN/pki" ETCD_PORT ETCD_PEER API_PORT KCM_PORT SCHED_PORT
  ETCD_PORT=$(free_port); ETCD_PEER=$(free_port); API_PORT=$(free_port); KCM_PORT=$(free_port); SCHED_PORT=$(free_port)
  pki
  cat >"$RUN/admin.kubeconfig" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: "$P/ca.crt"}
users:
- name: admin
  user: {client-certificate: "$P/admin.crt", client-key: "$P/admin.key"}
contexts:
- name: e2e
  context: {cluster: e2e, user: admin}
current-context: e2e
KCFG
  export KUBECONFIG="$RUN/admin.kubeconfig"

  start_bg etcd etcd --name e2e --data-dir "$RUN/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "e2e=http://127.0.0.1:$ETCD_PEER" --unsafe-no-fsync --log-level warn
  wait_for 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  start_bg kube-apiserver kube-apiserver --etcd-servers="http://127.0.0.1:$ETCD_PORT" --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 --secure-port="$API_PORT" --tls-cert-file="$P/apiserver.crt" \
    --tls-private-key-file="$P/apiserver.key" --client-ca-file="$P/ca.crt" --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local --service-account-key-file="$P/sa.pub" \
    --service-account-signing-key-file="$P/sa.key" --service-cluster-ip-range=10.96.0.0/16 \
    --endpoint-reconciler-type=none --allow-privileged=true --profiling=false
  wait_for 60 curl -sf --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "https://127.0.0.1:$API_PORT/readyz"

  start_bg kube-controller-manager kube-controller-manager --kubeconfig="$KUBECONFIG" --leader-elect=false \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --root-ca-file="$P/ca.crt" --service-account-private-key-file="$P/sa.key"
  start_bg kube-scheduler kube-scheduler --kubeconfig="$KUBECONFIG" --leader-elect=false --bind-address=127.0.0.1 \
    --secure-port="$SCHED_PORT"
  local stages=()
  for f in "$TC"/share/kwok/*.yaml; do
    [ "$(basename "$f")" = storage-class.yaml ] || stages+=("--config=$f")
  done
  stages+=("--config=$ROOT/scripts/e2e/kwok-service-load-balancer.yaml")
  start_bg kwok kwok --kubeconfig="$KUBECONFIG" "${stages[@]}" --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-ip=10.0.0.1 --cidr=10.0.0.0/24 \
    --node-lease-duration-seconds=40

  wait_for 60 kubectl get sa default -n default
  kubectl apply -f "$TC/share/kwok/storage-class.yaml" >/dev/null
  kubectl apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations: {node.alpha.kubernetes.io/ttl: "0", kwok.x-k8s.io/node: fake}
  labels: {kubernetes.io/hostname: kwok-node-0, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
NODE
  wait_for 60 kubectl wait --for=condition=Ready node/kwok-node-0 --timeout=5s
  # Server-side: the CRD's last-applied annotation would exceed 256 KiB.
  kubectl apply --server-side -f "$PERCONA_CRD" >/dev/null
  wait_for 60 kubectl wait --for=condition=Established crd/perconapgclusters.pgv2.percona.com --timeout=5s
  echo "KUBECONFIG=$KUBECONFIG"
}

stop() {
  [ -f "$RUN/pids" ] || return 0
  tac "$RUN/pids" | while read -r pid name; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  : >"$RUN/pids"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop RUN_DIR" >&2; exit 2 ;;
esac
