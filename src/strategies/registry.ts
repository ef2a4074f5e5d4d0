import { constant } from './constant.js';
import { hashSalt } from './hash-salt.js';
import { keep } from './keep.js';
import { nullify } from './nullify.js';
import { perturb } from './perturb.js';
import { redact } from './redact.js';
import type { Strategy } from './strategy.js';
import { substitute } from './substitute.js';

/** Every strategy by name. Adding one is a new file and a line here. */
export const STRATEGIES: ReadonlyMap<string, Strategy> = new Map(
  [redact, substitute, perturb, hashSalt, nullify, constant, keep].map((s) => [s.name, s]),
);
