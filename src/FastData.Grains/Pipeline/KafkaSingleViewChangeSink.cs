using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Pipeline;

/// <summary>
/// Publishes <c>sv-update</c> events on each single view's topic, keyed by the single-view key so that the events
/// of one document stay in order: <c>{"operationType", "singleViewName", "documentId": {key fields}, "key",
/// "timestamp", "before"?, "after"?}</c>; the documents only when <c>includeDocuments</c>.
/// </summary>
public sealed class KafkaSingleViewChangeSink(IKafkaPublisher publisher, FastDataModel model, string topicFormat, bool includeDocuments) : ISingleViewChangeSink
{
    /// <summary>The topic of <paramref name="singleView"/>: <paramref name="topicFormat"/> with {0} = its name.</summary>
    public static string TopicOf(string topicFormat, string singleView) => string.Format(CultureInfo.InvariantCulture, topicFormat, singleView);

    public async ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("operationType", change.OperationType.ToString().ToUpperInvariant());
            writer.WriteString("singleViewName", change.SingleViewName);
            writer.WritePropertyName("documentId");
            AggregationEngine.ParseIdentifier(model.SingleViews[change.SingleViewName], change.DocumentId).WriteTo(writer);
            writer.WriteString("key", change.DocumentId);
            writer.WriteString("timestamp", change.Timestamp.ToString("O", CultureInfo.InvariantCulture));

            // The stored bytes as they are: no tree is built to publish a document.
            if (includeDocuments && !change.Before.IsEmpty)
            {
                writer.WritePropertyName("before");
                writer.WriteRawValue(change.Before.Span);
            }

            if (includeDocuments && !change.After.IsEmpty)
            {
                writer.WritePropertyName("after");
                writer.WriteRawValue(change.After.Span);
            }

            writer.WriteEndObject();
        }

        await publisher.PublishAsync(TopicOf(topicFormat, change.SingleViewName), Encoding.UTF8.GetBytes(change.DocumentId), buffer.WrittenMemory.ToArray(), null, cancellationToken).ConfigureAwait(false);
    }
}
