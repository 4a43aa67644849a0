// The dialogs that need zod and the core's schemas, in one chunk loaded after the first paint.
export { RoleForm } from '../forms/RoleForm';
export { UserForm } from '../forms/UserForm';
export { SettingsDialog } from './SettingsDialog';
