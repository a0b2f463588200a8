import type { ButtonHTMLAttributes } from "react";

const variants = {
  /** The one main action of a form or page. */
  primary: "bg-indigo-600 font-medium text-white hover:bg-indigo-500",
  /** A neutral action beside the primary one. */
  secondary: "border border-slate-300 bg-white hover:bg-slate-50",
  /** Cancel, Close and other ways out. */
  quiet: "hover:bg-slate-100",
  /** The confirmed destructive action. */
  danger: "bg-red-600 font-medium text-white hover:bg-red-500",
  /** A destructive action that still asks first. */
  dangerQuiet: "text-red-700 hover:bg-red-50",
} as const;

const sizes = { md: "px-3 py-1.5 text-sm", sm: "px-2.5 py-1 text-xs" } as const;

export type ButtonVariant = keyof typeof variants;

/** The house button: a variant for its role, `type="button"` unless it submits. */
export function Button({
  variant = "secondary",
  size = "md",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof sizes }) {
  return (
    <button
      type={type}
      className={`rounded-md ${sizes[size]} ${variants[variant]} disabled:cursor-not-allowed disabled:opacity-60 ${className}`}
      {...props}
    />
  );
}
