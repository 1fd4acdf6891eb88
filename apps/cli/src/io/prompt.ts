import { createInterface } from 'node:readline';
import { CliError } from '../cli.error';

/**
 * Reads one line from the terminal. With `hidden`, typed characters are not echoed (passwords). Refuses when
 * stdin is not a terminal, so a script without the flag fails with a message instead of hanging.
 */
export async function prompt(question: string, hidden = false, flagHint = ''): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`${question.replace(/:\s*$/, '')} is required${flagHint ? ` (use ${flagHint})` : ''}`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput?: (s: string) => void };
  if (hidden) {
    out._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(s);
    };
  }
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
    if (hidden) process.stdout.write('\n');
  }
}

/** A flag's value, else the prompt's answer. */
export async function valueOrPrompt(value: string | undefined, question: string, hidden: boolean, flagHint: string): Promise<string> {
  return value ?? (await prompt(question, hidden, flagHint));
}
