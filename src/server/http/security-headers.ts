import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers every response carries (OWASP ASVS V14). The CSP allows only our own scripts;
 * antd injects styles at run time, hence 'unsafe-inline' for styles alone.
 */
export function makeSecurityHeaders(options: { hsts: boolean }) {
  return async function securityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const isDocs = request.url.startsWith('/api/docs');
    void reply.header(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self'${isDocs ? " 'unsafe-inline'" : ''}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
      ].join('; '),
    );
    void reply.header('X-Content-Type-Options', 'nosniff');
    void reply.header('X-Frame-Options', 'DENY');
    void reply.header('Referrer-Policy', 'same-origin');
    void reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    void reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.hsts) void reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
  };
}
