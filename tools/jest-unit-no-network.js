// The unit tier runs without a database, Redis or any network: a unit test that opens a socket fails at once
// with a message saying where such a test belongs, instead of passing on a machine where the services happen
// to run. (Integration tests are named *.int.spec.ts.)
const net = require('node:net');

const refuse = function () {
  throw new Error('unit tests (*.spec.ts) must not open network connections; name an integration test *.int.spec.ts');
};
net.Socket.prototype.connect = refuse;
net.Server.prototype.listen = refuse;
