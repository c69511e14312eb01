#!/usr/bin/env bash
# Deploys the stack stage by stage, waiting for each stage to be ready before the next, or tears it down.
#
#   ./deploy.sh [-o oke|monitoring] [-s etcd|raft|oci-kms] [-t seconds] [up]
#   ./deploy.sh [-o ...] [-s ...] render      # print what each stage applies (offline)
#   ./deploy.sh [-y] teardown                  # delete everything, including Vault's data and unseal keys
#
# -o  use overlays/<name>/<stage> for the stages that overlay has
# -s  Vault storage / unseal variant for stage 02 (ignored with -o oke: edit overlays/oke/02-clusters)
# -t  timeout in seconds for each wait (default 900)
# -y  do not ask before tearing down
#
# Needs kubectl (1.30+, pointed at the target cluster) and, for "up", helm 3.8+ (OCI charts).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=01-operators/versions.env
source "$HERE/01-operators/versions.env"

OVERLAY=""
STORAGE="etcd"
TIMEOUT=900
ASSUME_YES=false
FIELD_MANAGER="vault-k8s-auth"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'deploy.sh: %s\n' "$*" >&2; exit 1; }

while getopts ":o:s:t:yh" option; do
	case "$option" in
		o) OVERLAY="$OPTARG" ;;
		s) STORAGE="$OPTARG" ;;
		t) TIMEOUT="$OPTARG" ;;
		y) ASSUME_YES=true ;;
		h) sed -n '2,14p' "$0"; exit 0 ;;
		*) die "unknown option -$OPTARG (see -h)" ;;
	esac
done
shift $((OPTIND - 1))
COMMAND="${1:-up}"

case "$STORAGE" in etcd | raft | oci-kms) ;; *) die "unknown storage variant '$STORAGE'" ;; esac
if [[ -n "$OVERLAY" && ! -d "$HERE/overlays/$OVERLAY" ]]; then
	die "unknown overlay '$OVERLAY' (have: $(ls "$HERE/overlays" | tr '\n' ' '))"
fi
if [[ "$OVERLAY" == "oke" && "$STORAGE" != "etcd" ]]; then
	die "-o oke uses overlays/oke/02-clusters: add the $STORAGE component there instead of -s $STORAGE"
fi

# The kustomization directory applied for a stage.
stage_dir() {
	local stage="$1"
	if [[ -n "$OVERLAY" && -d "$HERE/overlays/$OVERLAY/$stage" ]]; then
		echo "$HERE/overlays/$OVERLAY/$stage"
	elif [[ "$stage" == "02-clusters" ]]; then
		if [[ "$STORAGE" == "etcd" ]]; then echo "$HERE/02-clusters/base"; else echo "$HERE/02-clusters/overlays/$STORAGE"; fi
	else
		echo "$HERE/$stage"
	fi
}

apply_stage() {
	log "Stage $1: $(stage_dir "$1")"
	kubectl apply --server-side --field-manager="$FIELD_MANAGER" -k "$(stage_dir "$1")"
}

# Polls a command until it succeeds or TIMEOUT passes.
wait_until() {
	local description="$1"
	shift
	local deadline=$((SECONDS + TIMEOUT))
	until "$@" >/dev/null 2>&1; do
		((SECONDS < deadline)) || die "timed out after ${TIMEOUT}s waiting for: $description"
		sleep 5
	done
	echo "ready: $description" >&2
}

statefulset_ready() {
	local namespace="$1" name="$2" want="$3" ready
	ready="$(kubectl -n "$namespace" get statefulset "$name" -o jsonpath='{.status.readyReplicas}' 2>/dev/null)"
	[[ "${ready:-0}" -ge "$want" ]]
}

rendered_has_kind() {
	local rendered
	rendered="$(kubectl kustomize "$(stage_dir "$1")")"
	grep -qx "kind: $2" <<<"$rendered"
}

role_configured() {
	local token="$1"
	# The token goes in on stdin, never on a command line.
	local audience
	audience="$(kubectl -n vault exec -i vault-0 -c vault -- sh -c \
		'read -r VAULT_TOKEN && export VAULT_TOKEN && vault read -address=https://127.0.0.1:8200 -ca-cert=/vault/tls/ca.crt -field=audience auth/kubernetes/role/testapp' \
		<<<"$token")"
	[[ "$audience" == "vault" ]]
}

install_operators() {
	log "Stage 01: etcd-operator $ETCD_OPERATOR_VERSION"
	kubectl apply --server-side --field-manager=etcd-operator-install -f "$ETCD_OPERATOR_INSTALL_URL"
	kubectl wait --for=condition=Established --timeout="${TIMEOUT}s" crd/etcdclusters.operator.etcd.io
	kubectl -n "$ETCD_OPERATOR_NAMESPACE" rollout status "deployment/$ETCD_OPERATOR_DEPLOYMENT" --timeout="${TIMEOUT}s"

	log "Stage 01: vault-operator chart $VAULT_OPERATOR_CHART_VERSION"
	helm upgrade --install "$VAULT_OPERATOR_RELEASE" "$VAULT_OPERATOR_CHART" --version "$VAULT_OPERATOR_CHART_VERSION" \
		--namespace "$VAULT_OPERATOR_NAMESPACE" --values "$HERE/01-operators/vault-operator-values.yaml" \
		--wait --timeout "${TIMEOUT}s"
	kubectl wait --for=condition=Established --timeout="${TIMEOUT}s" crd/vaults.vault.banzaicloud.com
	kubectl -n "$VAULT_OPERATOR_NAMESPACE" rollout status "deployment/$VAULT_OPERATOR_RELEASE" --timeout="${TIMEOUT}s"

	apply_stage 01-operators
}

