/**
 * The evidence enums a form picks from (kind, my role, source), with their
 * labels and schemas in one table, and a select over one of them: used by the
 * evidence form and by the library's filters (with "Any").
 */
import { Kind, Role, Source } from '../../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import { EnumSelect } from '../fields';

/** The values of each enum field. */
interface EnumValues {
  kind: Kind;
  role: Role;
  source: Source;
}

/** One enum field: its label, its schema (options, and parsing a chosen option) and option labels. */
interface EnumSpec<T extends string> {
  label: string;
  schema: { options: readonly T[]; parse: (value: unknown) => T };
  labels: Record<T, string>;
}

/** `kind`, `role` or `source`. */
export type EvidenceEnumField = keyof EnumValues;
/** The values of one enum field. */
export type EvidenceEnumValue<F extends EvidenceEnumField> = EnumValues[F];

/** Each enum field's label, schema and option labels. */
export const EVIDENCE_ENUMS: { [F in EvidenceEnumField]: EnumSpec<EnumValues[F]> } = {
  kind: { label: 'Kind', schema: Kind, labels: KIND_LABELS },
  role: { label: 'My role', schema: Role, labels: ROLE_LABELS },
  source: { label: 'Source', schema: Source, labels: SOURCE_LABELS },
};

/**
 * A select over `field`'s values; with `anyLabel`, a first option `''` ("Any")
 * that `onChange` reports as `''`. Other values are parsed with the field's schema.
 */
export function EvidenceEnumSelect<F extends EvidenceEnumField>({
  field,
  value,
  onChange,
  anyLabel,
  testId,
}: {
  field: F;
  value: EvidenceEnumValue<F> | '';
  onChange: (value: EvidenceEnumValue<F> | '') => void;
  anyLabel?: string;
  testId?: string;
}) {
  const { label, schema, labels }: EnumSpec<EnumValues[F]> = EVIDENCE_ENUMS[field];
  return (
    <EnumSelect
      label={label}
      testId={testId}
      anyLabel={anyLabel}
      value={value}
      options={schema.options}
      labels={labels}
      onChange={(v) => onChange(v === '' ? '' : schema.parse(v))}
    />
  );
}
