'use strict';

module.exports = async function (server, options) {
  // Optional authentication guards nothing.
  // expect: missing-auth
  server.post(options.apiPrefix + 'articles/:slug/favorite', { onRequest: [server.authenticateOptional] }, async (request) => ({ favorited: request.params.slug }));

  // expect-none: missing-auth
  // expect: missing-authz -- a delete behind authentication only
  server.delete(options.apiPrefix + 'articles/:slug', { onRequest: [server.authenticate] }, async (request) => ({ removed: request.params.slug }));
};
