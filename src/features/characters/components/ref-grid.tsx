import type { CharacterRef } from '../../../../contract/aurous';
import { POSE_LABEL } from '../pose-labels';

export function RefGrid({ refs }: { refs: readonly CharacterRef[] }) {
  if (refs.length === 0) {
    return <p className="text-slate-700">No reference images yet.</p>;
  }
  return (
    <ul aria-label="Reference images" className="grid grid-cols-2 gap-4 md:grid-cols-4">
      {refs.map((ref, index) => (
        <li key={`${ref.pose}-${index}`} aria-label={`${POSE_LABEL[ref.pose]} reference`} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
          <img src={ref.url} alt={`${POSE_LABEL[ref.pose]} pose`} className="aspect-[3/4] w-full bg-slate-100 object-cover" loading="lazy" />
          <p className="px-3 py-2 text-sm font-medium text-slate-900">{POSE_LABEL[ref.pose]}</p>
        </li>
      ))}
    </ul>
  );
}
