// What the problem is about, in plain words, each question optional (Enter skips it): a customer
// who cannot pay (their e-mail), a promo code that does not work (the code), a credit note (the
// order). The answers are the `--customer`, `--code` and `--order` of a diagnosis. And whether the
// relay-point map fails to show: then the FAQ's points no API can see are asked about too.

import type { Query } from '../../engine/types.js';
import { messages } from './messages.js';
import type { Conversation } from './terminal.js';

export interface About {
  query: Query;
  relayMap: boolean;
}

/** Questions already answered on the command line are not asked again. */
export async function askAbout(talk: Conversation, given: Query): Promise<About> {
  const missing = (['customer', 'code', 'order'] as const).filter((key) => given[key] === undefined);
  talk.say(talk.text(messages.aboutIntro));
  const query: Query = { ...given };
  const prompts = { customer: messages.askCustomer, code: messages.askCode, order: messages.askOrder };
  for (const key of missing) {
    const answer = (await talk.ask(prompts[key])).trim();
    if (answer) query[key] = answer;
  }
  // No comes first: Enter takes it.
  const relayMap = await talk.choose(messages.askRelayMap, [
    { name: messages.answerNo, value: false },
    { name: messages.answerYes, value: true },
  ]);
  return { query, relayMap };
}
