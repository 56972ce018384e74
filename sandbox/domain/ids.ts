/** Prefixed, time-ordered identifiers (`upl_`, `char_`, `ref_`, `req_`, `we_`, `evt_` + ULID). */
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

export const newId = (prefix: 'upl' | 'char' | 'ref' | 'req' | 'we' | 'evt'): string => `${prefix}_${next()}`;
