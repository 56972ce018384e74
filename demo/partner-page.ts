/** The demo partner's dashboard page: embeds the console and shows what it hears. */
export function partnerPage({
  consoleUrl,
  mode,
  characterId,
  subject,
}: {
  consoleUrl: string;
  mode: string;
  characterId: string | null;
  subject: string;
}): string {
  const config = JSON.stringify({ consoleUrl, mode, characterId, subject }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Partner dashboard (demo)</title>
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; background: #f4f1ea; color: #1f1b16; }
    header { padding: 12px 20px; background: #1f1b16; color: #f4f1ea; }
    main { display: grid; grid-template-columns: minmax(0, 1fr) 280px; gap: 16px; padding: 16px; }
    @media (max-width: 700px) { main { grid-template-columns: 1fr; } }
    section { background: #fff; border-radius: 10px; padding: 12px; min-width: 0; }
    label { display: block; margin: 6px 0; font-size: 14px; }
    ol { font: 12px/1.5 ui-monospace, monospace; padding-left: 18px; word-break: break-all; }
  </style>
</head>
<body>
  <header><strong>Acme Studio</strong> — partner dashboard (demo)</header>
  <main>
    <section aria-label="Embedded console"><div id="console"></div></section>
    <section aria-label="Host controls">
      <h2>Appearance</h2>
      <label>Accent colour <input id="accent" type="color" value="#b45309" /></label>
      <label>Theme
        <select id="theme"><option value="light">Light</option><option value="dark">Dark</option><option value="auto">Auto</option></select>
      </label>
      <h2>Events from the console</h2>
      <ol id="events" aria-label="Events from the console"></ol>
    </section>
  </main>
  <script src="${consoleUrl}/embed.js"></script>
  <script>
    const config = ${config};
    const log = (text) => {
      const item = document.createElement('li');
      item.textContent = text;
      document.getElementById('events').appendChild(item);
    };
    const handle = AurousConsole.mount(document.getElementById('console'), {
      consoleUrl: config.consoleUrl,
      mode: config.mode,
      characterId: config.characterId || undefined,
      appearance: { accentColor: '#b45309', radius: '4px', theme: 'light' },
      // The partner's own backend holds the embed secret and mints the session.
      getSessionToken: () => fetch('/session?mode=' + config.mode + '&subject=' + encodeURIComponent(config.subject) + (config.characterId ? '&character_id=' + config.characterId : ''), { method: 'POST' })
        .then((response) => { if (!response.ok) throw new Error('session ' + response.status); return response.json(); }),
      onEvent: (event) => log(event.type + ' ' + JSON.stringify(Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'type')))),
      onSuccess: (event) => log('onSuccess ' + (event.characterId || '')),
      onExit: () => log('onExit'),
    });
    document.getElementById('accent').addEventListener('input', (event) => handle.setAppearance({ accentColor: event.target.value }));
    document.getElementById('theme').addEventListener('change', (event) => handle.setAppearance({ theme: event.target.value }));
  </script>
</body>
</html>`;
}
