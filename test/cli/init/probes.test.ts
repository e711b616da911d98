// What init says about each answer, through the real sources against the emulators: Stripe keys
// judged by the same checks as a diagnosis (format, then Stripe's answer), Sendcloud keys by a read
// of the account, the shop address and webservice key by the webservice client's own classification.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverClubs, testSendcloud, testStripeKeys, testWebservice } from '../../../src/cli/init/probes.js';
import { resolveFixtureSet, startFixtureSet, type RunningSandbox } from '../../../src/sandbox/fixture-set.js';

let running: RunningSandbox;
beforeAll(async () => {
  running = await startFixtureSet(resolveFixtureSet('demo'));
}, 60_000);
afterAll(async () => {
  await running?.close();
});

const frejus = () => running.config.clubs!.find((c) => c.name === 'Étoile Sportive de Fréjus')!.stripe! as { publishableKey: string; secretKey: string };

describe('testStripeKeys', () => {
  it('the club’s own keys: accepted by Stripe', async () => {
    expect(await testStripeKeys('Fréjus', frejus(), running.config.stripe!.apiBase)).toEqual({ ok: true });
  });

  it('a secret key Stripe does not know: refused, said as the diagnosis says it', async () => {
    const result = await testStripeKeys('Fréjus', { ...frejus(), secretKey: 'sk_test_NOTAKEYSTRIPEKNOWS000000001' }, running.config.stripe!.apiBase);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.what.en).toMatch(/Stripe/);
    expect(!result.ok && result.what.fr).not.toBe(!result.ok && result.what.en);
  });

  it('the keys swapped: refused on format, before anything is sent', async () => {
    const keys = frejus();
    const before = running.stripe!.requests().length;
    const result = await testStripeKeys('Fréjus', { publishableKey: keys.secretKey, secretKey: keys.publishableKey }, running.config.stripe!.apiBase);
    expect(result.ok).toBe(false);
    expect(running.stripe!.requests().length).toBe(before);
  });
});

describe('testSendcloud', () => {
  it('the integration’s keys: accepted; other keys: refused with where to find the right ones', async () => {
    const sc = running.config.sendcloud!;
    expect(await testSendcloud(sc.apiBase!, sc.publicKey!, sc.secretKey!)).toEqual({ ok: true });
    const refused = await testSendcloud(sc.apiBase!, sc.publicKey!, 'not-the-secret-key-of-it-0000000');
    expect(refused.ok === false && refused.problem.what.fr).toBe('Sendcloud refuse ces clés.');
    expect(refused.ok === false && refused.problem.steps[0]!.en).toContain('Settings > Integrations');
  });
});

describe('testWebservice and discoverClubs', () => {
  it('an unknown key is the key’s fault; a closed port is the address’s', async () => {
    const url = running.config.prestashop!.url;
    const refused = await testWebservice(url, 'NOTAKEYOFTHISSHOP000000000000000');
    expect(refused).toMatchObject({ ok: false, askUrl: false });
    expect(refused.ok === false && refused.problem.what.fr).toBe('La boutique refuse cette clé\u00a0: elle n’existe pas ou n’est pas activée.');
    const closed = await testWebservice('http://127.0.0.1:1/', 'NOTAKEYOFTHISSHOP000000000000000');
    expect(closed).toMatchObject({ ok: false, askUrl: true });
  });

  it('the clubs are the shop’s customer groups but the built-in ones, with their ids', async () => {
    const found = await discoverClubs(running.config.prestashop!.url, running.config.prestashop!.webserviceKey!);
    expect('clubs' in found && found.clubs).toEqual([
      { name: 'Étoile Sportive de Fréjus', group: 4 },
      { name: 'AS Saint-Étienne', group: 5 },
      { name: 'Racing Club Sévigné', group: 6 },
      { name: 'Olympique Noisy-le-Sec', group: 7 },
      { name: 'Cercle Nautique Hyérois', group: 8 },
    ]);
  });
});
