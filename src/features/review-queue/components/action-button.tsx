import { Button, type ButtonProps } from '../../../components/ui/button';
import { KeyHint } from './key-hint';

/** A button that names its key: shown beside the label, and told to assistive technology. */
export function ActionButton({ binding, children, ...props }: ButtonProps & { binding: string }) {
  return (
    <Button aria-keyshortcuts={binding || undefined} {...props}>
      {children}
      <KeyHint binding={binding} />
    </Button>
  );
}
