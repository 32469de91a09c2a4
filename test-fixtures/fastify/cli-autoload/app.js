'use strict';

const path = require('node:path');
const AutoLoad = require('@fastify/autoload');

// todo-expect: missing-security-headers -- the fastify-cli entry plugin is the app (fastify start creates the server), but the rule counts only Fastify() creation calls
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
