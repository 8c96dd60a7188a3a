using System.Text;
using FastData.Grains.Commands;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Host.Commands;

/// <summary>Publishes the command body on the system's outbound topic (key = command id; headers: command id and type).</summary>
public sealed class KafkaCommandExecutor(IKafkaPublisher publisher, string topic) : ICommandExecutor
{
    public async Task ExecuteAsync(CommandEnvelope command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            await publisher.PublishAsync(
                topic,
                Encoding.UTF8.GetBytes(command.Id),
                Encoding.UTF8.GetBytes(command.Payload.GetRawText()),
                [new("command-id", Encoding.UTF8.GetBytes(command.Id)), new("command-type", Encoding.UTF8.GetBytes(command.Type))],
                cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaPublishException e)
        {
            throw new CommandExecutionException($"Kafka did not acknowledge the command on {topic}: {e.Message}", retryable: true, e);
        }
    }
}
