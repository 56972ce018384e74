import { Button } from '../../../components/ui/button';
import { messages } from '../messages';

interface CopyIdButtonProps {
  id: string;
  name: string;
  /** This id is the one just copied: the button says "Copied". */
  copied: boolean;
  onCopy: (id: string, name: string) => void;
}

/** "Copy id" (its name says whose); the page announces the copy in its live region. */
export function CopyIdButton({ id, name, copied, onCopy }: CopyIdButtonProps) {
  return (
    <Button variant="ghost" size="sm" className="shrink-0" onClick={() => onCopy(id, name)}>
      {copied ? messages.copied : messages.copyId}
      <span className="sr-only">{messages.copyIdOf(name)}</span>
    </Button>
  );
}
