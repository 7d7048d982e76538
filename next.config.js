// @ts-check
/** Security headers sent with every response. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets several checkouts or test runs build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Trailing slashes are answered by proxy.ts: a redirect for pages, a 404 for the API, so that
  // `/api/datasets/%2e%2e` (resolved to `/api/`) is not redirected to `/api`.
  skipTrailingSlashRedirect: true,
  experimental: {
    // Pages take no bodies (there are no server actions): buffer at most 64 KB of one for proxy.ts.
    proxyClientMaxBodySize: "64kb",
  },
  reactStrictMode: true,
  // `npm test` runs tsc itself; it sets this to skip the second type-check inside `next build`.
  typescript: { ignoreBuildErrors: process.env.CUTOFF_SKIP_BUILD_TYPECHECK === "1" },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get theirs, with a nonce, from proxy.ts.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
