/**
 * Compare (`C`) puts the old and the new of ONE pose side by side: the focused pose's latest kept
 * earlier version beside its current one (src/lib/aurous/pose-versions.ts finds the pair). Here:
 * the zoom both panes share.
 */
export const COMPARE_ZOOMS = ['fit', 1, 2] as const;
export type CompareZoom = (typeof COMPARE_ZOOMS)[number];

export function stepZoom(zoom: CompareZoom, direction: 1 | -1): CompareZoom {
  const index = COMPARE_ZOOMS.indexOf(zoom);
  return COMPARE_ZOOMS[Math.min(COMPARE_ZOOMS.length - 1, Math.max(0, index + direction))] ?? zoom;
}
