/**
 * How the model tells keys apart: exactly, as every client does. `fold` is only for naming
 * what broke: two keys with one fold are what a case- and accent-insensitive store confuses.
 */
export const fold = (key: string): string => key.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The other keys of `keys` that a case- and accent-insensitive store would take for `key`. */
export const twinsOf = (key: string, keys: Iterable<string>): string[] => [...keys].filter((k) => k !== key && fold(k) === fold(key));