wait_for_clusters() {
	if rendered_has_kind 02-clusters EtcdCluster; then
		wait_until "etcd cluster (3 members ready)" statefulset_ready vault-etcd etcd 3
	fi
	# Vault pods turn ready only once initialised and unsealed (readiness is sys/health).
	wait_until "Vault (3 servers unsealed)" statefulset_ready vault vault 3
}

wait_for_vault_config() {
	log "Stage 03: Vault configuration (externalConfig, applied by vault-configurer)"
	wait_until "deployment/vault-configurer to exist" kubectl -n vault get deployment vault-configurer
	kubectl -n vault rollout status deployment/vault-configurer --timeout="${TIMEOUT}s"
	local token
	if token="$(kubectl -n vault get secret vault-unseal-keys -o jsonpath='{.data.vault-root}' 2>/dev/null | base64 -d)" && [[ -n "$token" ]]; then
		wait_until "auth/kubernetes/role/testapp with audience vault" role_configured "$token"
	else
		echo "root token not in a Kubernetes Secret (OCI KMS variant): the smoke test verifies the configuration" >&2
	fi
}

run_smoke_test() {
	log "Stage 05: smoke test"
	kubectl -n default delete job testapp-smoke --ignore-not-found --wait=true
	apply_stage 05-smoke
	local deadline=$((SECONDS + TIMEOUT)) complete failed
	while :; do
		complete="$(kubectl -n default get job testapp-smoke -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')"
		failed="$(kubectl -n default get job testapp-smoke -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')"
		[[ "$complete" == "True" || "$failed" == "True" ]] && break
		((SECONDS < deadline)) || { failed="True"; echo "smoke test still running after ${TIMEOUT}s" >&2; break; }
		sleep 5
	done
	kubectl -n default logs job/testapp-smoke --all-containers=true || true
	[[ "$failed" != "True" ]] || die "SMOKE TEST FAILED: see the log above and 'kubectl -n default describe job testapp-smoke'"
	log "Smoke test passed: the app logged in to Vault with its service-account token and wrote, read and deleted a secret"
}

up() {
	command -v kubectl >/dev/null || die "kubectl not found"
	command -v helm >/dev/null || die "helm not found"
	apply_stage 00-namespaces
	install_operators
	apply_stage 02-clusters
	wait_for_clusters
	wait_for_vault_config
	apply_stage 04-testapp
	wait_until "Vault CA copied into namespace default" kubectl -n default get secret vault-tls
	kubectl -n default rollout status deployment/testapp --timeout="${TIMEOUT}s"
	run_smoke_test
}

render() {
	for stage in 00-namespaces 01-operators 02-clusters 04-testapp 05-smoke; do
		printf -- '# ---- %s (%s)\n' "$stage" "$(stage_dir "$stage")"
		kubectl kustomize "$(stage_dir "$stage")"
	done
	printf -- '# ---- not rendered here: %s and helm chart %s %s\n' "$ETCD_OPERATOR_INSTALL_URL" "$VAULT_OPERATOR_CHART" "$VAULT_OPERATOR_CHART_VERSION"
}

teardown() {
	command -v kubectl >/dev/null || die "kubectl not found"
	if [[ "$ASSUME_YES" != true ]]; then
		read -r -p "Delete the app, Vault (all its data and unseal keys), etcd and both operators? [y/N] " answer
		[[ "$answer" == [yY] ]] || die "aborted"
	fi
	log "Deleting stages 05 and 04"
	kubectl delete -k "$(stage_dir 05-smoke)" --ignore-not-found --wait=true
	kubectl delete -k "$(stage_dir 04-testapp)" --ignore-not-found --wait=true
	kubectl -n default delete secret vault-tls --ignore-not-found

	log "Deleting stage 02 while the operators still run (they clean up what they created)"
	kubectl delete -k "$(stage_dir 02-clusters)" --ignore-not-found --wait=true --timeout="${TIMEOUT}s" || true

	log "Uninstalling the operators"
	kubectl delete -k "$(stage_dir 01-operators)" --ignore-not-found
	if command -v helm >/dev/null && helm -n "$VAULT_OPERATOR_NAMESPACE" status "$VAULT_OPERATOR_RELEASE" >/dev/null 2>&1; then
		helm -n "$VAULT_OPERATOR_NAMESPACE" uninstall "$VAULT_OPERATOR_RELEASE" --wait
	fi
	# helm leaves CRDs in place by design
	kubectl delete crd vaults.vault.banzaicloud.com --ignore-not-found
	kubectl delete -f "$ETCD_OPERATOR_INSTALL_URL" --ignore-not-found

	log "Deleting the namespaces (and with them the volumes of Vault and etcd)"
	kubectl delete namespace vault vault-etcd "$VAULT_OPERATOR_NAMESPACE" "$ETCD_OPERATOR_NAMESPACE" --ignore-not-found --wait=true
	# "default" stays: only the Pod Security labels stage 00 added come off
	kubectl label namespace default pod-security.kubernetes.io/enforce- pod-security.kubernetes.io/enforce-version- \
		pod-security.kubernetes.io/warn- pod-security.kubernetes.io/audit- >/dev/null
	log "Torn down"
}

case "$COMMAND" in
	up) up ;;
	render) render ;;
	teardown) teardown ;;
	*) die "unknown command '$COMMAND' (up, render, teardown)" ;;
esac
