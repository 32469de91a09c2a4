'use strict';

const { build: buildApplication } = require('fastify-cli/helper');
const path = require('node:path');

const AppPath = path.join(__dirname, '..', 'app.js');

async function build() {
  return buildApplication([AppPath], {});
}

module.exports = { build };
