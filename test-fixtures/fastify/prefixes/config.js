'use strict';

module.exports = { API_PREFIX: '/api' };
