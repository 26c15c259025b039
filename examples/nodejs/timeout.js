// Never answers in time: with --timeout 2 a call gets 408 and
// `kubeless function call` prints "Request timeout exceeded".
module.exports = {
  wait: () => new Promise((resolve) => setTimeout(() => resolve('too late'), 60_000)),
};
