'use strict';

const path = require('node:path');
const fp = require('fastify-plugin');
const autoload = require('@fastify/autoload');

async function app(server, config) {
  server.register(autoload, { dir: path.join(__dirname, 'plugins'), options: config });
  server.register(autoload, { dir: path.join(__dirname, 'routes'), options: config, dirNameRoutePrefix: false });
}

module.exports = fp(app);
