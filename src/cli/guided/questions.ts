// What the problem is about, in plain words, each question optional (Enter skips it): a customer
// who cannot pay (their e-mail), a promo code that does not work (the code), a credit note (the
// order). The answers are the `--customer`, `--code` and `--order` of a diagnosis.

import type { Query } from '../../engine/types.js';
import { messages } from './messages.js';
import type { Conversation } from './terminal.js';

/** Questions already answered on the command line are not asked again. */
export async function askAbout(talk: Conversation, given: Query): Promise<Query> {
  const missing = (['customer', 'code', 'order'] as const).filter((key) => given[key] === undefined);
  if (!missing.length) return { ...given };
  talk.say(talk.text(messages.aboutIntro));
  const query: Query = { ...given };
  const prompts = { customer: messages.askCustomer, code: messages.askCode, order: messages.askOrder };
  for (const key of missing) {
    const answer = (await talk.ask(prompts[key])).trim();
    if (answer) query[key] = answer;
  }
  return query;
}
