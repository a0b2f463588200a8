"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NotificationBell } from "./notifications/bell";
import { Menu, MenuLink } from "./ui/menu";

const sections = [
  { href: "/", label: "Dashboard" },
  { href: "/compositions", label: "Compositions" },
  { href: "/executions", label: "Executions" },
  { href: "/schedules", label: "Schedules" },
  { href: "/templates", label: "Templates" },
  { href: "/workflows", label: "Workflows" },
  { href: "/data-sources", label: "Data sources" },
];

const isActive = (href: string, pathname: string) =>
  href === "/" ? pathname === "/" : pathname.startsWith(href);

export function AppHeader({ user }: { user: { name: string; email: string; role: string } }) {
  const pathname = usePathname();
  const current = sections.find((section) => isActive(section.href, pathname));
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-3 md:px-6 lg:gap-8">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Query<span className="text-indigo-600">Flow</span>
        </Link>
        {/* Below 1024 px the sections fold into a menu that names the current one. */}
        <nav aria-label="Main" className="lg:hidden">
          <Menu
            triggerClassName="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-indigo-700 hover:bg-slate-100"
            trigger={
              <>
                <span aria-hidden>☰</span> {current?.label ?? "Menu"}
              </>
            }
            contentLabel="Sections"
            contentClassName="w-52"
          >
            {sections.map((section) => (
              <MenuLink
                key={section.href}
                href={section.href}
                className={`block rounded-md px-2 py-1.5 ${section === current ? "font-medium text-indigo-700" : "text-slate-700"}`}
              >
                {section.label}
              </MenuLink>
            ))}
          </Menu>
        </nav>
        <nav aria-label="Main" className="hidden min-w-0 gap-1 lg:flex">
          {sections.map((section) => {
            const active = section === current;
            return (
              <Link
                key={section.href}
                href={section.href}
                aria-current={active ? "page" : undefined}
                className={`shrink-0 rounded-md px-2 py-1.5 text-sm font-medium lg:px-3 ${
                  active
                    ? "bg-indigo-50 text-indigo-700"
                    : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-1">
          <NotificationBell />
          <Menu
            triggerLabel="Account"
            triggerClassName="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
            trigger={
              <>
                <span className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
                  {user.name.slice(0, 1).toUpperCase()}
                </span>
                <span className="hidden text-slate-700 lg:inline">{user.name}</span>
              </>
            }
          >
            <p className="font-medium">{user.name}</p>
            <p className="truncate text-slate-500">{user.email}</p>
            {user.role === "admin" && (
              <p className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
                Admin
              </p>
            )}
            <div className="mt-3 space-y-1">
              <MenuLink href="/account">Account and API tokens</MenuLink>
              {user.role === "admin" && <MenuLink href="/admin/invites">Invite people</MenuLink>}
              <MenuLink href="/sign-out">Sign out</MenuLink>
            </div>
          </Menu>
        </div>
      </div>
    </header>
  );
}
