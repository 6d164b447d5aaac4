// The type the dashboard JSON must satisfy: @grafana/schema's Dashboard, as JSON.
//
// gen.mjs turns helm/triage-worker/files/dashboard.json into a TypeScript object literal
// annotated with `DashboardJson` (generated/dashboard.ts), and `tsc --noEmit` checks it. An
// object literal (unlike a `resolveJsonModule` import) keeps its string literal types and gets
// excess-property checks, so a wrong field type, a misspelt field, a missing required field or
// an unknown `type` of a row or variable fails the check.
//
// The schema types some fields with TypeScript string enums (ThresholdsMode, FieldColorModeId,
// MappingType...), which no JSON value can satisfy directly; `JsonOf` accepts each enum's
// serialized values instead (`${E}` is the union of E's string values) and changes nothing else.
import type { Dashboard } from '@grafana/schema';

export type JsonOf<T> = T extends string
  ? T | `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<JsonOf<U>>
      : T extends object
        ? { [K in keyof T]: JsonOf<T[K]> }
        : T;

export type DashboardJson = JsonOf<Dashboard>;
