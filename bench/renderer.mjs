// The window with 2,000 roles, measured in Debian's Chromium (part of `npm run bench`).
//
// The built renderer (out/renderer) is served by the app:// handler and given a stand-in bridge
// that answers at once from a generated catalog: users of up to 100 roles each, a quarter of them
// chained, one in five with a live session. Figures, medians over several page loads:
//
//   first paint   navigation start → the frame after the first role row is in the DOM
//                 (a MutationObserver sees the row; a rAF + message-channel hop lands after paint),
//                 for 2,000 roles and for the same window with 20. Absolute times on a shared
//                 machine swing 2× with load; the ratio of the two, loaded in turn in the same
//                 run, says whether the list scales.
//   keystroke     a real key press in the filter (its keydown's timeStamp) → the list's DOM has
//                 changed and been laid out (forced in the MutationObserver callback, which runs
//                 right after React's commit). Paint of the ~30 visible rows is not included.
//                 Key presses that leave the visible rows as they were (same first rows)
//                 produce no DOM change to time and are not counted: those are the cheaper ones.

import { tsImport } from 'tsx/esm/api';

const { launchChromium, serveRenderer, chromiumMissing, CHROMIUM } = await tsImport('../test/support/chromium.ts', import.meta.url);

export const ROLE_COUNT = 2000;
/** The reference window: the same page, the same data shapes, a hundredth of the roles. */
export const REFERENCE_ROLE_COUNT = 20;
const ROLES_PER_USER = 100;
const SERVICES = ['api', 'web', 'db', 'etl', 'ml', 'ops', 'sec', 'data', 'auth', 'billing'];
const ENVS = ['dev', 'stg', 'prod', 'sandbox', 'qa'];
/** Typed into the filter one key at a time, each then erased: most presses change which rows match. */
const QUERIES = ['team-03', 'ml-stg-4', 'billing-prod', 'qa-9'];

function dataset(now, roleCount) {
  const users = [];
  const roles = [];
  const sessions = [];
  const needsMfaCode = [];
  for (let u = 0; u * ROLES_PER_USER < roleCount; u++) {
    const user = `team-${String(u).padStart(2, '0')}`;
    users.push({
      name: user,
      accessKeyId: `AKIABENCH${String(u).padStart(11, '0')}`,
      mfaSerial: `arn:aws:iam::123456789012:mfa/${user}`,
      hasSecret: true,
    });
    for (let r = 0; r < Math.min(ROLES_PER_USER, roleCount - u * ROLES_PER_USER); r++) {
      const name = `${user}-${SERVICES[r % SERVICES.length]}-${ENVS[Math.floor(r / SERVICES.length) % ENVS.length]}-${r}`;
      // Every fourth role is chained from the role before it.
      const source = r % 4 === 3 ? roles[roles.length - 1].name : user;
      roles.push({ name, roleArn: `arn:aws:iam::123456789012:role/${name}`, source, direct: r % 10 === 5 });
      const index = roles.length;
      if (index % 5 === 0) {
        sessions.push({
          kind: 'role',
          name,
          profile: name,
          state: index % 25 === 0 ? 'expiring' : 'active',
          expiresAt: new Date(now + (index % 25 === 0 ? 10 : 50) * 60_000).toISOString(),
          chain: source === user ? [user, name] : [user, source, name],
          ...(source === user ? {} : { cappedBy: 'chaining' }),
        });
      } else if (index % 7 === 0) {
        needsMfaCode.push(name);
      }
    }
  }
  return {
    catalog: {
      users,
      roles,
      settings: {
        mfaSessionDuration: 43200,
        defaultRoleDuration: 3600,
        refreshLeadMinutes: 15,
        notifyLeadMinutes: 10,
        language: 'system',
        clearProfilesOnQuit: false,
      },
    },
    sessions: { sessions, needsMfaCode, takenAt: new Date(now).toISOString(), keychain: 'ready' },
  };
}

