'use strict';

/** A helper given the instance: its routes belong to the caller's context. */
function registerHealth(app) {
  // expect-none: missing-auth
  app.get('/healthz', async () => ({ ok: true }));
}

module.exports = { registerHealth };
