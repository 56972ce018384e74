import type { VariantProps } from 'class-variance-authority';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { buttonVariants } from './button';
import { cn } from './cn';

type LinkButtonProps = { href: string; children: ReactNode; className?: string } & VariantProps<typeof buttonVariants>;

/** Navigation that looks like a Button (same variants and sizes) but is a real link. */
export function LinkButton({ href, children, variant, size, className }: LinkButtonProps) {
  return (
    <Link href={href} className={cn(buttonVariants({ variant, size }), className)}>
      {children}
    </Link>
  );
}
