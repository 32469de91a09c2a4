import express from 'express';
import bodyParser from 'body-parser';
import fileUpload from 'express-fileupload';
import { rateLimit } from 'express-rate-limit';
import { importsRouter } from './routes/imports';
import { uploadsRouter } from './routes/uploads';
import { streamsRouter } from './routes/streams';

const FORM_LIMIT = '20mb';

// expect: missing-security-headers
const app = express();
app.use(rateLimit({ windowMs: 60 * 1000, limit: 100 }));

// expect: missing-body-limit -- 50 MB of JSON for every route registered below
app.use(express.json({ limit: '50mb' }));
// expect: missing-body-limit -- arithmetic: 10 MB
app.use(bodyParser.json({ limit: 10 * 1024 * 1024 }));
// expect: missing-body-limit -- a constant of the file holding '20mb'
app.use(bodyParser.urlencoded({ extended: true, limit: FORM_LIMIT }));
// expect-none: missing-body-limit -- 100kb stays under 1 MB
app.use(express.urlencoded({ extended: false, limit: '100kb' }));
// expect-none: missing-body-limit -- exactly 1 MB is the threshold, not above it
app.use(express.text({ limit: '1mb' }));
// expect-none: missing-body-limit -- no option: the 100 KB default
app.use(bodyParser.text());
// expect-none: missing-body-limit -- decided at run time; nothing to read
app.use(express.raw({ limit: process.env.RAW_LIMIT }));

app.use(
  // expect: missing-body-limit -- express-fileupload has no file size limit by default
  fileUpload({ useTempFiles: true }),
);

app.use('/imports', importsRouter);
app.use('/uploads', uploadsRouter);
app.use('/streams', streamsRouter);

app.listen(3000);
