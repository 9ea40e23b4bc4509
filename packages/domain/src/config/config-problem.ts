/** One thing wrong with a config: where (`lines[2].dial`) and what. Never holds a secret's value. */
export interface ConfigProblem {
  path: string;
  message: string;
}
