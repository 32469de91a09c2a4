import type { FastifyInstance } from 'fastify';

/**
 * Meant to protect the reports. RouteGuard missing-auth: this plugin is not wrapped in
 * fastify-plugin, so autoload gives it its own encapsulated context: the hook guards the routes
 * of this (empty) context only, and `GET /api/reports/payroll/export` stays public.
 */
export default async function adminGuard(fastify: FastifyInstance) {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.addHook('onRequest', fastify.requireRole('admin'));
}
