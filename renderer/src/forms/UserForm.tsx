// Add or edit an IAM user. The secret is write-only: the field starts blank even when editing
// (main never sends it), a blank secret keeps the stored key, and a new key id needs its secret.
import { useTranslation } from 'react-i18next';
import type { CatalogUserView, IpcError, UserSavedView } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { FormDialog } from '../dialogs/FormDialog';
import { Rich } from '../i18n/rich';
import { Field } from './Field';
import { useFormValues } from './useFormValues';
import { useSave } from './useSave';
import { checkUser, USER_FIELDS, userFormValues, type UserFormValues } from './user-validation';

export interface UserFormProps {
  bridge: Bridge;
  /** The user to edit; a new user when absent. */
  user?: CatalogUserView | undefined;
  onSaved(view: UserSavedView): void;
  onCancel(): void;
  /** Main refused the save after the user closed the dialog. */
  onFailedAfterClose?(error: IpcError, name: string): void;
}

export function UserForm({ bridge, user, onSaved, onCancel, onFailedAfterClose }: UserFormProps) {
  const { t } = useTranslation();
  const { values, set } = useFormValues<UserFormValues>(() => userFormValues(user));
  const { saving, errors, setErrors, formError, save } = useSave(USER_FIELDS);

  const submit = () => {
    const checked = checkUser(values, user);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    void save(
      () => call(bridge, 'user:save', checked.request),
      onSaved,
      (error) => onFailedAfterClose?.(error, checked.request.name),
    );
  };

  return (
    <FormDialog
      testId="user-form"
      title={user ? <Rich k="userForm.editTitle" values={{ name: user.name }} /> : t('userForm.addTitle')}
      saving={saving}
      formError={formError}
      problems={errors}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t('userForm.name')} hint={t('userForm.nameHint')} problem={errors.name}>
        {(control) => (
          <input {...control} value={values.name} onChange={set('name')} readOnly={user !== undefined} autoComplete="off" spellCheck={false} translate="no" />
        )}
      </Field>
      <Field label={t('userForm.accessKeyId')} problem={errors.accessKeyId}>
        {(control) => <input {...control} value={values.accessKeyId} onChange={set('accessKeyId')} autoComplete="off" spellCheck={false} translate="no" />}
      </Field>
      <Field label={t('userForm.secretAccessKey')} hint={user ? t('userForm.secretHintEdit') : t('userForm.secretHintNew')} problem={errors.secretAccessKey}>
        {(control) => (
          <input {...control} type="password" value={values.secretAccessKey} onChange={set('secretAccessKey')} autoComplete="new-password" spellCheck={false} />
        )}
      </Field>
      <Field label={t('userForm.mfaSerial')} hint={t('userForm.mfaSerialHint')} problem={errors.mfaSerial}>
        {(control) => <input {...control} value={values.mfaSerial} onChange={set('mfaSerial')} autoComplete="off" spellCheck={false} translate="no" />}
      </Field>
      <Field label={t('userForm.region')} problem={errors.region}>
        {(control) => <input {...control} value={values.region} onChange={set('region')} autoComplete="off" spellCheck={false} translate="no" />}
      </Field>
    </FormDialog>
  );
}
