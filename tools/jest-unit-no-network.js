// The unit tier runs without a database, Redis or any network: a unit test that opens a socket fails at once
// with a message saying where such a test belongs, instead of passing on a machine where the services happen
// to run. (Integration tests are named *.int.spec.ts.) Node's `net` module is shared by every test file a Jest
// worker runs, so the originals are kept and put back before each integration or end-to-end file
// (tools/jest-network-allowed.js), whatever order a mixed run takes.
const net = require('node:net');

const ORIGINALS = Symbol.for('fleet.test.net-originals');
if (!net.Socket.prototype[ORIGINALS]) {
  net.Socket.prototype[ORIGINALS] = { connect: net.Socket.prototype.connect, listen: net.Server.prototype.listen };
}
const refuse = function () {
  throw new Error('unit tests (*.spec.ts) must not open network connections; name an integration test *.int.spec.ts');
};
net.Socket.prototype.connect = refuse;
net.Server.prototype.listen = refuse;
