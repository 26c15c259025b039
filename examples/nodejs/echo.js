// Returns what the function saw: the body and the Kubeless event fields.
// kubeless function deploy echo --runtime nodejs20 --from-file echo.js --handler echo.echo
module.exports = {
  echo: (event, context) => ({
    data: event.data,
    'event-id': event['event-id'],
    'event-type': event['event-type'],
    'event-time': event['event-time'],
    'event-namespace': event['event-namespace'],
    function: context['function-name'],
  }),
};
