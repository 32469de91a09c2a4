import Fastify from 'fastify';
import orders from './index.js';

// A test harness builds its own app around the plugin; it is not the application.
const app = Fastify();
app.register(orders);
app.post('/test-only', async () => ({}));
