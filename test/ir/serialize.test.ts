import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnPlan, Plan, TablePlan } from '../../src/ir/plan.js';
import { parsePlan, planHash, serializePlan } from '../../src/ir/serialize.js';

const FILE = 'test/cases/shop/expected.plan.json';
const plan = (): Plan => parsePlan(readFileSync(FILE, 'utf8'), FILE);

/** The plan with its first table's first column changed by `edit`. */
function editColumn(p: Plan, edit: (c: ColumnPlan) => ColumnPlan): Plan {
  const [first, ...rest] = p.tables as TablePlan[];
  const [column, ...others] = first!.columns;
  return { ...p, tables: [{ ...first!, columns: [edit(column!), ...others] }, ...rest] };
}

const withParam = (name: string, value: string) => (c: ColumnPlan) => ({
  ...c,
  rule: { ...c.rule, params: { ...c.rule.params, [name]: value } },
});

describe('plan hash', () => {
  it.each(['hash', 'origin', 'spec', 'batchSize', 'bookkeeping'])(
    'a nested parameter named %s is content: changing it changes the hash',
    (name) => {
      const a = editColumn(plan(), withParam(name, 'one'));
      const b = editColumn(plan(), withParam(name, 'two'));
      expect(planHash(a)).not.toBe(planHash(b));
    },
  );

  it('where the spec and its rules were written, and the batch size, leave the hash alone', () => {
    const p = plan();
    const moved: Plan = {
      ...editColumn(p, (c) => ({
        ...c,
        rule: { ...c.rule, origin: { file: 'elsewhere.masq', line: 99, text: 'moved' } },
      })),
      spec: { file: 'elsewhere.masq', format: 'masq' },
      batchSize: p.batchSize + 1,
    };
    const tables = moved.tables.map((t) => ({ ...t, origin: { file: 'x', line: 1, text: 't' } }));
    expect(planHash({ ...moved, tables })).toBe(planHash(p));
  });
});

describe('plan serialisation', () => {
  it.each([Infinity, -Infinity, NaN])('refuses %s anywhere in the plan', (n) => {
    const p = editColumn(plan(), (c) => ({
      ...c,
      rule: { ...c.rule, params: { ...c.rule.params, abs: n } },
    }));
    expect(() => serializePlan(p)).toThrow(/tables\[0\]\.columns\[0\]\.rule\.params\.abs is/);
  });

  it('refuses a plan file whose bookkeeping schema was edited', () => {
    const edited = readFileSync(FILE, 'utf8').replace('"schema": "masq"', '"schema": "public"');
    expect(() => parsePlan(edited, 'edited.plan.json')).toThrow(/does not match its hash/);
  });

  it('refuses a plan file of version 1 (before the engine sections), saying to recompile', () => {
    const older = JSON.stringify({ ...plan(), version: 1 });
    expect(() => parsePlan(older, 'older.plan.json')).toThrow(
      /older\.plan\.json: a plan of version 1, compiled by an earlier masq: compile the spec again/,
    );
  });

  it('round-trips a plan', () => {
    expect(serializePlan(plan())).toBe(readFileSync(FILE, 'utf8'));
  });
});
