#!/usr/bin/env bash
# Runs inside the pod's network namespace and a private mount namespace (see pod-sandbox.ts). Builds the container's
# root filesystem as an empty tmpfs holding only the image's binary and the pod's volumes, makes it read-only when
# the container says so, then execs the server as the pod's user with no privileges, no capabilities and exactly the
# environment it was started with (the container's env; this script adds nothing to it).
#   container-init.sh ROOTFS BINARY IMAGE_PATH READONLY(0|1) UID GID WORKDIR MOUNTS_FILE HOSTNAME PIDFILE -- ARGV...
# MOUNTS_FILE has "dir<TAB>PATH<TAB>UID<TAB>GID<TAB>MODE" lines for the image's own directories, then
# "mount<TAB>SOURCE<TAB>TARGET<TAB>ro|rw" lines for the volumes.
set -euo pipefail
rootfs=$1 binary=$2 image_path=$3 readonly=$4 uid=$5 gid=$6 workdir=$7 mounts=$8 pod_hostname=$9 pidfile=${10}
shift 10
[ "$1" = "--" ] && shift

mount --make-rprivate /
hostname "$pod_hostname"
mount -t tmpfs -o mode=0755 rootfs "$rootfs"
# What any container runtime provides: /proc, a minimal /dev, /etc/hosts and /etc/resolv.conf.
mkdir -p "$rootfs"/{proc,dev,etc,"${image_path%/*}"} "$rootfs$workdir"
mount -t proc proc "$rootfs/proc"
for d in null zero random urandom; do
  touch "$rootfs/dev/$d"
  mount --bind "/dev/$d" "$rootfs/dev/$d"
done
printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$(ip -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1)" "$(hostname)" >"$rootfs/etc/hosts"
: >"$rootfs/etc/resolv.conf"
# The image's users (Dockerfile: adduser -u 65532 dittofs, home /app).
printf 'root:x:0:0:root:/root:/sbin/nologin\ndittofs:x:65532:65532::/app:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\ndittofs:x:65532:\n' >"$rootfs/etc/group"
# The image's binary, read-only, where the image's entrypoint expects it.
touch "$rootfs$image_path"
mount --bind "$binary" "$rootfs$image_path"
mount -o remount,bind,ro "$rootfs$image_path"
# The image's directories with their owners, then the volumes at their mount paths.
while IFS=$'\t' read -r kind a b c d; do
  case "$kind" in
    dir)
      mkdir -p "$rootfs$a"
      chown "$b:$c" "$rootfs$a"
      chmod "$d" "$rootfs$a"
      ;;
    mount)
      if [ -d "$a" ]; then mkdir -p "$rootfs$b"; else mkdir -p "$(dirname "$rootfs$b")"; touch "$rootfs$b"; fi
      mount --bind "$a" "$rootfs$b"
      if [ "$c" = ro ]; then mount -o remount,bind,ro "$rootfs$b"; fi
      ;;
  esac
done <"$mounts"
if [ "$readonly" = 1 ]; then mount -o remount,bind,ro "$rootfs"; fi

# No new privileges (allowPrivilegeEscalation: false), then chroot into the rootfs at the image's WORKDIR and switch
# to the pod's user, which leaves the process no capabilities (drop: ALL). unshare -G also drops every supplementary
# group. bash's own variables are removed so the server sees the container env only.
echo $$ >"$pidfile"
exec env -u SHLVL -u _ -u PWD -u OLDPWD \
  setpriv --no-new-privs \
  unshare --root="$rootfs" --wd="$workdir" --setuid="$uid" --setgid="$gid" -- "$@"
