// Walking the findings with the person, problems first (fail, then error, then warn): what is
// wrong, why it matters, then the steps one at a time. Read only: nothing here changes the shop.

import type { CheckResult } from '../../engine/runner.js';
import type { Status } from '../../engine/types.js';
import { plainText } from '../../report/audience.js';
import { messages } from './messages.js';
import type { Conversation } from './terminal.js';

const PROBLEMS: readonly Status[] = ['fail', 'error', 'warn'];

/** The problems among the results (admin wording), most serious first. */
export function problemsFirst(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => PROBLEMS.includes(r.status)).sort((a, b) => PROBLEMS.indexOf(a.status) - PROBLEMS.indexOf(b.status));
}

export async function walkProblems(talk: Conversation, club: string, results: readonly CheckResult[]): Promise<void> {
  const problems = problemsFirst(results);
  talk.say('');
  if (!problems.length) {
    talk.say(talk.text(messages.noProblem(club)));
    return;
  }
  talk.say(messages.problemsFound(club, problems.length, talk.lang));
  const ids = results.map((r) => r.check.meta.id);
  for (const [i, r] of problems.entries()) {
    talk.say('');
    talk.say(talk.text(messages.problemHeading(i + 1, problems.length, talk.text(r.check.meta.title))));
    talk.say(`  ${talk.text(messages.whatIsWrong)} ${talk.text(r.message)}`);
    // The check's description, made plain: why a club admin should care.
    const why = plainText(talk.text(r.check.meta.description), ids);
    if (why) talk.say(`  ${talk.text(messages.whyItMatters)} ${why}`);
    await walkSteps(talk, r, i === problems.length - 1);
  }
}

/** The steps of one finding, one at a time; the person may skip the rest. */
async function walkSteps(talk: Conversation, r: CheckResult, last: boolean): Promise<void> {
  const steps = r.remediation;
  if (!steps.length) {
    await talk.choose(last ? messages.continue : messages.nextProblem, [{ name: messages.continue, value: 'next' }]);
    return;
  }
  talk.say(`  ${talk.text(messages.whatToDo)}`);
  for (const [i, step] of steps.entries()) {
    talk.say(`  ${talk.text(messages.step(i + 1, steps.length))} ${talk.text(step)}`);
    const final = i === steps.length - 1;
    const next = final ? (last ? messages.continue : messages.nextProblem) : messages.nextStep;
    const choice = await talk.choose(messages.stepsDone, [
      { name: next, value: 'next' },
      ...(final ? [] : [{ name: messages.skipSteps, value: 'skip' }]),
    ]);
    if (choice === 'skip') return;
  }
}
