'use strict';

const path = require('node:path');
const AutoLoad = require('@fastify/autoload');

// expect: missing-security-headers
module.exports = async function (fastify, opts) {
  fastify.register(AutoLoad, {
    dir: path.join(__dirname, 'plugins'),
    options: Object.assign({}, opts),
  });

  // Folder names are not prefixes here; files set their own with `autoPrefix`.
  fastify.register(AutoLoad, {
    dir: path.join(__dirname, 'routes'),
    dirNameRoutePrefix: false,
    options: { prefix: '/v1' },
  });

  // `_itemId` folders become `:itemId` parameters.
  fastify.register(AutoLoad, {
    dir: path.join(__dirname, 'services'),
    routeParams: true,
    ignorePattern: /.*\.spec\.js$/,
  });
};
