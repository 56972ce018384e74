/**
 * GET /_sandbox/poses: how the sandbox classifies poses, as a page a person reads (the console's
 * sandbox banner links here). Written from the classifier's own constants
 * (sandbox/domain/pose-classifier.ts), so it cannot drift from what the sandbox does.
 */
import type { Pose } from '../../contract/aurous';
import { ASPECT, CONFIDENCE, POSE_WORDS } from '../domain/pose-classifier';

export const POSES_PAGE_PATH = '/_sandbox/poses';

const percent = (value: number) => `${Math.round(value * 100)} %`;
const range = ([low, high]: readonly [number, number]) => `${percent(low)}–${percent(high)}`;

function wordsFor(pose: Pose): string {
  return Object.entries(POSE_WORDS)
    .filter(([, named]) => named === pose)
    .map(([word]) => `<code>${word}</code>`)
    .join(', ');
}

const STYLE = `
:root { color-scheme: light dark; --fg: #0f172a; --muted: #475569; --line: #cbd5e1; --bg: #f8fafc; --surface: #fff; --accent: #3730a3; }
@media (prefers-color-scheme: dark) { :root { --fg: #e2e8f0; --muted: #a3b1c6; --line: #334155; --bg: #020617; --surface: #0f172a; --accent: #a5b4fc; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, sans-serif; }
main { max-width: 44rem; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 8px; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; }
p, li { color: var(--muted); }
strong, td, th, code { color: var(--fg); }
a { color: var(--accent); text-underline-offset: 4px; }
table { border-collapse: collapse; width: 100%; background: var(--surface); }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
code { font-size: 0.95em; }
`;

export function posesPage(): string {
  const poses: Pose[] = ['front', 'side', 'back', 'portrait'];
  const wordRows = poses.map((pose) => `<tr><td>${wordsFor(pose)}</td><td><strong>${pose}</strong></td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>How the sandbox classifies poses · Aurous console</title><style>${STYLE}</style></head>
<body><main>
<p><a href="/">← Back to the console</a></p>
<h1>How the sandbox classifies poses</h1>
<p>This console is running on its <strong>embedded sandbox</strong>: a local emulator of the Aurous API, with made-up
characters and test credits. Its pose classifier does not look at what the picture shows. It reads the file name, then
the image's shape, in this order; the first rule that applies decides. The Aurous API classifies what the image shows,
so the same photo can get another pose there.</p>

<h2>1. A pose word in the file name</h2>
<p>The name (without its extension) is split on everything that is not a letter, and the first of these words found
decides, in any case: <code>Rowan_Back.jpg</code> is <strong>back</strong>, <code>side-profile.png</code> is
<strong>side</strong>. Confidence ${range(CONFIDENCE.filename)}.</p>
<table><thead><tr><th scope="col">Word in the name</th><th scope="col">Pose</th></tr></thead><tbody>${wordRows}</tbody></table>

<h2>2. Otherwise, the image's shape</h2>
<p>Height divided by width, from the image's header. Confidence ${range(CONFIDENCE.dimensions)}.</p>
<table><thead><tr><th scope="col">Height ÷ width</th><th scope="col">Pose</th></tr></thead><tbody>
<tr><td>${ASPECT.squareFrom} to ${ASPECT.squareTo} (roughly square)</td><td><strong>portrait</strong></td></tr>
<tr><td>over ${ASPECT.squareTo}, under ${ASPECT.tallFrom} (moderately tall)</td><td><strong>side</strong></td></tr>
<tr><td>${ASPECT.tallFrom} or more (tall, a full figure)</td><td><strong>front</strong></td></tr>
</tbody></table>
<p>The shape never gives <strong>back</strong>: only its word in the name does.</p>

<h2>3. Otherwise: other</h2>
<p>A picture wider than tall (under ${ASPECT.squareFrom}), or bytes whose size cannot be read, is
<strong>other</strong>, confidence ${range(CONFIDENCE.other)}.</p>

<h2>What this means for real photos</h2>
<ul>
<li>The confidence inside each range comes from a hash of the file's bytes: the same file always gets the same answer,
and the number says nothing about the picture.</li>
<li>The shape is the stored one: the EXIF orientation is not applied, so a phone photo stored sideways (a tall picture
saved wide) is measured as wide.</li>
<li>To get the pose you mean on the sandbox, put its word in the file name: <code>front</code>, <code>side</code>,
<code>back</code> or <code>portrait</code>.</li>
</ul>
</main></body></html>`;
}
