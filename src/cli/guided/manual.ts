// The points no configured source can read (`manual` results): the guided mode asks the person the
// question the FAQ asks, and records the answer in the result: its status follows the answer (yes:
// pass, no: the check's own severity), its evidence says a person answered and what. "I don't
// know", the default, leaves the result as it was: nobody answered.

import type { CheckResult } from '../../engine/runner.js';
import type { Text } from '../../engine/types.js';
import { genericManualQuestion, manualQuestions, messages } from './messages.js';
import type { Conversation } from './terminal.js';

export type ManualAnswer = 'yes' | 'no' | 'unknown';

/** The question asked for a manual result, in both languages. */
export function questionFor(result: CheckResult, club: string): Text {
  return manualQuestions[result.check.meta.id]?.(club) ?? genericManualQuestion;
}

/** The result once a person answered: status, message and evidence follow the answer. */
export function answered(result: CheckResult, question: Text, answer: ManualAnswer): CheckResult {
  if (answer === 'unknown') return result;
  const status = answer === 'yes' ? 'pass' : result.severity;
  const message = answer === 'yes' ? messages.answeredYes(question.fr) : messages.answeredNo(question.fr);
  const en = answer === 'yes' ? messages.answeredYes(question.en) : messages.answeredNo(question.en);
  const said = { fr: message.fr, en: en.en };
  return {
    ...result,
    status,
    message: said,
    // The steps stay with a "no": they are what to do now. A "yes" needs none.
    remediation: answer === 'yes' ? [] : result.remediation,
    evidence: { ...result.evidence, answeredBy: 'person', answer, question: question.en, questionFr: question.fr },
    // The person's answer is already plain: the same words for a club admin.
    admin: { message: said, remediation: answer === 'yes' ? [] : (result.admin?.remediation ?? result.remediation) },
  };
}

/**
 * Asks about each manual result (shown in admin wording) and returns every result, the answered
 * ones changed. `support` holds the same results in the support wording, in the same order.
 */
export async function askManual(talk: Conversation, club: string, admin: readonly CheckResult[], support: readonly CheckResult[]): Promise<CheckResult[]> {
  const manual = admin.flatMap((r, i) => (r.status === 'manual' ? [i] : []));
  const out = [...support];
  if (!manual.length) return out;
  talk.say('');
  talk.say(messages.manualIntro(manual.length, talk.lang));
  for (const [n, i] of manual.entries()) {
    const r = admin[i]!;
    talk.say('');
    talk.say(talk.text(messages.manualHeading(n + 1, manual.length, talk.text(r.check.meta.title))));
    talk.say(`  ${talk.text(r.message)}`);
    if (r.remediation.length) {
      talk.say(`  ${talk.text(messages.howToCheck)}`);
      r.remediation.forEach((step, k) => talk.say(`    ${k + 1}. ${talk.text(step)}`));
    }
    const question = questionFor(r, club);
    const answer = await talk.choose<ManualAnswer>(question, [
      { name: messages.answerUnknown, value: 'unknown' },
      { name: messages.answerYes, value: 'yes' },
      { name: messages.answerNo, value: 'no' },
    ]);
    out[i] = answered(support[i]!, question, answer);
  }
  return out;
}
