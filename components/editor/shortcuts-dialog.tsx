"use client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

const mod = "Ctrl/⌘";

/** What the editor's keyboard does (see ./use-shortcuts.ts), and the canvas's own gestures. */
const shortcuts: [keys: string, action: string][] = [
  [`${mod}+S`, "Save"],
  [`${mod}+Z`, "Undo"],
  [`${mod}+Shift+Z or Ctrl+Y`, "Redo"],
  [`${mod}+C / ${mod}+V`, "Copy / paste the selected nodes and the connections among them"],
  [`${mod}+A`, "Select everything"],
  ["Delete or Backspace", "Delete the selection"],
  ["Escape", "Clear the selection"],
  ["Shift+drag", "Select with a box"],
  [`${mod}+click`, "Add to the selection"],
  ["Drag from a node's right handle to another's left", "Connect them and map fields"],
  ["?", "Show this list"],
];

/** The editor's keyboard shortcuts, opened with "?" or the toolbar's ⌨ button. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => next || onClose()}
      label="Keyboard shortcuts"
      heading="Keyboard shortcuts"
      width="lg"
    >
      <p className="mt-1 text-sm text-slate-600">Outside text fields; {mod}+S works everywhere.</p>
      <table className="mt-4 w-full text-sm">
        <tbody>
          {shortcuts.map(([keys, action]) => (
            <tr key={keys} className="border-t border-slate-100">
              <td className="py-1.5 pr-4 align-top">
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                  {keys}
                </kbd>
              </td>
              <td className="py-1.5 text-slate-700">{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
