// Drives releat gRPC servers with Node's @grpc/grpc-js, a second independent gRPC implementation.
// Usage: node interop_client.js SCENARIO PORT PROTO_DIR
// Echo scenarios drive the test's echo service; gateway_* scenarios the mt5-gateway running as its own process
// (tokens from RELEAT_READ_TOKEN and RELEAT_TRADE_TOKEN). Prints "PASS <scenario>" and exits 0, or "FAIL ..." and 1.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [scenario, port, protoDir] = process.argv.slice(2);
const address = `127.0.0.1:${port}`;
const load = (file) => grpc.loadPackageDefinition(protoLoader.loadSync(path.join(protoDir, file),
  { includeDirs: [protoDir], keepCase: true, longs: Number, enums: String, defaults: true }));

function fail(message) {
  console.log('FAIL ' + message);
  process.exit(1);
}

function call(client, method, request, options = {}) {
  const metadata = new grpc.Metadata();
  if (options.token) metadata.set('authorization', 'Bearer ' + options.token);
  const deadline = new Date(Date.now() + (options.timeoutMs || 15000));
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline }, (error, reply) => (error ? reject(error) : resolve(reply)));
  });
}

async function expectCode(promise, code, what) {
  try {
    await promise;
  } catch (error) {
    if (error.code !== code) fail(`${what}: expected ${grpc.status[code]}, got ${grpc.status[error.code]}: ${error.details}`);
    return error;
  }
  fail(`${what} succeeded`);
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.on('data', (item) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

function echoClient() {
  const { Echo } = load('echo.proto').releat.test.v1;
  return new Echo(address, grpc.credentials.createInsecure());
}

function reflectionList(version, symbol) {
  const pkg = load(`grpc/reflection/${version}/reflection.proto`).grpc.reflection[version];
  const client = new pkg.ServerReflection(address, grpc.credentials.createInsecure());
  const stream = client.ServerReflectionInfo({ deadline: new Date(Date.now() + 15000) });
  const replies = readAll(stream);
  stream.write({ list_services: '' });
  stream.write({ file_containing_symbol: symbol });
  stream.end();
  return replies;
}

async function reflection(symbol, version) {
  const [listed, files] = await reflectionList(version, symbol);
  const names = listed.list_services_response.service.map((s) => s.name);
  for (const expected of [symbol, 'grpc.health.v1.Health']) {
    if (!names.includes(expected)) fail(`${version} list_services lacks ${expected}: ${names}`);
  }
  const described = files.file_descriptor_response.file_descriptor_proto;
  if (!described.length || !described.some((bytes) => Buffer.from(bytes).includes(Buffer.from(symbol.split('.').pop())))) {
    fail(`${version} file_containing_symbol(${symbol}) returned no file describing it`);
  }
}

async function healthCheck(services) {
  const { Health } = load('grpc/health/v1/health.proto').grpc.health.v1;
  const client = new Health(address, grpc.credentials.createInsecure());
  for (const service of services) {
    const reply = await call(client, 'Check', { service });
    if (reply.status !== 'SERVING') fail(`Check(${service}) = ${reply.status}`);
  }
  await expectCode(call(client, 'Check', { service: 'no.such.Service' }), grpc.status.NOT_FOUND, 'Check of an unknown service');
}

function healthWatch(service) {
  // Prints each status until NOT_SERVING; the test stops the server after the first line.
  const { Health } = load('grpc/health/v1/health.proto').grpc.health.v1;
  const client = new Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    const stream = client.Watch({ service }, { deadline: new Date(Date.now() + 60000) });
    stream.on('data', (reply) => {
      console.log('STATUS ' + reply.status);
      if (reply.status === 'NOT_SERVING') {
        stream.cancel();
        resolve();
      }
    });
    stream.on('error', (error) => {
      if (error.code !== grpc.status.CANCELLED) fail(`watch failed: ${grpc.status[error.code]} ${error.details}`);
    });
  });
}

