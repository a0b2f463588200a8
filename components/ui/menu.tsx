"use client";
import * as Radix from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A button that opens a menu below it (Radix: arrow keys move between items, Escape and a click
 * outside close it, focus returns to the button). Items are `MenuLink`s; other content is shown as is.
 */
export function Menu({
  trigger,
  triggerLabel,
  triggerClassName,
  contentLabel,
  contentClassName = "w-60",
  onOpenChange,
  children,
}: {
  trigger: ReactNode;
  /** The button's accessible name, when its content is not text. */
  triggerLabel?: string;
  triggerClassName: string;
  /** The menu's accessible name; by default the button's. */
  contentLabel?: string;
  contentClassName?: string;
  onOpenChange?: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Radix.Root modal={false} onOpenChange={onOpenChange}>
      <Radix.Trigger aria-label={triggerLabel} className={triggerClassName}>
        {trigger}
      </Radix.Trigger>
      <Radix.Portal>
        <Radix.Content
          align="end"
          sideOffset={4}
          // Radix names the menu by its button; a label of its own replaces that.
          {...(contentLabel ? { "aria-label": contentLabel, "aria-labelledby": undefined } : {})}
          className={`z-50 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg ${contentClassName}`}
        >
          {children}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}

/** A menu item that goes to a page. */
export function MenuLink({
  href,
  className = "block rounded-md px-2 py-1.5 text-slate-700",
  onSelect,
  children,
}: {
  href: string;
  className?: string;
  /** Runs as the link is followed (by click or keyboard). */
  onSelect?: () => void;
  children: ReactNode;
}) {
  return (
    <Radix.Item asChild onSelect={onSelect}>
      <Link href={href} className={`outline-none data-[highlighted]:bg-slate-100 ${className}`}>
        {children}
      </Link>
    </Radix.Item>
  );
}
