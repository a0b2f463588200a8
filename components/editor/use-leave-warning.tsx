"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** The parts of the Navigation API used here (not yet in TypeScript's DOM library). */
interface TraverseEvent extends Event {
  navigationType: "push" | "replace" | "reload" | "traverse";
  cancelable: boolean;
  destination: { key: string };
}
interface Navigation extends EventTarget {
  traverseTo(key: string): unknown;
}

type Leaving = { href: string } | { traverseTo: string };

/**
 * Asks before the page is left with unsaved changes. Links inside the app and the browser's Back
 * and Forward (where the Navigation API lets a page cancel them) are held and the in-app dialog
 * this returns asks; closing the tab can only get the browser's own question (beforeunload).
 */
export function useLeaveWarning(dirty: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<Leaving | null>(null);
  // Set while leaving on purpose, so the navigation the dialog starts is not held again.
  const leaving = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!leaving.current) event.preventDefault();
    };
    // Client-side navigation does not fire beforeunload: catch clicks on links before Next.js does.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as HTMLElement | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("target") === "_blank" || link.hasAttribute("download")) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || leaving.current) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ href: link.getAttribute("href")! });
    };
    const navigation = (window as { navigation?: Navigation }).navigation;
    const onNavigate = (event: Event) => {
      const { navigationType, cancelable, destination } = event as TraverseEvent;
      if (navigationType !== "traverse" || !cancelable || leaving.current) return;
      event.preventDefault();
      setPending({ traverseTo: destination.key });
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    navigation?.addEventListener("navigate", onNavigate);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      navigation?.removeEventListener("navigate", onNavigate);
    };
  }, [dirty]);

  const leave = () => {
    if (!pending) return;
    leaving.current = true;
    setPending(null);
    if ("href" in pending) router.push(pending.href);
    else (window as { navigation?: Navigation }).navigation?.traverseTo(pending.traverseTo);
  };
  const dialog = <LeaveDialog open={pending !== null} onStay={() => setPending(null)} onLeave={leave} />;
  return dialog;
}

function LeaveDialog({ open, onStay, onLeave }: { open: boolean; onStay: () => void; onLeave: () => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => next || onStay()}
      label="Unsaved changes"
      heading="Leave without saving?"
      width="sm"
    >
      <p className="mt-1 text-sm text-slate-600">
        This composition has changes that are not saved. They are lost if you leave now.
      </p>
      {/* Stay comes first, so the dialog focuses it (Enter keeps the work); it is drawn on the right. */}
      <div className="mt-4 flex flex-row-reverse justify-start gap-2">
        <Button variant="primary" onClick={onStay}>
          Stay
        </Button>
        <Button variant="dangerQuiet" onClick={onLeave}>
          Leave without saving
        </Button>
      </div>
    </Dialog>
  );
}
