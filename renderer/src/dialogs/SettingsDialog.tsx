// The app's settings: session lengths, when to renew and warn, the language (applied as soon as
// main saved it), whether quitting clears the managed profiles, and whether the app serves roles
// to shells from its credential endpoint.
import { useTranslation } from 'react-i18next';
import { KEY_AGE_WARNING_DAYS, MFA_SESSION_DURATION, NOTIFY_LEAD_MINUTES, REFRESH_LEAD_MINUTES, ROLE_DURATION } from '../../../common/rules';
import type { IpcError, LanguageSetting, SettingsView } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { Field } from '../forms/Field';
import { checkSettings, SETTINGS_FIELDS, settingsFormValues, type SettingsFormValues } from '../forms/settings-validation';
import { useFormValues } from '../forms/useFormValues';
import { useSave } from '../forms/useSave';
import { FormDialog } from './FormDialog';
import { Rich } from '../i18n/rich';
import { SERVER_EXPORT_COMMAND } from '../../../common/export-formats';

export interface SettingsDialogProps {
  bridge: Bridge;
  settings: SettingsView;
  onSaved(settings: SettingsView): void;
  onCancel(): void;
  /** Main refused the save after the user closed the dialog. */
  onFailedAfterClose?(error: IpcError): void;
}

export function SettingsDialog({ bridge, settings, onSaved, onCancel, onFailedAfterClose }: SettingsDialogProps) {
  const { t } = useTranslation();
  const { values, setValues, set } = useFormValues<SettingsFormValues>(() => settingsFormValues(settings));
  const { saving, errors, setErrors, formError, save } = useSave(SETTINGS_FIELDS);

  const submit = () => {
    const checked = checkSettings(values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    void save(() => call(bridge, 'settings:update', checked.request), onSaved, onFailedAfterClose);
  };

  return (
    <FormDialog testId="settings-dialog" title={t('settings.title')} saving={saving} formError={formError} problems={errors} onSubmit={submit} onCancel={onCancel}>
      <Field label={t('settings.mfaSessionHours')} problem={errors.mfaSessionDuration}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={MFA_SESSION_DURATION.min / 3600}
            max={MFA_SESSION_DURATION.max / 3600}
            step={0.25}
            value={values.mfaSessionHours}
            onChange={set('mfaSessionHours')}
          />
        )}
      </Field>
      <Field label={t('settings.defaultRoleMinutes')} problem={errors.defaultRoleDuration}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={ROLE_DURATION.min / 60}
            max={ROLE_DURATION.max / 60}
            step={1}
            value={values.defaultRoleMinutes}
            onChange={set('defaultRoleMinutes')}
          />
        )}
      </Field>
      <Field label={t('settings.refreshLead')} problem={errors.refreshLeadMinutes}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={REFRESH_LEAD_MINUTES.min}
            max={REFRESH_LEAD_MINUTES.max}
            step={1}
            value={values.refreshLeadMinutes}
            onChange={set('refreshLeadMinutes')}
          />
        )}
      </Field>
      <Field label={t('settings.notifyLead')} problem={errors.notifyLeadMinutes}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={NOTIFY_LEAD_MINUTES.min}
            max={NOTIFY_LEAD_MINUTES.max}
            step={1}
            value={values.notifyLeadMinutes}
            onChange={set('notifyLeadMinutes')}
          />
        )}
      </Field>
      <Field label={t('settings.keyAgeWarningDays')} problem={errors.keyAgeWarningDays}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={KEY_AGE_WARNING_DAYS.min}
            max={KEY_AGE_WARNING_DAYS.max}
            step={1}
            value={values.keyAgeWarningDays}
            onChange={set('keyAgeWarningDays')}
          />
        )}
      </Field>
      <Field label={t('settings.language')} problem={errors.language}>
        {(control) => (
          <select {...control} value={values.language} onChange={(event) => setValues((v) => ({ ...v, language: event.target.value as LanguageSetting }))}>
            <option value="system">{t('settings.languageSystem')}</option>
            {/* Each language named in itself, as language pickers do: data, not UI text. */}
            <option value="en" lang="en" translate="no">
              {t('settings.languageEn')}
            </option>
            <option value="ja" lang="ja" translate="no">
              {t('settings.languageJa')}
            </option>
          </select>
        )}
      </Field>
      <label className="choice">
        <input type="checkbox" checked={values.clearProfilesOnQuit} onChange={(event) => setValues((v) => ({ ...v, clearProfilesOnQuit: event.target.checked }))} />
        {t('settings.clearOnQuit')}
      </label>
      <label className="choice">
        <input
          type="checkbox"
          data-testid="serve-credential-endpoint"
          aria-describedby="serve-credential-endpoint-help"
          checked={values.serveCredentialEndpoint}
          onChange={(event) => setValues((v) => ({ ...v, serveCredentialEndpoint: event.target.checked }))}
        />
        {t('settings.serveCredentialEndpoint')}
      </label>
      <p className="note" id="serve-credential-endpoint-help">
        <Rich k="settings.serveCredentialEndpointHelp" values={{ command: SERVER_EXPORT_COMMAND }} />
      </p>
    </FormDialog>
  );
}
