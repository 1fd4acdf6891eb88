// Integration and end-to-end files use the network: undo the unit tier's refusal if a unit file ran earlier in
// the same Jest worker (see tools/jest-unit-no-network.js).
const net = require('node:net');

const originals = net.Socket.prototype[Symbol.for('fleet.test.net-originals')];
if (originals) {
  net.Socket.prototype.connect = originals.connect;
  net.Server.prototype.listen = originals.listen;
}
