/**
 * Synthesized refs: an SVG figure drawn per pose from the character's attributes (hair colour
 * and style, eye colour, body type, ethnicity → skin tone), with a per-generation variant
 * (background hue, accessory, label) so a regenerated pose is visibly different.
 */
import { createHash } from 'node:crypto';
import type { CharacterAttributes, Pose } from '../../contract/aurous';

const NAMED_COLOURS: Record<string, string> = {
  black: '#1f1b18',
  brown: '#6b4226',
  blonde: '#e3c16f',
  blond: '#e3c16f',
  red: '#b5412c',
  auburn: '#8e3b22',
  ginger: '#c8602c',
  gray: '#9a9a9a',
  grey: '#9a9a9a',
  white: '#efefef',
  silver: '#c9ccd1',
  blue: '#3b6fd6',
  green: '#3f8f4f',
  purple: '#7d4fc2',
  pink: '#e27fb0',
  hazel: '#8e7139',
  amber: '#c98a1b',
};
const SKIN_TONES = ['#f6d7c3', '#e8b995', '#d39c72', '#b27a52', '#8a5a3b', '#5e3b27'];
const ACCESSORIES = ['none', 'glasses', 'hat', 'scarf'] as const;

const hash = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0);

function colour(name: string | undefined, fallback: string): string {
  if (!name) return fallback;
  const lower = name.toLowerCase();
  for (const [word, hex] of Object.entries(NAMED_COLOURS)) if (lower.includes(word)) return hex;
  return `hsl(${hash(lower) % 360} 45% 40%)`;
}

function torsoWidth(bodyType: string | undefined): number {
  const t = (bodyType ?? '').toLowerCase();
  if (/slim|slender|thin|petite/.test(t)) return 44;
  if (/muscular|athletic|broad/.test(t)) return 66;
  if (/heavy|large|curvy|plus|stocky/.test(t)) return 76;
  return 56;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface FigureInput {
  pose: Pose;
  attributes: CharacterAttributes;
  variant: number;
}

export function renderFigure({ pose, attributes, variant }: FigureInput): string {
  const hair = colour(attributes.hair_color, '#3a2a1e');
  const eyes = colour(attributes.eye_color, '#4a3423');
  const skin = SKIN_TONES[hash(attributes.ethnicity ?? 'default') % SKIN_TONES.length] ?? '#e8b995';
  const hue = (hash(JSON.stringify(attributes)) + variant * 137) % 360;
  const accessory = ACCESSORIES[variant % ACCESSORIES.length] ?? 'none';
  const longHair = /long|shoulder|braid|wav|curl/i.test(attributes.hair_style ?? '');
  const w = torsoWidth(attributes.body_type);
  const portrait = pose === 'portrait';
  // Portrait zooms on head and shoulders; the other poses show the full figure.
  const scale = portrait ? 2.2 : 1;
  const originY = portrait ? -40 : 0;
  const faceShown = pose !== 'back';
  const side = pose === 'side' ? 1 : pose === 'other' ? 0.5 : 0;
  const headX = 100 + side * 8;
  const parts: string[] = [];
  if (longHair) parts.push(`<rect x="${headX - 24}" y="48" width="48" height="52" rx="14" fill="${hair}"/>`);
  parts.push(`<rect x="${100 - w / 2}" y="96" width="${w}" height="86" rx="16" fill="hsl(${(hue + 180) % 360} 50% 45%)"/>`);
  if (side < 1) parts.push(`<rect x="${100 - w / 2 - 12}" y="100" width="12" height="70" rx="6" fill="${skin}"/>`);
  parts.push(`<rect x="${100 + w / 2}" y="100" width="12" height="70" rx="6" fill="${skin}"/>`);
  parts.push(`<rect x="${100 - 20}" y="180" width="16" height="78" rx="6" fill="#33384a"/>`);
  if (side < 1) parts.push(`<rect x="${100 + 4}" y="180" width="16" height="78" rx="6" fill="#33384a"/>`);
  parts.push(`<circle cx="${headX}" cy="68" r="24" fill="${skin}"/>`);
  if (faceShown) {
    parts.push(
      `<path d="M${headX - 26} 62 Q${headX} 30 ${headX + 26} 62 L${headX + 26} 52 Q${headX} 34 ${headX - 26} 52 Z" fill="${hair}"/>`,
    );
    const eyeXs = side === 1 ? [headX + 12] : side > 0 ? [headX - 2, headX + 12] : [headX - 9, headX + 9];
    for (const x of eyeXs) parts.push(`<circle cx="${x}" cy="68" r="3" fill="${eyes}"/>`);
    if (side === 1) parts.push(`<path d="M${headX + 23} 70 l6 6 l-6 1 Z" fill="${skin}"/>`);
    else parts.push(`<path d="M${headX - 7} 80 Q${headX} 85 ${headX + 7} 80" stroke="#7a3b3b" stroke-width="2" fill="none"/>`);
  } else {
    parts.push(`<circle cx="${headX}" cy="66" r="25" fill="${hair}"/>`);
  }
  if (accessory === 'glasses' && faceShown) {
    parts.push(
      `<g stroke="#222" stroke-width="2" fill="none"><circle cx="${headX - 9}" cy="68" r="7"/><circle cx="${headX + 9}" cy="68" r="7"/></g>`,
    );
  } else if (accessory === 'hat') {
    parts.push(
      `<rect x="${headX - 32}" y="40" width="64" height="8" rx="3" fill="hsl(${hue} 40% 25%)"/><rect x="${headX - 20}" y="20" width="40" height="24" rx="5" fill="hsl(${hue} 40% 25%)"/>`,
    );
  } else if (accessory === 'scarf') {
    parts.push(`<rect x="${100 - w / 2 + 4}" y="92" width="${w - 8}" height="12" rx="6" fill="hsl(${(hue + 60) % 360} 70% 50%)"/>`);
  }
  const label = escapeXml(`${pose} · v${variant}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="560" viewBox="0 0 200 280">`,
    `<title>${label}</title>`,
    `<rect width="200" height="280" fill="hsl(${hue} 60% 85%)"/>`,
    `<g transform="translate(${100 - 100 * scale} ${originY * scale}) scale(${scale})">${parts.join('')}</g>`,
    `<text x="8" y="272" font-family="sans-serif" font-size="11" fill="#222">${label}</text>`,
    `</svg>`,
  ].join('\n');
}
