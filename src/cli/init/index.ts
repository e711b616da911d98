// `checkout-doctor init`: the guided set-up. On a terminal it asks for the shop, its webservice key,
// optionally the read-only database and Sendcloud, then the clubs and their Stripe keys, testing
// each answer at once through the real sources; then writes `.checkout-doctorrc.json` with `env:`
// references for every secret (or the values, only when the person chooses so, in a file only
// they can read) and prints the `export` lines. Nothing is written before the last answer: Ctrl-C
// at any prompt leaves nothing behind (exit 130).
//
// Without a terminal (stdin or stdout not a TTY, or CI set) it asks nothing: it writes a commented
// example and exits 2 with one sentence saying what to fill in (DESIGN.md §5).

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { checkbox, input, password, select } from '@inquirer/prompts';
import { UsageError } from '../../engine/errors.js';
import type { Lang, Text } from '../../engine/types.js';
import { detectLang } from '../../report/i18n.js';
import { terminalSafe } from '../../report/text.js';
import { redactor } from '../../secrets/redact.js';
import { registerUrlSecrets } from '../../secrets/scrub.js';
import { DEFAULT_SENDCLOUD_API } from '../../sources/sendcloud/client.js';
import { writeFileAtomic } from '../atomic-write.js';
import type { Io } from '../output.js';
import { buildConfig, EXAMPLE_FILE, EXAMPLE_TARGET, exampleConfig, exportLines, type Answers } from './config-file.js';
import { KEY_ACTIONS, M } from './messages.js';
import { parseLang } from '../options.js';
import { discoverClubs, readOnlyUserSql, testDatabase, testSendcloud, testStripeKeys, testWebservice, type Problem } from './probes.js';

export interface InitFlags {
  lang?: string;
  /** Where to write the configuration (default `.checkout-doctorrc.json` in the current folder). */
  config?: string;
}

export const DEFAULT_CONFIG_FILE = '.checkout-doctorrc.json';
const DEFAULT_STRIPE_API = 'https://api.stripe.com';

function langOf(io: Io, flags: InitFlags): Lang {
  if (flags.lang === undefined) return detectLang(io.env);
  // The same check, and the same sentence in both languages, as diagnose's --lang.
  return parseLang(flags.lang, io.env);
}

/** A person at a terminal: both ends are one, and no CI. */
function onTerminal(io: Io): boolean {
  return Boolean(process.stdin.isTTY && io.stdout.isTTY) && !io.env.CI;
}

export async function init(io: Io, flags: InitFlags): Promise<number> {
  const lang = langOf(io, flags);
  const target = resolve(io.cwd, flags.config ?? DEFAULT_CONFIG_FILE);
  if (!onTerminal(io)) return writeExample(io, lang);
  try {
    return await guided(io, lang, target);
  } catch (error) {
    // Ctrl-C (or the terminal closing) at a prompt: inquirer rejects with ExitPromptError.
    if ((error as Error)?.name === 'ExitPromptError') {
      io.stdout.write(`\n${M.interrupted[lang]}\n`);
      return 130;
    }
    throw error;
  }
}

async function writeExample(io: Io, lang: Lang): Promise<number> {
  const file = resolve(io.cwd, EXAMPLE_FILE);
  const shown = relative(io.cwd, file) || file;
  // An example already there may hold the person's edits: it is kept.
  const kept = existsSync(file);
  if (!kept) await writeFile(file, exampleConfig(lang), { flag: 'wx' });
  const sentence = (kept ? M.noTerminalKept : M.noTerminal)(shown, EXAMPLE_TARGET);
  io.stderr.write(`${sentence[lang]}\n`);
  return 2;
}

// ---- the session ------------------------------------------------------------------------------

class Session {
  constructor(
    readonly io: Io,
    readonly lang: Lang,
  ) {}

