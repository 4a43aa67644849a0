// The settings form checked with the core's settingsSchema. The MFA session is typed in hours and
// role durations in minutes; the catalog keeps seconds.
import { settingsSchema } from '../../../common/catalog-schema';
import { KEY_AGE_WARNING_DAYS, MFA_SESSION_DURATION, NOTIFY_LEAD_MINUTES, REFRESH_LEAD_MINUTES, ROLE_DURATION } from '../../../common/rules';
import type { LanguageSetting, SettingsView } from '../../../common/contract';
import { issuesByField, type Checked, type FieldIssue } from './issues';
import { scaledNumber } from './typed-number';

export interface SettingsFormValues {
  mfaSessionHours: string;
  defaultRoleMinutes: string;
  refreshLeadMinutes: string;
  notifyLeadMinutes: string;
  language: LanguageSetting;
  clearProfilesOnQuit: boolean;
  serveCredentialEndpoint: boolean;
  keyAgeWarningDays: string;
}

/** The schema's field names: issues are reported by these. */
export const SETTINGS_FIELDS = [
  'mfaSessionDuration',
  'defaultRoleDuration',
  'refreshLeadMinutes',
  'notifyLeadMinutes',
  'language',
  'clearProfilesOnQuit',
  'serveCredentialEndpoint',
  'keyAgeWarningDays',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export function settingsFormValues(settings: SettingsView): SettingsFormValues {
  return {
    mfaSessionHours: String(settings.mfaSessionDuration / 3600),
    defaultRoleMinutes: String(settings.defaultRoleDuration / 60),
    refreshLeadMinutes: String(settings.refreshLeadMinutes),
    notifyLeadMinutes: String(settings.notifyLeadMinutes),
    language: settings.language,
    clearProfilesOnQuit: settings.clearProfilesOnQuit,
    serveCredentialEndpoint: settings.serveCredentialEndpoint,
    keyAgeWarningDays: String(settings.keyAgeWarningDays),
  };
}

function describe(field: SettingsField): FieldIssue {
  switch (field) {
    case 'mfaSessionDuration':
      return { key: field, values: { min: MFA_SESSION_DURATION.min / 3600, max: MFA_SESSION_DURATION.max / 3600 } };
    case 'defaultRoleDuration':
      return { key: field, values: { min: ROLE_DURATION.min / 60, max: ROLE_DURATION.max / 60 } };
    case 'refreshLeadMinutes':
      return { key: field, values: REFRESH_LEAD_MINUTES };
    case 'notifyLeadMinutes':
      return { key: field, values: NOTIFY_LEAD_MINUTES };
    case 'keyAgeWarningDays':
      return { key: field, values: KEY_AGE_WARNING_DAYS };
    default:
      return { key: 'invalid' };
  }
}

/** Every setting is required: a blank one is NaN, which the schema refuses with the field's message. */
function required(text: string, factor: number, round = true): number {
  return scaledNumber(text, factor, round) ?? Number.NaN;
}

export function checkSettings(values: SettingsFormValues): Checked<SettingsView, SettingsField> {
  const settings: SettingsView = {
    mfaSessionDuration: required(values.mfaSessionHours, 3600),
    defaultRoleDuration: required(values.defaultRoleMinutes, 60),
    // Leads are whole minutes: not rounded, so 15.5 is refused as the core refuses it.
    refreshLeadMinutes: required(values.refreshLeadMinutes, 1, false),
    notifyLeadMinutes: required(values.notifyLeadMinutes, 1, false),
    language: values.language,
    clearProfilesOnQuit: values.clearProfilesOnQuit,
    serveCredentialEndpoint: values.serveCredentialEndpoint,
    keyAgeWarningDays: required(values.keyAgeWarningDays, 1, false),
  };
  const parsed = settingsSchema.safeParse(settings);
  if (parsed.success) return { ok: true, request: settings };
  return { ok: false, errors: issuesByField(parsed.error, SETTINGS_FIELDS, describe) };
}
