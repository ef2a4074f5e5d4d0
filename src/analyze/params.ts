import type { ColumnRule, Param } from '../ast/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { ParamPlanValue, SecretRef } from '../ir/plan.js';
import type { ParamSpec, Strategy } from '../strategies/strategy.js';

/** Registers a secret the plan needs and returns its index; equal references share one. */
export type SecretRegistry = (ref: SecretRef) => number;

/** Checks a rule's parameters against what its strategy takes; returns the usable ones. */
export function resolveParams(
  rule: ColumnRule,
  strategy: Strategy,
  secrets: SecretRegistry,
  diagnostics: Diagnostic[],
): Record<string, ParamPlanValue> {
  const resolved: Record<string, ParamPlanValue> = {};
  const seen = new Set<string>();
  for (const param of rule.params) {
    const name = param.name?.value ?? strategy.positional;
    const where = param.name?.span ?? param.span;
    if (name === undefined) {
      diagnostics.push(
        error(
          'MASQ013',
          `${strategy.name} takes no unnamed parameter${namedList(strategy)}`,
          param.span,
        ),
      );
      continue;
    }
    const spec = strategy.params[name];
    if (!spec) {
      const hint = didYouMean(name, Object.keys(strategy.params)) || namedList(strategy);
      diagnostics.push(
        error('MASQ013', `unknown parameter "${name}" for ${strategy.name}${hint}`, where),
      );
      continue;
    }
    if (seen.has(name)) {
      diagnostics.push(error('MASQ005', `parameter "${name}" given twice`, where));
      continue;
    }
    seen.add(name);
    const value = convert(param, name, spec, strategy, secrets, diagnostics);
    if (value !== undefined) resolved[name] = value;
  }
  for (const [name, spec] of Object.entries(strategy.params))
    if (spec.required && !seen.has(name))
      diagnostics.push(
        error('MASQ015', `${strategy.name} needs the parameter "${name}"`, rule.strategy.span),
      );
  return resolved;
}

function namedList(strategy: Strategy): string {
  const names = Object.keys(strategy.params);
  return names.length ? ` (it takes ${names.join(', ')})` : ' (it takes none)';
}

function convert(
  param: Param,
  name: string,
  spec: ParamSpec,
  strategy: Strategy,
  secrets: SecretRegistry,
  diagnostics: Diagnostic[],
): ParamPlanValue | undefined {
  const v = param.value;
  const wrong = (expected: string) => {
    diagnostics.push(
      error(
        'MASQ014',
        `parameter "${name}" of ${strategy.name} takes ${expected}, got ${show(param)}`,
        param.span,
      ),
    );
    return undefined;
  };
  // The front-ends refuse these where they are written; an AST from elsewhere must not get by.
  if (v.kind === 'number' && !Number.isFinite(v.value)) {
    diagnostics.push(error('MASQ025', `parameter "${name}" must be a finite number`, param.span));
    return undefined;
  }
  // Past 2^53 a double rounds whole numbers: 12345678901234567890 would be written ...7000.
  // That matters where the number is a value or a count; a bound (perturb's abs) is a double.
  if (
    v.kind === 'number' &&
    spec.kind !== 'number' &&
    /^[+-]?\d+$/.test(v.raw) &&
    !Number.isSafeInteger(v.value)
  ) {
    const hint = spec.kind === 'scalar' ? '; write it as a string' : '';
    const message = `${v.raw} is too large to be held exactly (at most ${Number.MAX_SAFE_INTEGER})${hint}`;
    diagnostics.push(error('MASQ025', message, param.span));
    return undefined;
  }
  switch (spec.kind) {
    case 'int':
    case 'number': {
      if (v.kind !== 'number') return wrong(spec.kind === 'int' ? 'an integer' : 'a number');
      if (spec.kind === 'int' && !Number.isInteger(v.value)) return wrong('an integer');
      if (
        (spec.min !== undefined && v.value < spec.min) ||
        (spec.max !== undefined && v.value > spec.max)
      ) {
        const range =
          spec.max === undefined
            ? `at least ${spec.min}`
            : `between ${spec.min ?? '-∞'} and ${spec.max}`;
        diagnostics.push(
          error(
            'MASQ016',
            `parameter "${name}" of ${strategy.name} must be ${range}, got ${v.raw}`,
            param.span,
          ),
        );
        return undefined;
      }
      return v.value;
    }
    case 'char':
      if (v.kind !== 'string' || [...v.value].length !== 1) return wrong('one character in quotes');
      return v.value;
    case 'string':
      return v.kind === 'string' ? v.value : wrong('a string');
    case 'name': {
      if (v.kind !== 'ident' && v.kind !== 'string') return wrong('a name');
      if (spec.oneOf && !spec.oneOf.includes(v.value)) {
        const hint = didYouMean(v.value, spec.oneOf) || ` (one of: ${spec.oneOf.join(', ')})`;
        diagnostics.push(error('MASQ019', `unknown ${name} "${v.value}"${hint}`, param.span));
        return undefined;
      }
      return v.value;
    }
    case 'secret':
      if (v.kind === 'ref' && v.ref.kind === 'env') return { secret: secrets({ env: v.ref.name }) };
      if (v.kind === 'ref' && v.ref.kind === 'file')
        return { secret: secrets({ file: v.ref.path }) };
      diagnostics.push(
        error(
          'MASQ030',
          `a salt is a secret and must not be written in the spec: use ${name}: env(NAME) or file("path")`,
          param.span,
        ),
      );
      return undefined;
    case 'scalar':
      if (v.kind === 'ref') return wrong('a plain value');
      return v.value;
  }
}

function show(param: Param): string {
  const v = param.value;
  switch (v.kind) {
    case 'number':
      return v.raw;
    case 'string':
      return JSON.stringify(v.value);
    case 'ident':
      return v.value;
    case 'bool':
      return String(v.value);
    case 'ref':
      return v.ref.kind === 'literal' ? JSON.stringify(v.ref.value) : `${v.ref.kind}(…)`;
  }
}