  private readonly theme = {
    style: {
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${KEY_ACTIONS[action]?.[this.lang] ?? action}`).join(' • '),
    },
  };

  /** A line for the person: secrets masked, shop text never drives the terminal. */
  say(text: string | Text = ''): void {
    const line = typeof text === 'string' ? text : text[this.lang];
    this.io.stdout.write(terminalSafe(redactor.redact(line)) + '\n');
  }

  problem(title: Text, problem: Problem): void {
    this.say(title);
    this.say(`  ${problem.what[this.lang]}`);
    for (const step of problem.steps) this.say(`  - ${step[this.lang]}`);
  }

  text(message: Text, options: { default?: string; validate?: (value: string) => true | Text } = {}): Promise<string> {
    const validate = options.validate;
    return input({
      message: message[this.lang],
      ...(options.default !== undefined ? { default: options.default } : {}),
      validate: (value) => {
        if (validate) {
          const verdict = validate(value.trim());
          return verdict === true ? true : verdict[this.lang];
        }
        return value.trim() ? true : M.required[this.lang];
      },
    }).then((v) => v.trim());
  }

  /** Hidden input: each character shows as a dot, the value never reaches the screen. */
  secret(message: Text, options: { optional?: boolean; validate?: (value: string) => true | Text } = {}): Promise<string> {
    return password({
      message: message[this.lang],
      mask: '•',
      validate: (value) => {
        if (!value.trim()) return options.optional ? true : M.pasteKey[this.lang];
        const verdict = options.validate ? options.validate(value.trim()) : true;
        return verdict === true ? true : verdict[this.lang];
      },
    }).then((v) => {
      const value = v.trim();
      redactor.add(value);
      return value;
    });
  }

  choose<T extends string>(message: Text, choices: Array<{ value: T; name: Text }>, defaultValue?: T): Promise<T> {
    return select({
      message: message[this.lang],
      choices: choices.map((c) => ({ value: c.value, name: c.name[this.lang] })),
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      theme: this.theme,
    });
  }

  async yesNo(message: Text, defaultYes: boolean): Promise<boolean> {
    const answer = await this.choose(message, [{ value: 'yes', name: M.yes }, { value: 'no', name: M.no }], defaultYes ? 'yes' : 'no');
    return answer === 'yes';
  }

  clubs(count: number, clubs: Array<{ name: string; group: number }>): Promise<Array<{ name: string; group: number }>> {
    return checkbox({
      message: M.clubsFound(this.lang, count),
      choices: clubs.map((club) => ({ value: club, name: terminalSafe(club.name), checked: true })),
      instructions: M.clubsInstructions[this.lang],
      validate: (chosen) => (chosen.length > 0 ? true : M.clubsNone[this.lang]),
      pageSize: 12,
      theme: this.theme,
    });
  }

  checking(what: Text): void {
    this.say(M.checking(what));
  }
}

function httpUrl(value: string): true | Text {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? true : M.shopUrlInvalid;
  } catch {
    return M.shopUrlInvalid;
  }
}

async function guided(io: Io, lang: Lang, target: string): Promise<number> {
  const s = new Session(io, lang);
  const shownTarget = relative(io.cwd, target) || target;
  s.say(M.welcome);
  if (existsSync(target) && !(await s.yesNo(M.exists(shownTarget), false))) {
    s.say(M.keptExisting(shownTarget));
    return 0;
  }

  const { url, key } = await askShop(s);
  const database = await askDatabase(s);
  const sendcloud = await askSendcloud(s);
  const dynamicCoupons = await askCoupons(s);
  const { clubs, stripeApiBase } = await askClubs(s, url, key);

  const answers: Answers = {
    url,
    webserviceKey: key,
    ...(database ? { database } : {}),
    ...(sendcloud ? { sendcloud } : {}),
    ...(stripeApiBase ? { stripeApiBase } : {}),
    ...(dynamicCoupons ? { dynamicCoupons } : {}),
    clubs,
  };
  const clear = (await s.choose(M.storage, [{ value: 'env', name: M.storageEnv }, { value: 'clear', name: M.storageClear }], 'env')) === 'clear';
  const { config, secrets } = buildConfig(answers, clear);
  try {
    await writeFileAtomic(target, JSON.stringify(config, null, 2) + '\n', clear ? { mode: 0o600 } : {});
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(M.writeFailed(shownTarget, reason), M.writeFailedHint);
  }
  s.say();
  s.say(M.written(shownTarget));
  if (clear) {
    s.say(M.writtenClear);
  } else {
    const show = await s.yesNo(M.showSecrets, false);
    s.say(M.exportIntro);
    // The one place a secret is printed whole, because the person asked: straight to the
    // terminal, around the redactor.
    for (const line of exportLines(secrets, lang, show)) io.stdout.write(`  ${line}\n`);
    if (!show) s.say(M.exportPlaceholders);
  }
  const configFlag = target === resolve(io.cwd, DEFAULT_CONFIG_FILE) ? '' : ` --config ${shownTarget}`;
  s.say(M.next(`checkout-doctor diagnose --all${configFlag}`));
  return 0;
}

async function askShop(s: Session): Promise<{ url: string; key: string }> {
  let url = await s.text(M.shopUrl, { validate: httpUrl });
  for (;;) {
    const key = await s.secret(M.webserviceKey);
    s.checking(M.whatWebservice);
    let result = await testWebservice(url, key);
    if (!result.ok) {
      s.problem(M.shopProblem, result.problem);
      if (result.askUrl) {
        s.say(M.tryAgainUrl);
        url = await s.text(M.shopUrl, { default: url, validate: httpUrl });
      } else {
        s.say(M.tryAgainKey);
      }
      continue;
    }
    while (result.ok && result.missing.length) {
      s.say(M.missingPermissions(s.lang, result.missing.length));
      for (const r of result.missing) s.say(M.missingResource(r.resource, r.why));
      s.say(`  ${M.missingPermissionsFix[s.lang]}`);
      const next = await s.choose(M.permissionsWhat, [
        { value: 'retest', name: M.retest },
        { value: 'other', name: M.otherKey },
        { value: 'keep', name: M.keepAnyway },
      ]);
      if (next === 'keep') break;
      if (next === 'other') {
        result = { ok: false, problem: { what: M.tryAgainKey, steps: [] }, askUrl: false };
        break;
      }
      s.checking(M.whatWebservice);
      result = await testWebservice(url, key);
      if (!result.ok) s.problem(M.shopProblem, result.problem);
    }
    if (!result.ok) continue;
    s.say(M.shopOk(result.shopName, result.version));
    return { url, key };
  }
}

async function askDatabase(s: Session): Promise<Answers['database']> {
  if (!(await s.yesNo(M.useDatabase, false))) return undefined;
  let previous: NonNullable<Answers['database']> | undefined;
  for (;;) {
    const host = await s.text(M.dbHost, { default: previous?.host ?? '127.0.0.1' });
    const portText = await s.text(M.dbPort, {
      default: String(previous?.port ?? 3306),
      validate: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? true : M.dbPortInvalid),
    });
    const user = await s.text(M.dbUser, previous ? { default: previous.user } : {});
    const dbPassword = await s.secret(M.dbPassword, { optional: true });
    const database = await s.text(M.dbName, { default: previous?.database ?? 'prestashop' });
    const prefix = await s.text(M.dbPrefix, { default: previous?.prefix ?? 'ps_', validate: (v) => (/^[A-Za-z0-9_]*$/.test(v) ? true : M.dbPrefixInvalid) });
    const settings = { host, port: Number(portText), user, password: dbPassword, database, prefix };
    previous = settings;
    s.checking(M.whatDatabase);
    const result = await testDatabase(settings);
    if (result.ok) {
      s.say(M.dbOk(result.user));
      return settings;
    }
    if ('problem' in result) {
      s.problem(M.dbProblem, result.problem);
    } else {
      const { user: who, writes, roles } = result.notReadOnly;
      if (writes.length) {
        s.say(M.dbNotReadOnly(s.lang, who, writes.length));
        for (const w of writes) s.say(`  - ${w.privilege} ON ${w.on}`);
      }
      if (roles.length) s.say(M.dbRoles(roles.join(', ')));
      s.say(M.dbReadOnlyFix);
      for (const line of readOnlyUserSql(database)) s.say(`    ${line}`);
    }
    const next = await s.choose(M.dbWhat, [
      { value: 'retry', name: M.dbRetry },
      { value: 'skip', name: M.dbSkip },
    ]);
    if (next === 'skip') return undefined;
  }
}

async function askSendcloud(s: Session): Promise<Answers['sendcloud']> {
  if (!(await s.yesNo(M.useSendcloud, false))) return undefined;
  let apiBase = DEFAULT_SENDCLOUD_API;
  for (;;) {
    apiBase = await s.text(M.sendcloudApi, { default: apiBase, validate: httpUrl });
    const publicKey = await s.secret(M.sendcloudPublic);
    const secretKey = await s.secret(M.sendcloudSecret);
    s.checking(M.whatSendcloud);
    const result = await testSendcloud(apiBase, publicKey, secretKey);
    if (result.ok) {
      s.say(M.sendcloudOk);
      return { ...(apiBase.replace(/\/+$/, '') !== DEFAULT_SENDCLOUD_API ? { apiBase } : {}), publicKey, secretKey };
    }
    s.problem(M.sendcloudProblem, result.problem);
    const next = await s.choose(M.sendcloudWhat, [
      { value: 'retry', name: M.sendcloudRetry },
      { value: 'skip', name: M.sendcloudSkip },
    ]);
    if (next === 'skip') return undefined;
  }
}

/** Noted, never tried here: SPREAD's test creates a real coupon, a write only `--test-coupon` asks for. */
async function askCoupons(s: Session): Promise<Answers['dynamicCoupons']> {
  if (!(await s.yesNo(M.useCoupons, false))) return undefined;
  const url = await s.secret(M.couponUrl, { validate: (value) => (httpUrl(value) === true ? true : M.couponUrlInvalid) });
  registerUrlSecrets(url);
  const choice = await s.choose(
    M.couponPlatform,
    [
      { value: 'prestashop', name: M.platformPrestashop },
      { value: 'magento', name: M.platformMagento },
      { value: 'other', name: M.couponOther },
    ],
    'prestashop',
  );
  const platform = choice === 'other' ? await s.text(M.couponOtherName) : choice;
  s.say(M.couponNotTested);
  return { url, platform };
}

async function askClubs(s: Session, url: string, key: string): Promise<{ clubs: Answers['clubs']; stripeApiBase?: string }> {
  const found = await discoverClubs(url, key);
  if ('problem' in found) {
    s.problem(M.clubsProblem, found.problem);
    return { clubs: [] };
  }
  if (!found.clubs.length) {
    s.say(M.noClubs);
    return { clubs: [] };
  }
  const chosen = await s.clubs(found.clubs.length, found.clubs);
  const apiBase = await s.text(M.stripeApi, { default: DEFAULT_STRIPE_API, validate: httpUrl });
  const stripeApiBase = apiBase.replace(/\/+$/, '') === DEFAULT_STRIPE_API ? undefined : apiBase;
  const clubs: Answers['clubs'] = [];
  for (const club of chosen) clubs.push({ ...club, ...(await askStripeKeys(s, club.name, stripeApiBase)) });
  return { clubs, ...(stripeApiBase ? { stripeApiBase } : {}) };
}

async function askStripeKeys(s: Session, club: string, apiBase: string | undefined): Promise<{ stripe?: { publishableKey: string; secretKey: string } }> {
  for (;;) {
    const publishableKey = await s.secret(M.stripePublishable(club), { optional: true });
    if (!publishableKey) return {};
    const secretKey = await s.secret(M.stripeSecret(club));
    s.checking(M.whatStripe(club));
    const keys = { publishableKey, secretKey };
    const result = await testStripeKeys(club, keys, apiBase);
    if (result.ok) {
      s.say(M.stripeOk(club));
      return { stripe: keys };
    }
    s.say(M.stripeProblem(club));
    s.say(`  ${result.what[s.lang]}`);
    const next = await s.choose(M.stripeWhat, [
      { value: 'retry', name: M.stripeRetry },
      { value: 'keep', name: M.stripeKeep },
      { value: 'skip', name: M.stripeSkip },
    ]);
    if (next === 'keep') return { stripe: keys };
    if (next === 'skip') return {};
  }
}
