// kubeless function deploy hello --runtime nodejs20 --from-file hello.js --handler hello.hello
module.exports = {
  hello: () => 'hello world',
};
