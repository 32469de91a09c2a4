import cors, { type CorsOptions } from 'cors';

const allowlist = ['https://app.example.com', 'https://admin.example.com'];

// ---- permissive: each of these lets an attacker's page read answers

export const reflectAll = cors({
  // expect: permissive-cors
  origin: true,
  credentials: true,
});

// expect: permissive-cors
export const star = cors({ origin: '*' });

const sessionCorsOptions: CorsOptions = {
  credentials: true,
  methods: ['GET', 'POST'],
};
// expect: permissive-cors
export const sessionCors = cors(sessionCorsOptions);

// expect: permissive-cors
export const envOrStar = cors({ origin: process.env.CORS_ORIGIN || '*' });

// expect: permissive-cors
export const suffixOnly = cors({ origin: /example\.com$/ });

// expect: permissive-cors
export const alternation = cors({ origin: /^https:\/\/app\.example\.com|https:\/\/admin\.example\.com$/ });

export const mixedList = cors({
  origin: [
    /^https:\/\/(www\.)?example\.com$/,
    // expect: permissive-cors
    /partner\.example\.org/,
  ],
});

export const allowEverything = cors({
  // expect: permissive-cors
  origin: (origin, callback) => {
    callback(null, true);
  },
  credentials: true,
});

export const containsCheck = cors({
  origin(origin, callback) {
    // expect: permissive-cors
    if (!origin || origin.includes('example.com')) return callback(null, true);
    callback(new Error('Not allowed by CORS'));
  },
});

export const anyOfList = cors({
  origin(origin, callback) {
    // expect: permissive-cors
    const ok = !origin || allowlist.some((allowed) => origin.startsWith(allowed));
    callback(ok ? null : new Error('Not allowed by CORS'), ok);
  },
});

// ---- near-misses: these must stay quiet

// expect-none: permissive-cors
export const partnerCors = cors({ origin: allowlist, credentials: true });

// expect-none: permissive-cors
export const anchored = cors({ origin: /^https:\/\/([a-z0-9-]+\.)?example\.com$/ });

// expect-none: permissive-cors
export const grouped = cors({ origin: /^https:\/\/(app|admin)\.example\.com$/ });

// expect-none: permissive-cors
export const fromEnv = cors({ origin: process.env.CORS_ORIGIN?.split(','), credentials: true });

// expect-none: permissive-cors
export const disabled = cors({ origin: false });

export const trustedCors = cors({
  // expect-none: permissive-cors
  origin(origin, callback) {
    if (!origin || allowlist.includes(origin)) return callback(null, true);
    callback(new Error('Not allowed by CORS'));
  },
  credentials: true,
});

export const subdomains = cors({
  // expect-none: permissive-cors
  origin: (origin, callback) => {
    const ok = !origin || origin === 'https://example.com' || origin.endsWith('.example.com');
    callback(null, ok);
  },
});