const scenarios = {
  async shapes() {
    const echo = echoClient();
    const unary = await call(echo, 'Unary', { text: 'EURUSD', payload: Buffer.from([1, 2]) });
    if (unary.text !== 'EURUSD' || Buffer.compare(unary.payload, Buffer.from([1, 2])) !== 0) fail('unary gave ' + JSON.stringify(unary));
    const counts = (await readAll(echo.ServerStream({ text: 'x', count: 20, payload_size: 8 }))).map((r) => r.count);
    if (counts.join() !== [...Array(20).keys()].join()) fail('server stream gave ' + counts);
    const joined = await new Promise((resolve, reject) => {
      const stream = echo.ClientStream((error, reply) => (error ? reject(error) : resolve(reply)));
      for (const text of ['a', 'b', 'c']) stream.write({ text });
      stream.end();
    });
    if (joined.text !== 'abc' || joined.count !== 3) fail('client stream gave ' + JSON.stringify(joined));
    const duplex = echo.Duplex();
    const replies = readAll(duplex);
    for (let i = 0; i < 5; i++) duplex.write({ text: 't' + i });
    duplex.end();
    const got = (await replies).map((r) => `${r.text}:${r.count}`).join();
    if (got !== 't0:1,t1:2,t2:3,t3:4,t4:5') fail('duplex gave ' + got);
  },
  async statuses() {
    const echo = echoClient();
    await expectCode(call(echo, 'Sleep', { milliseconds: 5000 }, { timeoutMs: 300 }), grpc.status.DEADLINE_EXCEEDED, 'sleep past the deadline');
    const failed = await expectCode(call(echo, 'Fail', { code: 9, message: 'market closed' }), grpc.status.FAILED_PRECONDITION, 'Fail');
    if (failed.details !== 'market closed' || failed.metadata.get('failure-reason')[0] !== 'requested') fail('Fail status lost its detail or trailer');
    const crashed = await expectCode(call(echo, 'Crash', {}), grpc.status.UNKNOWN, 'Crash');
    if (crashed.details.includes('secret')) fail('exception text leaked: ' + crashed.details);
    const unknown = new grpc.Client(address, grpc.credentials.createInsecure());
    await expectCode(new Promise((resolve, reject) => unknown.makeUnaryRequest('/releat.test.v1.Echo/NoSuchMethod', (b) => b, (b) => b,
      Buffer.alloc(0), (error, reply) => (error ? reject(error) : resolve(reply)))), grpc.status.UNIMPLEMENTED, 'unknown method');
    // Cancellation: the server handler's token must fire.
    const id = 'node-' + Date.now();
    const waiting = echo.WaitForCancellation({ id });
    await new Promise((resolve) => waiting.once('data', resolve));
    const cancelled = new Promise((resolve) => waiting.on('error', resolve));
    waiting.cancel();
    if ((await cancelled).code !== grpc.status.CANCELLED) fail('cancel did not end the call CANCELLED');
    // The server waits up to 30 s for the handler's token (the reset reaches it asynchronously); the call allows longer.
    const seen = await call(echo, 'WasCancelled', { id }, { timeoutMs: 45000 });
    if (seen.count !== 1) fail("the server handler's token did not fire after the client cancelled");
  },
  async health() {
    await healthCheck(['', 'releat.test.v1.Echo']);
  },
  async reflection() {
    await reflection('releat.test.v1.Echo', 'v1');
    await reflection('releat.test.v1.Echo', 'v1alpha');
  },
  async gateway_health() {
    await healthCheck(['', 'releat.v1.Trading', 'releat.v1.MarketData']);
  },
  async gateway_reflection() {
    await reflection('releat.v1.Trading', 'v1');
    await reflection('releat.v1.Trading', 'v1alpha');
  },
  async gateway_auth() {
    const { Trading } = load('releat/v1/trading.proto').releat.v1;
    const trading = new Trading(address, grpc.credentials.createInsecure());
    const order = { client_order_id: 'node-denied', symbol: 'EURUSD', side: 'ORDER_SIDE_BUY', volume: 0.01 };
    const anonymous = await expectCode(call(trading, 'GetAccount', {}), grpc.status.UNAUTHENTICATED, 'GetAccount without a token');
    if (!String(anonymous.metadata.get('www-authenticate')[0] || '').startsWith('Bearer')) fail('no www-authenticate challenge');
    await call(trading, 'GetAccount', {}, { token: process.env.RELEAT_READ_TOKEN });
    await expectCode(call(trading, 'SendOrder', order, { token: process.env.RELEAT_READ_TOKEN }), grpc.status.PERMISSION_DENIED, 'SendOrder with a read token');
  },
  async gateway_rate() {
    const { Trading } = load('releat/v1/trading.proto').releat.v1;
    const trading = new Trading(address, grpc.credentials.createInsecure());
    const token = process.env.RELEAT_TRADE_TOKEN;
    const order = (i) => ({ client_order_id: 'node-rate-' + i, symbol: 'EURUSD', side: 'ORDER_SIDE_BUY', volume: 0.01 });
    await call(trading, 'SendOrder', order(0), { token });
    await call(trading, 'SendOrder', order(1), { token });
    const refused = await expectCode(call(trading, 'SendOrder', order(2), { token }), grpc.status.RESOURCE_EXHAUSTED, 'third order');
    const retryAfter = Number(refused.metadata.get('retry-after')[0]);
    if (!(retryAfter >= 1)) fail('retry-after was ' + refused.metadata.get('retry-after'));
  },
  async drain_watch() {
    await healthWatch('');
  },
};

const run = scenarios[scenario] || (() => fail('no scenario ' + scenario));
Promise.resolve(run()).then(() => {
  console.log('PASS ' + scenario);
  process.exit(0);
}, (error) => fail(`${scenario} threw: ${error && error.stack ? error.stack : error}`));
