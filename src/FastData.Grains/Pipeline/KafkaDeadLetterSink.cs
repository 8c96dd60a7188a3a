using System.Globalization;
using System.Text;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Pipeline;

/// <summary>
/// Sends events the pipeline could not apply to the dead-letter topic (the same one the stream provider uses for
/// records it cannot decode): the original record image as value, the key, and what went wrong and where it came
/// from in headers.
/// </summary>
public sealed class KafkaDeadLetterSink(IKafkaPublisher publisher, string topic) : IDeadLetterSink
{
    public async ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, byte[]>>
        {
            Header("fastdata.reason", deadLetter.Reason),
            Header("fastdata.detail", deadLetter.Detail),
            Header("fastdata.projection", deadLetter.Projection),
            Header("fastdata.original.topic", deadLetter.Topic),
            Header("fastdata.original.partition", deadLetter.Partition.ToString(CultureInfo.InvariantCulture)),
            Header("fastdata.original.offset", deadLetter.Offset.ToString(CultureInfo.InvariantCulture)),
        };
        await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(deadLetter.Key), deadLetter.Payload.ToArray(), headers, cancellationToken).ConfigureAwait(false);
    }

    private static KeyValuePair<string, byte[]> Header(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
