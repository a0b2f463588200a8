"use client";
import { DateTime } from "@/components/date-time";
import { Menu, MenuLink } from "@/components/ui/menu";
import { useInbox } from "@/lib/queries/notifications";

/** The bell in the header: unread in-app notifications counted, each linking to its run. */
export function NotificationBell() {
  // Opening a notification reads it (readOne).
  const { inbox, readAll: read, readOne } = useInbox();
  const unread = inbox.data?.unread ?? 0;
  return (
    <Menu
      triggerLabel={unread ? `Notifications: ${unread} unread` : "Notifications"}
      contentLabel="Notifications"
      triggerClassName="relative rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100"
      contentClassName="w-80"
      trigger={
        <>
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="h-5 w-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
          >
            <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Z" strokeLinejoin="round" />
            <path d="M10 20.5a2 2 0 0 0 4 0" strokeLinecap="round" />
          </svg>
          {unread > 0 && (
            <span className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white tabular-nums">
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </>
      }
    >
      <div className="mb-2 flex items-center justify-between">
        <p className="font-semibold">Notifications</p>
        {unread > 0 && (
          <button
            type="button"
            onClick={() => read.mutate()}
            className="text-xs text-indigo-700 hover:underline"
          >
            Mark all read
          </button>
        )}
      </div>
      {inbox.isPending && <p className="text-slate-500">Loading…</p>}
      {inbox.data?.notifications.length === 0 && (
        <p className="text-slate-500">Nothing yet. Add a rule with Notifications… in a composition.</p>
      )}
      <div className="max-h-96 space-y-1 overflow-y-auto">
        {inbox.data?.notifications.map((notification) => (
          <MenuLink
            key={notification.id}
            href={new URL(notification.link, "http://x").pathname}
            onSelect={notification.read ? undefined : () => readOne.mutate(notification.id)}
            className={`block rounded-md px-2 py-1.5 hover:bg-slate-50 ${notification.read ? "text-slate-600" : "font-medium text-slate-900"}`}
          >
            <span className="block">{notification.title}</span>
            {notification.body && (
              <span className="block truncate text-xs font-normal text-slate-500">{notification.body}</span>
            )}
            <span className="block text-[11px] font-normal text-slate-500">
              <DateTime iso={notification.createdAt} />
            </span>
          </MenuLink>
        ))}
      </div>
    </Menu>
  );
}
