"use client";
import * as Radix from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

const widths = { sm: "max-w-sm", md: "max-w-md", lg: "max-w-lg", xl: "max-w-4xl" } as const;

/**
 * A modal dialog (Radix: focus kept inside, Escape and the backdrop close it, focus returns to what
 * opened it). `label` is its accessible name; `heading`, when given, is what it shows on top.
 */
export function Dialog({
  open,
  onOpenChange,
  label,
  heading,
  width = "md",
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  label: string;
  heading?: ReactNode;
  width?: keyof typeof widths;
  children: ReactNode;
}) {
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Radix.Content
          aria-describedby={undefined}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] ${widths[width]} -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none`}
        >
          <Radix.Title className="sr-only">{label}</Radix.Title>
          {heading && <h2 className="text-lg font-semibold">{heading}</h2>}
          {children}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
