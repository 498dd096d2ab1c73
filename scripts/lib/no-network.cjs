// Preloaded (node --require) into graded submissions: any connection or datagram to an
// address other than loopback fails at once with a clear error. Grading runs offline.
'use strict';
const net = require('node:net');
const dgram = require('node:dgram');
const dns = require('node:dns');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const refuse = (host) => {
  const error = new Error(`red desactivada durante la corrección: solo se permite 127.0.0.1 (se intentó ${host})`);
  error.code = 'EGRADINGNONET';
  return error;
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const options = typeof first === 'object' && first !== null && !Array.isArray(first) ? first : undefined;
  const host = options ? options.host : typeof args[1] === 'string' ? args[1] : undefined;
  const path = options ? options.path : typeof first === 'string' && Number.isNaN(Number(first)) ? first : undefined;
  if (!path && host !== undefined && !LOOPBACK.test(String(host))) {
    process.nextTick(() => this.destroy(refuse(host)));
    return this;
  }
  return connect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  const address = args.find((a, i) => i > 0 && typeof a === 'string');
  if (address !== undefined && !LOOPBACK.test(address)) throw refuse(address);
  return send.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!LOOPBACK.test(String(hostname))) {
    const callback = rest.find((a) => typeof a === 'function');
    if (callback) process.nextTick(() => callback(refuse(hostname)));
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
