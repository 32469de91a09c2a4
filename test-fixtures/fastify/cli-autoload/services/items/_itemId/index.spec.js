'use strict';

module.exports = async function (fastify) {
  fastify.delete('/never-loaded', async () => ({}));
};
