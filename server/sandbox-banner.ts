/**
 * With the embedded sandbox, every screen says so (as Stripe's test mode does), linking to how
 * the sandbox classifies poses: real photos otherwise get poses that look arbitrary. The console
 * server writes the banner into the app's shell (index.html) before any script runs, so it costs
 * the first screen no JavaScript, shows on every route and in the embed, and never shows against
 * a real API. Its classes are ones the app already uses (the stylesheet does not grow).
 */
export const SANDBOX_POSES_PATH = '/_sandbox/poses';

export const SANDBOX_BANNER = `<div id="sandbox-banner" class="border-b border-warning-line bg-warning-soft px-4 py-1 text-center text-xs text-warning-fg"><strong class="font-semibold">Sandbox</strong> · test data and credits, not the Aurous API. <a href="${SANDBOX_POSES_PATH}" target="_blank" class="underline underline-offset-4">How it classifies poses<span class="sr-only"> (opens in a new tab)</span></a></div>`;

/** The shell with the banner first in its body; unchanged if it has no `<div id="root">`. */
export function withSandboxBanner(html: string): string {
  return html.includes('<div id="root">') ? html.replace('<div id="root">', `${SANDBOX_BANNER}<div id="root">`) : html;
}
