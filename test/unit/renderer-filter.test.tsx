// @vitest-environment jsdom
// 2,000 roles: only the rows in view are rendered, and the filter narrows the list to the roles
// that match (with the user and the chain above them), on each keystroke.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogListView, CatalogRoleView, CatalogUserView } from '../../common/contract';
import { VIRTUALISE_ABOVE } from '../../renderer/src/sessions/RoleList';
import { buildRows, filterRows } from '../../renderer/src/state/rows';
import { CATALOG } from '../support/catalog-view';
import { fakeBridge, renderApp } from '../support/renderer-fake-bridge';

afterEach(cleanup);

// jsdom lays nothing out: give the list's scroll box a window's height and each row a height, as
// Chromium would, so the virtualiser has a viewport to fill.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('list-scroll') ? 600 : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset.index === undefined ? 0 : 100;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** 20 users × 100 roles; every fourth role chained from the one before it. */
function bigCatalog(): CatalogListView {
  const users: CatalogUserView[] = [];
  const roles: CatalogRoleView[] = [];
  for (let u = 0; u < 20; u++) {
    const user = `team-${String(u).padStart(2, '0')}`;
    users.push({ name: user, accessKeyId: `AKIABENCH${String(u).padStart(11, '0')}`, hasSecret: true });
    for (let r = 0; r < 100; r++) {
      const name = `${user}-role-${String(r).padStart(3, '0')}`;
      const source = r % 4 === 3 ? roles[roles.length - 1]!.name : user;
      roles.push({ name, roleArn: `arn:aws:iam::123456789012:role/${name}`, source, direct: false });
    }
  }
  return { users, roles, settings: CATALOG.settings, keychain: 'ready' };
}

describe('2,000 roles', () => {
  it('renders only a window of rows, and the filter narrows them', async () => {
    renderApp(fakeBridge({}, bigCatalog()));
    const filter = await screen.findByTestId('filter');
    expect(screen.getByText('2000 roles')).toBeTruthy();
    // Virtualised: a screenful of rows (and a few more) in the DOM, not 2,020.
    const rendered = screen.getAllByTestId(/^(role-row|user)-/).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(30);
    expect(screen.getByTestId('user-team-00')).toBeTruthy();

    await userEvent.type(filter, 'team-07-role-04');
    // team-07-role-040 … 049; 043 and 047 are chained from 042 and 046, already matched.
    const shown = screen.getAllByTestId(/^role-row-/).map((row) => row.dataset.testid);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe('role-row-team-07-role-040');
    expect(screen.getByTestId('user-team-07')).toBeTruthy();
    expect(screen.getByText('10 of 2000 roles shown')).toBeTruthy();

    await userEvent.clear(filter);
    await userEvent.type(filter, 'no such role');
    expect(screen.queryAllByTestId(/^role-row-/)).toHaveLength(0);
    expect(screen.getByText('No role matches the filter.')).toBeTruthy();
  });

  it('matches the ARN too, case-insensitively', async () => {
    renderApp(fakeBridge({}, bigCatalog()));
    const filter = await screen.findByTestId('filter');
    await userEvent.type(filter, 'ROLE/TEAM-19-ROLE-099');
    const row = screen.getByTestId('role-row-team-19-role-099');
    // 099 is chained from 098: the chain above it stays, so it is read in context.
    expect(screen.getByTestId('role-row-team-19-role-098')).toBeTruthy();
    expect(within(row).getByText(/via/)).toBeTruthy();
  });
});

describe('rows and the filter', () => {
  const rows = buildRows(bigCatalog());

  it('flattens users, their roles and chains, depth by depth', () => {
    expect(rows).toHaveLength(2020);
    expect(rows[0]).toMatchObject({ kind: 'user', key: 'user:team-00', hasRoles: true });
    expect(rows.slice(1, 6).map((r) => (r.kind === 'role' ? `${r.role.name}@${r.depth}` : r.kind))).toEqual([
      'team-00-role-000@0',
      'team-00-role-001@0',
      'team-00-role-002@0',
      'team-00-role-003@1',
      'team-00-role-004@0',
    ]);
  });

  it('keeps a match’s user and chain, and every role of a matching user', () => {
    const chained = filterRows(rows, 'team-03-role-007');
    expect(chained.map((r) => r.key)).toEqual(['user:team-03', 'role:team-03-role-006', 'role:team-03-role-007']);
    const user = filterRows(rows, 'team-05');
    expect(user).toHaveLength(101);
    expect(filterRows(rows, '   ')).toBe(rows);
  });

  it('places roles whose source is missing (or loops) under their own heading, once each', () => {
    const broken = buildRows({
      users: [],
      roles: [
        { name: 'a', roleArn: 'arn:aws:iam::123456789012:role/a', source: 'b', direct: false },
        { name: 'b', roleArn: 'arn:aws:iam::123456789012:role/b', source: 'a', direct: false },
        { name: 'c', roleArn: 'arn:aws:iam::123456789012:role/c', source: 'gone', direct: false },
      ],
    });
    expect(broken.map((r) => r.key)).toEqual(['orphans', 'role:a', 'role:b', 'role:c']);
  });

  it('renders a list of up to a few screens whole (every button in the tab order), and only a window above that', async () => {
    const catalogOf = (rows: number): CatalogListView => ({
      settings: CATALOG.settings,
      keychain: 'ready',
      users: [{ name: 'team', accessKeyId: 'AKIABENCH00000000000', hasSecret: true }],
      roles: Array.from({ length: rows - 1 }, (_, r) => ({ name: `role-${r}`, roleArn: `arn:aws:iam::123456789012:role/r${r}`, source: 'team', direct: false })),
    });
    // Six screens' worth in a 600 px list of 100 px rows: still whole.
    const whole = renderApp(fakeBridge({}, catalogOf(VIRTUALISE_ABOVE)));
    await screen.findByTestId('user-team');
    expect(screen.getAllByTestId(/^role-row-/)).toHaveLength(VIRTUALISE_ABOVE - 1);
    whole.unmount();
    // One row more: a window of rows, not all of them.
    renderApp(fakeBridge({}, catalogOf(VIRTUALISE_ABOVE + 1)));
    await screen.findByTestId('user-team');
    expect(screen.getAllByTestId(/^role-row-/).length).toBeLessThan(20);
  });
});
