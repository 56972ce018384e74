/** Prefixed, time-ordered identifiers (`upl_`, `char_`, `ref_`, `req_` + ULID). */
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

export const newId = (prefix: 'upl' | 'char' | 'ref' | 'req'): string => `${prefix}_${next()}`;
