"use client";
import { useModal } from "@/components/use-modal";

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
  const dialog = useModal(open);
  return (
    <dialog
      ref={dialog}
      aria-label="Keyboard shortcuts"
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-xl p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 className="text-lg font-semibold">Keyboard shortcuts</h2>
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
        <button
          type="button"
          onClick={onClose}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
