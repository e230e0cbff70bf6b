#!/usr/bin/env bash
# `make helm-check`: lints the chart (deploy/helm/prequal), renders it with its defaults and with
# every feature on (ci/all-features-values.yaml), and validates every manifest with kubeconform
# (strict: no field the schema does not know) against the Kubernetes JSON schemas of the oldest
# and the newest Kubernetes the chart supports. The renders are left in .out/helm/.
#
#   scripts/helm-check.sh            the check (builds what is missing first)
#   scripts/helm-check.sh --helm     prints the path of the built helm (nothing when not built yet)
#
# Built or fetched once into .tools/ (git-ignored), later runs reuse them (docs/decisions/0050):
# - helm and kubeconform: `go install` of their Go modules;
# - the schemas: the kubernetes-validate wheel from PyPI, which vendors them for every recent
#   Kubernetes version; its "local" layout points its $refs at https://kubernetes.io/..., so the
#   files are rewritten to point at the _definitions.json beside them (nothing is fetched).
# ScaledObject (KEDA) and ServiceMonitor (prometheus-operator) are custom resources with no schema
# there: kubeconform skips those two kinds by name (not -ignore-missing-schemas, which would also
# pass a core kind it cannot find), and test/helm/chart.unit.test.ts validates them with the
# @kubernetes-models packages generated from those projects' CRDs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HELM_VERSION=4.3.2
KUBECONFORM_VERSION=0.8.0
SCHEMAS_VERSION=1.37.0
# kubeVersion in Chart.yaml is the first; the last is the newest the schemas package has.
KUBERNETES_VERSIONS=(1.30.0 1.37.0)
CHART=deploy/helm/prequal
CUSTOM_KINDS=ScaledObject,ServiceMonitor

helm=.tools/helm-$HELM_VERSION/helm
kubeconform=.tools/kubeconform-$KUBECONFORM_VERSION/kubeconform
schemas=.tools/kubernetes-json-schema-$SCHEMAS_VERSION

if [[ ${1:-} == --helm ]]; then
  [[ ! -x $helm ]] || echo "$PWD/$helm"
  exit 0
fi

go_install() {
  local dir=$1 module=$2
  command -v go >/dev/null || {
    echo "helm-check needs Go to build $module (go install $module)" >&2
    exit 1
  }
  echo "building $module"
  GOBIN="$PWD/$dir" go install "$module"
}
[[ -x $helm ]] || go_install "${helm%/*}" "helm.sh/helm/v4/cmd/helm@v$HELM_VERSION"
[[ -x $kubeconform ]] || go_install "${kubeconform%/*}" "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION"

if [[ ! -f $schemas/.complete ]]; then
  echo "fetching kubernetes-validate $SCHEMAS_VERSION (PyPI) for its Kubernetes JSON schemas"
  download=$(mktemp -d)
  trap 'rm -rf "$download"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary :all: --dest "$download" \
    "kubernetes-validate==$SCHEMAS_VERSION"
  rm -rf "$schemas"
  python3 - "$download"/kubernetes_validate-*.whl "$schemas" "${KUBERNETES_VERSIONS[@]}" <<'PY'
import json, sys, zipfile
from pathlib import Path

wheel, out, versions = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
with zipfile.ZipFile(wheel) as archive:
    for version in versions:
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{version}-local-strict/"
        members = [m for m in archive.namelist() if m.startswith(prefix) and m.endswith(".json")]
        if not members:
            sys.exit(f"kubernetes-validate has no schemas for Kubernetes {version}")
        target = out / f"v{version}-local-strict"
        target.mkdir(parents=True)
        for member in members:
            schema = json.loads(archive.read(member))
            schema.pop("$id", None)
            text = json.dumps(schema).replace('"/api/_definitions.json#', '"_definitions.json#')
            (target / Path(member).name).write_text(text)
PY
  touch "$schemas/.complete"
fi

mkdir -p .out/helm
"$helm" lint --strict "$CHART"
"$helm" lint --strict "$CHART" --values "$CHART/ci/all-features-values.yaml"
for version in "${KUBERNETES_VERSIONS[@]}"; do
  "$helm" template prequal "$CHART" --kube-version "$version" >.out/helm/default-$version.yaml
  "$helm" template prequal "$CHART" --kube-version "$version" \
    --values "$CHART/ci/all-features-values.yaml" >.out/helm/all-features-$version.yaml
  echo "kubeconform, Kubernetes $version (skipping the custom kinds $CUSTOM_KINDS):"
  "$kubeconform" -strict -summary -kubernetes-version "$version" -skip "$CUSTOM_KINDS" \
    -schema-location "$schemas/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    .out/helm/default-$version.yaml .out/helm/all-features-$version.yaml
done
echo "helm-check: the chart lints, renders and validates (helm $HELM_VERSION, kubeconform $KUBECONFORM_VERSION, Kubernetes ${KUBERNETES_VERSIONS[*]})"
