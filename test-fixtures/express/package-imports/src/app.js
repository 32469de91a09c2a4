import express from 'express';
import helmet from 'helmet';
import orders from '#src/routes/orders';
import { requireSession } from '#guards';

const app = express();
app.use(helmet());
app.use(express.json());
// The guard and the router both come through subpath imports: the mount prefix and guard apply.
app.use('/api/orders', requireSession, orders);

export default app;
