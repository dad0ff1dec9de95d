{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The operator's rules on namespaced resources: in its ClusterRole, or in a Role per watched namespace.
*/}}
{{- define "switchboard.namespacedRules" -}}
# patch on connections: the in-use-protection finalizer (get: the SDK re-reads to retry it on a conflict).
- apiGroups: ["switchboard.dev"]
  resources: ["connections"]
  verbs: ["get", "list", "watch", "patch"]
# patch: the user-cleanup finalizer, only on bindings whose Connection provisions a user per binding. get: before
# re-creating a binding's missing Secret or RBAC, whether the binding still exists (a cache may lag its deletion).
- apiGroups: ["switchboard.dev"]
  resources: ["workspacebindings"]
  verbs: ["get", "list", "watch", "patch"]
# Status is written whole, guarded by the resourceVersion the operator read.
- apiGroups: ["switchboard.dev"]
  resources: ["connections/status", "workspacebindings/status"]
  verbs: ["update"]
# Produced objects name their binding as owner with blockOwnerDeletion, which OwnerReferencesPermissionEnforcement
# (on in OpenShift) allows only to who may update the owner's finalizers. The operator never calls this itself.
- apiGroups: ["switchboard.dev"]
  resources: ["workspacebindings/finalizers"]
  verbs: ["update"]
# Bound Secrets are created, updated and deleted in workspaces; credential Secrets are read where Connections
# point and get one label (patch) so that only they are watched.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Roles that grant get on one Secret: the operator holds get on secrets itself, as RBAC escalation rules require.
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Events are named per object and reason; a repeat bumps the count (patch), one left by an earlier run is read (get).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- if .Values.restartOnRotation.enabled }}
# Restart on rotation: workloads are watched through their opt-in label and rolled with a merge patch of one
# Pod-template annotation.
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets"]
  verbs: ["list", "watch", "patch"]
{{- end }}
{{- end }}
