import { dictionaryOf } from './dictionaries.js';
import type { FieldType } from './field-types.js';

/** Fewer distinct entries than this is no longer a sensible fake: the column is too narrow. */
export const MIN_FITTED_ENTRIES = 10;

/** The length PostgreSQL's varchar(n)/char(n) counts: characters, not UTF-16 units or bytes. */
export function characters(value: string): number {
  return [...value].length;
}

/**
 * The plan's name of a field type's dictionary for values of at most `room` characters: the
 * type itself when every entry fits (or there is no limit), else `type:room`.
 */
export function dictionaryKey(type: FieldType, room: number | undefined): string {
  if (room === undefined || longestEntry(type) <= room) return type;
  return `${type}:${room}`;
}

/**
 * The dictionary named by `dictionaryKey`: the type's entries, each one too long replaced by a
 * short one (the short ones in turn, in dictionary order). It keeps the dictionary's size and
 * every entry that fits in its slot, so a value whose pick fits masks the same in a narrow
 * column as in a wide one, and joins across them keep working for those values. Undefined when
 * fewer than MIN_FITTED_ENTRIES distinct entries fit.
 */
export function fittedDictionary(
  type: FieldType,
  room: number | undefined,
): readonly string[] | undefined {
  const all = dictionaryOf(type);
  if (room === undefined) return all;
  const short = all.filter((v) => characters(v) <= room);
  if (short.length === all.length) return all;
  if (short.length < MIN_FITTED_ENTRIES) return undefined;
  let next = 0;
  return all.map((v) => (characters(v) <= room ? v : short[next++ % short.length]!));
}

/** The smallest room in which a fitted dictionary of `type` exists. */
export function minimumRoom(type: FieldType): number {
  const lengths = dictionaryOf(type)
    .map(characters)
    .sort((a, b) => a - b);
  return lengths[Math.min(MIN_FITTED_ENTRIES, lengths.length) - 1]!;
}

function longestEntry(type: FieldType): number {
  return Math.max(...dictionaryOf(type).map(characters));
}
