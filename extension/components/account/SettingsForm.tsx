/**
 * The shape every small settings card of the Account tab shares: a card form
 * with a title, a one-line intro, its fields, and an action row with the save
 * button and the status line ("Saved" or the error). {@link SyncedSettings}
 * remounts the form with the synced `settings` record whenever the record
 * changes (pulled from another device, or after this save), keeping the status
 * line across the remount.
 */
import type { ComponentType, ReactNode } from 'react';
import type { UserSettingsRecord } from '../../../shared/schemas';
import { useCaseData } from '../../hooks/useCaseData';
import { Card } from '../common/Card';
import { FormStatus } from '../form/FormStatus';
import { useSaveStatus, type SaveStatus } from '../form/useSaveStatus';

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  /** Id of the title; the form is labelled by it. */
  titleId: string;
  title: ReactNode;
  /** The muted line under the title. */
  intro: ReactNode;
  /** `data-testid` of the form. */
  testId?: string;
  /** The save button's text and `data-testid`. */
  saveLabel: string;
  saveTestId: string;
  /** The status line after a save (`SaveStatus.message`). */
  message: string | null;
  /** Called on submit (the default is prevented). */
  onSave: () => void;
  /** The fields. */
  children?: ReactNode;
  /** Controls placed in the action row before the save button. */
  inlineField?: ReactNode;
}

/** A settings card: title, intro, fields, save button and status line. */
export function SettingsForm({
  saveLabel,
  saveTestId,
  message,
  onSave,
  children,
  inlineField,
  ...card
}: SettingsFormProps) {
  return (
    <Card
      {...card}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {children}
      <div className="actions">
        {inlineField}
        <button type="submit" className="button secondary" data-testid={saveTestId}>
          {saveLabel}
        </button>
        <FormStatus tone="saved" inline message={message} />
      </div>
    </Card>
  );
}

/** Props a form mounted by {@link SyncedSettings} receives. */
export interface SyncedFormProps {
  /** The synced settings record when the form mounted (`undefined` before the first save). */
  initial: UserSettingsRecord | undefined;
  status: SaveStatus;
}

/** Mounts `form` keyed by the settings record's `updatedAt`, with a status line that outlives remounts. */
export function SyncedSettings({ form: Form }: { form: ComponentType<SyncedFormProps> }) {
  const { settings } = useCaseData();
  const status = useSaveStatus();
  return <Form key={settings?.updatedAt ?? 'none'} initial={settings} status={status} />;
}
