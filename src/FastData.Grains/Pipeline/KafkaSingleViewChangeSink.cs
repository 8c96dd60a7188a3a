using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        var message = new JsonObject
        {
            ["operationType"] = change.OperationType.ToString().ToUpperInvariant(),
            ["singleViewName"] = change.SingleViewName,
            ["documentId"] = AggregationEngine.ParseIdentifier(model.SingleViews[change.SingleViewName], change.DocumentId),
            ["key"] = change.DocumentId,
            ["timestamp"] = change.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        };
        if (includeDocuments && change.Before is not null)
        {
            message["before"] = change.Before.DeepClone();
        }

        if (includeDocuments && change.After is not null)
        {
            message["after"] = change.After.DeepClone();
        }

        var value = JsonSerializer.SerializeToUtf8Bytes(message);
        await publisher.PublishAsync(TopicOf(topicFormat, change.SingleViewName), Encoding.UTF8.GetBytes(change.DocumentId), value, null, cancellationToken).ConfigureAwait(false);
    }
}
