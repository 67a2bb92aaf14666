{{/*
Objects are named after the Score workload (.Values.workload.name), not the release: other workloads'
service-port outputs name this workload's Service by the workload name.
*/}}
{{- define "scorec-workload.name" -}}
{{- .Values.workload.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "scorec-workload.selectorLabels" -}}
app.kubernetes.io/name: {{ include "scorec-workload.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "scorec-workload.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "scorec-workload.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- range $lk, $lv := .Values.workload.labels }}
{{ $lk }}: {{ $lv | quote }}
{{- end }}
{{- end -}}

{{/* Deployment, or StatefulSet when asked for or when a volume needs a claim per replica. */}}
{{- define "scorec-workload.kind" -}}
{{- $kind := .Values.workload.kind -}}
{{- range $vname, $vol := .Values.volumes -}}
{{- if $vol.claim -}}{{- if $vol.claim.perReplica -}}{{- $kind = "StatefulSet" -}}{{- end -}}{{- end -}}
{{- end -}}
{{- $kind -}}
{{- end -}}

{{/*
One container. Called with (dict "name" NAME "c" CONTAINER "workload" WORKLOAD-NAME "sidecar" BOOL).
values-binding: $c = .Values.containers.*
*/}}
{{- define "scorec-workload.container" -}}
{{- $c := .c -}}
{{- $workload := .workload -}}
- name: {{ .name }}
  image: {{ $c.image | quote }}
  {{- if $c.command }}
  command:
    {{- toYaml $c.command | nindent 4 }}
  {{- end }}
  {{- if $c.args }}
  args:
    {{- toYaml $c.args | nindent 4 }}
  {{- end }}
  {{- if .sidecar }}
  restartPolicy: Always
  {{- end }}
  {{- if $c.env }}
  env:
    {{- range $e := $c.env }}
    - name: {{ $e.name | quote }}
      {{- if $e.secretKeyRef }}
      valueFrom:
        secretKeyRef:
          name: {{ $e.secretKeyRef.name | default (printf "%s-secrets" $workload) | quote }}
          key: {{ $e.secretKeyRef.key | quote }}
      {{- else if $e.configMapKeyRef }}
      valueFrom:
        configMapKeyRef:
          name: {{ printf "%s-environment" $workload | quote }}
          key: {{ $e.configMapKeyRef.key | quote }}
      {{- else }}
      value: {{ $e.value | quote }}
      {{- end }}
    {{- end }}
  {{- end }}
  {{- if or $c.files $c.volumeMounts }}
  volumeMounts:
    {{- range $f := $c.files }}
    - name: scorec-files
      mountPath: {{ $f.mountPath | quote }}
      subPath: {{ $f.key | quote }}
      readOnly: true
    {{- end }}
    {{- range $m := $c.volumeMounts }}
    - name: {{ $m.name | quote }}
      mountPath: {{ $m.mountPath | quote }}
      {{- if $m.subPath }}
      subPath: {{ $m.subPath | quote }}
      {{- end }}
      {{- if $m.readOnly }}
      readOnly: true
      {{- end }}
    {{- end }}
  {{- end }}
  {{- if $c.livenessProbe }}
  livenessProbe:
    {{- toYaml $c.livenessProbe | nindent 4 }}
  {{- end }}
  {{- if $c.readinessProbe }}
  readinessProbe:
    {{- toYaml $c.readinessProbe | nindent 4 }}
  {{- end }}
  {{- if $c.startupProbe }}
  startupProbe:
    {{- toYaml $c.startupProbe | nindent 4 }}
  {{- end }}
  {{- if $c.resources }}
  resources:
    {{- toYaml $c.resources | nindent 4 }}
  {{- end }}
{{- end -}}