/** Runs in the page before its scripts: the bridge, and the observers that take the times. */
/* global document, requestAnimationFrame, MutationObserver, addEventListener -- instrument() runs in the page */
function instrument(data) {
  const g = globalThis;
  const answers = {
    'app:info': { version: 'bench', platform: 'linux', locale: 'en-US' },
    'catalog:list': data.catalog,
    'sessions:list': data.sessions,
  };
  const api = {
    invoke: async (channel) => (channel in answers ? { ok: true, data: answers[channel] } : { ok: false, error: { code: 'Unexpected', message: channel } }),
    onEvent: () => () => undefined,
  };
  Object.defineProperty(g, 'rolecall', { value: Object.freeze(api) });

  g.__bench = { firstRow: undefined, firstPaint: undefined, keystrokes: [], pending: undefined };
  const bench = g.__bench;
  const settle = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });
  const observer = new MutationObserver(() => {
    if (bench.firstRow === undefined) {
      if (!document.querySelector('[data-testid^="role-row-"]')) return;
      bench.firstRow = performance.now();
      settle((t) => (bench.firstPaint = t));
      return;
    }
    if (bench.pending !== undefined) {
      document.body.getBoundingClientRect(); // style and layout, now
      bench.keystrokes.push(performance.now() - bench.pending);
      bench.pending = undefined;
    }
  });
  // Rows added or removed only: a countdown's text ticking every second is not the filter's doing.
  observer.observe(document, { childList: true, subtree: true });
  addEventListener('keydown', (event) => (bench.pending = event.timeStamp), { capture: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Loads the window once with `roleCount` roles; resolves when its first row has been painted. */
async function loadWindow(browser, baseUrl, roleCount) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(instrument, dataset(Date.now(), roleCount));
  await page.goto(`${baseUrl}/index.html`);
  await page.waitForFunction(() => globalThis.__bench.firstPaint !== undefined, undefined, { timeout: 30_000 });
  if (errors.length) throw new Error(`the page failed with ${roleCount} roles: ${errors[0]}`);
  const firstPaint = await page.evaluate(() => globalThis.__bench.firstPaint);
  return { context, page, firstPaint };
}

/** Types the queries into the filter and back out; the key presses that changed the list, timed. */
async function typeInFilter(page) {
  const filter = page.getByTestId('filter');
  await filter.click();
  const presses = QUERIES.flatMap((query) => [...query, ...Array.from(query, () => 'Backspace')]);
  let unchanged = 0;
  for (const key of presses) {
    const before = await page.evaluate(() => globalThis.__bench.keystrokes.length);
    await page.keyboard.press(key);
    // Give the list time to change; a press that changes nothing leaves `pending` set.
    await page.waitForTimeout(60);
    const after = await page.evaluate(() => {
      const b = globalThis.__bench;
      b.pending = undefined;
      return b.keystrokes.length;
    });
    if (after === before) unchanged++;
  }
  return { keystrokes: await page.evaluate(() => globalThis.__bench.keystrokes), unchanged };
}

/**
 * Measures `loads` page loads of each window (2,000 roles, then 20, in turn); returns medians, or
 * `{ skipped }` when this machine has no Chromium. Throws when the page does not show the list
 * (the numbers would mean nothing).
 */
export async function measureRenderer({ loads = 5 } = {}) {
  if (chromiumMissing) return { skipped: `${CHROMIUM} is missing (apt-get install chromium)` };
  const served = await serveRenderer();
  const browser = await launchChromium();
  const firstPaints = [];
  const referencePaints = [];
  const keystrokes = [];
  const referenceKeystrokes = [];
  let unchanged = 0;
  try {
    for (let i = 0; i < loads; i++) {
      const reference = await loadWindow(browser, served.baseUrl, REFERENCE_ROLE_COUNT);
      referencePaints.push(reference.firstPaint);
      referenceKeystrokes.push(...(await typeInFilter(reference.page)).keystrokes);
      await reference.context.close();

      const { context, page, firstPaint } = await loadWindow(browser, served.baseUrl, ROLE_COUNT);
      firstPaints.push(firstPaint);
      const typed = await typeInFilter(page);
      keystrokes.push(...typed.keystrokes);
      unchanged += typed.unchanged;
      await context.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
  if (keystrokes.length === 0) throw new Error('no key press in the filter changed the list: is the filter wired?');
  return {
    roles: ROLE_COUNT,
    referenceRoles: REFERENCE_ROLE_COUNT,
    loads,
    firstPaintMs: median(firstPaints),
    referenceFirstPaintMs: median(referencePaints),
    firstPaintRatio: median(firstPaints) / median(referencePaints),
    keystrokeMs: median(keystrokes),
    keystrokeP95Ms: percentile(keystrokes, 95),
    // The same presses in the 20-role window, in the same run: what the 2,000 roles cost on top.
    referenceKeystrokeMs: referenceKeystrokes.length ? median(referenceKeystrokes) : null,
    keystrokeRatio: referenceKeystrokes.length ? median(keystrokes) / median(referenceKeystrokes) : null,
    keystrokesMeasured: keystrokes.length,
    keystrokesUnchanged: unchanged,
  };
}
