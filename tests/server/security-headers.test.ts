import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../server/security-headers';

/** The headers are set in place on the answer the handler made; these are the kinds of answer routes give. */
describe('securityHeaders on every kind of answer', () => {
  const app = new Hono();
  app.use('*', securityHeaders({ embedOrigins: [], trustProxy: false }));
  app.get('/json', (c) => c.json({ ok: true }, 201, { 'Cache-Control': 'no-store' }));
  app.get('/proxied', () => new Response('{"balance":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
  // Response.redirect's headers are immutable: the headers still arrive, through c.header().
  app.get('/redirect', () => Response.redirect('http://127.0.0.1/elsewhere', 302));

  it.each(['/json', '/proxied', '/redirect'])('%s keeps its own status, headers and body and gains the security headers', async (path) => {
    const answer = await app.request(`http://127.0.0.1${path}`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    if (path === '/json') {
      expect(answer.status).toBe(201);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await answer.json()).toEqual({ ok: true });
    }
    if (path === '/proxied') expect(await answer.json()).toEqual({ balance: 1 });
    if (path === '/redirect') {
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    }
  });
});
