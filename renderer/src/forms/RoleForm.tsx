// Add or edit a role: what to assume (ARN), from what (a user, or another role for a chain), the
// profile it writes, how long, and the way in (the day's MFA session, or direct with its own code).
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_DURATION } from '../../../common/rules';
import type { CatalogListView, CatalogRoleView, IpcError } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { FormDialog } from '../dialogs/FormDialog';
import { Rich } from '../i18n/rich';
import { selfAndDescendants } from '../state/chain';
import { Field } from './Field';
import { checkRole, ROLE_FIELDS, roleFormValues, type RoleFormValues } from './role-validation';
import { useFormValues } from './useFormValues';
import { useSave } from './useSave';

export interface RoleFormProps {
  bridge: Bridge;
  catalog: CatalogListView;
  role?: CatalogRoleView | undefined;
  onSaved(role: CatalogRoleView): void;
  onCancel(): void;
  /** Main refused the save after the user closed the dialog. */
  onFailedAfterClose?(error: IpcError, name: string): void;
}

export function RoleForm({ bridge, catalog, role, onSaved, onCancel, onFailedAfterClose }: RoleFormProps) {
  const { t } = useTranslation();
  const wayName = useId();
  const { values, setValues, set } = useFormValues<RoleFormValues>(() => roleFormValues(role, catalog.users.length === 1 ? catalog.users[0]?.name : ''));
  const { saving, errors, setErrors, formError, save } = useSave(ROLE_FIELDS);

  // A role may not be chained from itself or from a role chained from it (a loop).
  const sourceRoles = useMemo(() => {
    const excluded = role ? selfAndDescendants(catalog, role.name) : new Set<string>();
    return catalog.roles.filter((r) => !excluded.has(r.name));
  }, [catalog, role]);
  const sourceIsRole = catalog.roles.some((r) => r.name === values.source);

  const submit = () => {
    const checked = checkRole(values, sourceIsRole);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    void save(
      () => call(bridge, 'role:save', checked.request),
      onSaved,
      (error) => onFailedAfterClose?.(error, checked.request.name),
    );
  };

  return (
    <FormDialog
      testId="role-form"
      title={role ? <Rich k="roleForm.editTitle" values={{ name: role.name }} /> : t('roleForm.addTitle')}
      saving={saving}
      formError={formError}
      problems={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t('roleForm.name')} problem={errors.name}>
        {(control) => <input {...control} value={values.name} onChange={set('name')} readOnly={role !== undefined} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label={t('roleForm.roleArn')} problem={errors.roleArn}>
        {(control) => <input {...control} value={values.roleArn} onChange={set('roleArn')} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label={t('roleForm.source')} problem={errors.source}>
        {(control) => (
          <select {...control} value={values.source} onChange={set('source')}>
            <option value="">{t('roleForm.sourceChoose')}</option>
            <optgroup label={t('roleForm.sourceUsers')}>
              {catalog.users.map((u) => (
                <option key={u.name} value={u.name} translate="no">
                  {u.name}
                </option>
              ))}
            </optgroup>
            {sourceRoles.length > 0 && (
              <optgroup label={t('roleForm.sourceRoles')}>
                {sourceRoles.map((r) => (
                  <option key={r.name} value={r.name} translate="no">
                    {r.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
      </Field>
      <fieldset className="way-in">
        <legend>{t('roleForm.wayIn')}</legend>
        {sourceIsRole ? (
          <p className="note">
            <Rich k="roleForm.wayChained" values={{ source: values.source }} />
          </p>
        ) : (
          <>
            <label className="choice">
              <input type="radio" name={wayName} checked={!values.direct} onChange={() => setValues((v) => ({ ...v, direct: false }))} />
              {t('roleForm.wayMfa')}
            </label>
            <label className="choice">
              <input type="radio" name={wayName} checked={values.direct} onChange={() => setValues((v) => ({ ...v, direct: true }))} />
              {t('roleForm.wayDirect')}
            </label>
          </>
        )}
      </fieldset>
      <Field label={t('roleForm.profile')} hint={t('roleForm.profileHint')} problem={errors.profile}>
        {(control) => (
          <input {...control} value={values.profile} onChange={set('profile')} placeholder={values.name} translate="no" autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field label={t('roleForm.duration')} hint={t('roleForm.durationHint', { minutes: catalog.settings.defaultRoleDuration / 60 })} problem={errors.duration}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={ROLE_DURATION.min / 60}
            max={ROLE_DURATION.max / 60}
            step={1}
            inputMode="numeric"
            value={values.duration}
            onChange={set('duration')}
          />
        )}
      </Field>
      <details className="advanced">
        <summary>{t('form.advanced')}</summary>
        <Field label={t('roleForm.externalId')} problem={errors.externalId}>
          {(control) => <input {...control} value={values.externalId} onChange={set('externalId')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t('roleForm.sessionName')} problem={errors.sessionName}>
          {(control) => <input {...control} value={values.sessionName} onChange={set('sessionName')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t('roleForm.sourceIdentity')} problem={errors.sourceIdentity}>
          {(control) => <input {...control} value={values.sourceIdentity} onChange={set('sourceIdentity')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t('roleForm.region')} problem={errors.region}>
          {(control) => <input {...control} value={values.region} onChange={set('region')} autoComplete="off" spellCheck={false} />}
        </Field>
      </details>
    </FormDialog>
  );
}
