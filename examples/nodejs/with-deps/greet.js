// Uses a dependency installed by the init container from package.json.
// kubeless function deploy greet --runtime nodejs20 --from-file greet.js --handler greet.greet --dependencies package.json
const { kebabCase } = require('lodash');
module.exports = {
  greet: (event) => `hello-${kebabCase(String(event.data || 'kubeless user'))}`,
};
