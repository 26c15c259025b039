// Logs every event it receives (read them with `kubeless function logs pubsub`)
// and counts them in module state, which survives between calls.
// kubeless function deploy pubsub --runtime nodejs20 --from-file pubsub.js --handler pubsub.handler --label topic=demo-topic
let received = 0;
module.exports = {
  handler: (event) => {
    received += 1;
    console.log(`event ${received} from ${event['event-namespace']}: ${JSON.stringify(event.data)}`);
    return { received };
  },
};
