/**
 * GET /setup?token=…: the page the one-time setup link (or an invitation link) opens. A plain
 * server-rendered form (no script), posting to /api/team/join, which signs the new person in.
 */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export function setupPage(token: string, error: string | null): string {
  const message = error ? `<p role="alert" style="color:#b91c1c">${escapeHtml(error)}</p>` : '';
  const body = token
    ? `<form method="post" action="/api/team/join" style="display:grid;gap:12px;max-width:320px">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <label>Email <input name="email" type="email" autocomplete="email" required style="width:100%"></label>
  <label>Name <input name="name" autocomplete="name" style="width:100%"></label>
  <label>Password <input name="password" type="password" autocomplete="new-password" minlength="8" required style="width:100%"></label>
  <button type="submit">Join the team</button>
</form>`
    : '<p>This page needs the link the console printed (it ends in <code>?token=…</code>).</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Join the team · Aurous console</title></head>
<body style="font-family:system-ui,sans-serif;margin:48px auto;max-width:480px;padding:0 16px">
<h1>Join the team</h1>
${message}${body}
</body></html>`;
}
