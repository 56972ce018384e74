/**
 * The header an embedded console sends with every API call, next to its session token (as
 * `Authorization: Bearer`): the host origin the token is bound to. Apart from the rest of the
 * embed protocol so the console's first screen does not carry the protocol's parsers.
 */
export const EMBED_ORIGIN_HEADER = 'x-aurous-embed-origin';
