import { Button } from '../../../components/ui/button';
import { useUploadActions, type UploadItem } from '../upload-store';

/** Two fronts are allowed, but usually a mistake: the character gets one front view twice. */
export function DuplicateFrontWarning({ fronts }: { fronts: UploadItem[] }) {
  const { itemRemoved } = useUploadActions();
  if (fronts.length < 2) return null;
  return (
    <div role="alert" className="rounded-xl border border-amber-400 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">{fronts.length} images were classified as front</p>
      <p className="mt-1 text-sm">
        {fronts.map((item) => item.name).join(', ')} all show the front view. A character is most consistent with one front
        plus other poses; remove the weaker one, or keep both and continue.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {fronts.map((item) => (
          <Button key={item.id} variant="secondary" size="sm" onClick={() => itemRemoved(item.id)}>
            Remove {item.name}
          </Button>
        ))}
      </div>
    </div>
  );
}
