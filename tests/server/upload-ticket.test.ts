import { describe, expect, it } from 'vitest';
import { deriveTicketSecret, signTicket, verifyTicket } from '../../server/upload-ticket';

const secret = deriveTicketSecret(undefined, 'al_live_test');
const url = 'https://storage.example/upl_1?signature=abc';

describe('upload tickets', () => {
  it('round-trips the exact upstream URL until it expires', () => {
    const ticket = signTicket(secret, url, 10_000);
    expect(verifyTicket(secret, ticket, 9_999)).toEqual({ ok: true, url });
    expect(verifyTicket(secret, ticket, 10_001)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a ticket whose payload was altered to point elsewhere', () => {
    const ticket = signTicket(secret, url, 10_000);
    const [, signature] = ticket.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ u: 'https://evil.example/', e: 10_000 })).toString('base64url');
    expect(verifyTicket(secret, `${forgedPayload}.${signature}`, 0)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses tickets signed with another secret, and garbage', () => {
    const other = deriveTicketSecret(undefined, 'al_live_other');
    expect(verifyTicket(secret, signTicket(other, url, 10_000), 0)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyTicket(secret, 'not-a-ticket', 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyTicket(secret, 'a.b.c', 0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('lets every copy of the server verify every other copy’s tickets (same key, same secret)', () => {
    const copyA = deriveTicketSecret(undefined, 'al_live_shared');
    const copyB = deriveTicketSecret(undefined, 'al_live_shared');
    expect(verifyTicket(copyB, signTicket(copyA, url, 10_000), 0)).toEqual({ ok: true, url });
  });
});
